import { describe, expect, it } from "vitest";
import { readsAsQuestion } from "../../src/bot/reads-as-question.js";

describe("what reads as a question in a group without a mention", () => {
  it.each([
    ["він досі посланець?", true],
    ["а з ким він зустрівся", true],
    ["did Gor meet Japarov", true],
    ["Встречался ли Гор с Жапаровым", true],
    ["а що пишуть на https://example.org/forum", true],
    // A site named alone is what is asked about, as with a mention.
    ["Booking.com?", true],
    ["А Node.js?", true],
    // A "?" in a link asks nothing; the words around it decide.
    ["глянь https://example.org/?id=5", false],
    ["глянь example.org/news?id=5", false],
    // The "?" that ends the sentence is not the link's.
    ["це він на https://t.me/news/5?", true],
    ["Gor said that www.example.org/interview?", true],
    // Punctuation or emoji alone is a reaction, "?" or not.
    ["😂?", false],
    ["??", false],
    ["?!", false],
    ["🤔🤔?", false],
    // Remarks that open with a question word.
    ["Як завжди, мимо", false],
    ["what a day", false],
    ["Как всегда", false],
  ])("%s → %s", (text, expected) => {
    expect(readsAsQuestion(text)).toBe(expected);
  });
});
