import { describe, expect, it } from "vitest";
import { answerText, notFoundText, questionProblemText } from "../../src/texts/answer-texts.js";
import { pickLang } from "../../src/texts/lang.js";

describe("pickLang", () => {
  it("follows the script of the user's words when it is clear", () => {
    expect(pickLang({ text: "Хто такий Серджіо Гор?", languageCode: "en" })).toBe("uk");
    expect(pickLang({ text: "Who is Sergio Gor?", languageCode: "uk" })).toBe("en");
    expect(pickLang({ text: "Кто такой Серджио Гор?" })).toBe("uk");
  });

  it("falls back to the client's language, then to the given default", () => {
    expect(pickLang({ text: "42?", languageCode: "en-GB" })).toBe("en");
    expect(pickLang({ text: "", languageCode: "de" })).toBe("uk");
    expect(pickLang({ languageCode: "EN" })).toBe("en");
    expect(pickLang({})).toBe("uk");
    expect(pickLang({ text: "?!" }, "en")).toBe("en");
  });
});

describe("answer texts", () => {
  it("word a not-found answer in the question's language, with the closest titles", () => {
    expect(notFoundText("uk", [])).toBe("У статтях немає відповіді на це питання.");
    expect(answerText({ notFound: true, question: "What is it?", closestTitles: ["A", "B"], answer: "" })).toBe(
      "The articles do not cover this question. Closest articles:\n- A\n- B",
    );
    expect(answerText({ notFound: false, question: "Що це?", closestTitles: [], answer: "Це [1]." })).toBe("Це [1].");
  });

  it("name the question length limit", () => {
    expect(questionProblemText("en", "too-long")).toMatch(/over 1000 characters/);
    expect(questionProblemText("uk", "empty")).toMatch(/порожнє/);
  });
});
