import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/answers/sentences.js";

describe("splitSentences", () => {
  it("keeps exact offsets and glues abbreviations and initials back on", () => {
    const text = "  Дж. Р. Р. Толкін написав книгу у 1937 р. та інші.  Mr. Smith went to Washington! Що далі?";
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      "Дж. Р. Р. Толкін написав книгу у 1937 р. та інші.",
      "Mr. Smith went to Washington!",
      "Що далі?",
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
