import { describe, expect, it } from "vitest";
import { readsAsQuestion } from "../../src/bot/reads-as-question.js";

describe("what reads as a question in a group without a mention", () => {
  it.each([
    ["він досі посланець?", true],
    ["а з ким він зустрівся", true],
    ["а що пишуть на https://example.org/forum", true],
    // A "?" in a link asks nothing; the words around it decide.
    ["глянь https://example.org/?id=5", false],
    ["глянь example.org/news?id=5", false],
    // Punctuation or emoji alone is a reaction, "?" or not.
    ["😂?", false],
    ["??", false],
    ["?!", false],
    ["🤔🤔?", false],
  ])("%s → %s", (text, expected) => {
    expect(readsAsQuestion(text)).toBe(expected);
  });
});
