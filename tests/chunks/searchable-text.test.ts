import { describe, expect, it } from "vitest";
import { searchableText } from "../../src/chunks/chunk.js";

describe("searchableText", () => {
  const chunk = { title: "Кабмін підвищив мінімалку", text: "Уряд ухвалив рішення про мінімальну зарплату.", n: 0 };

  it("puts a title with words the text lacks before an article's first chunk", () => {
    expect(searchableText(chunk)).toBe("Кабмін підвищив мінімалку\nУряд ухвалив рішення про мінімальну зарплату.");
  });

  it("leaves the other chunks as they are: the title on each made a dropped answer's topic look covered", () => {
    expect(searchableText({ ...chunk, n: 1 })).toBe(chunk.text);
  });

  it("adds nothing when the text holds every word of the title (a title derived from the body)", () => {
    const text = "Бішкек цього тижня приймає форум B5+1, на якому збираються посадовці.";
    expect(searchableText({ title: "Бішкек цього тижня приймає форум B5+1…", text, n: 0 })).toBe(text);
  });
});
