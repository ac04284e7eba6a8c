import { describe, expect, it } from "vitest";
import { phraseMatches, termBigrams } from "../../src/retrieval/phrase-bonus.js";

describe("phrase bonus", () => {
  it("pairs adjacent index terms, skipping stop words and stemming", () => {
    expect([...termBigrams("Who captured the Fort Caroline?")]).toEqual(["captur fort", "fort carolin"]);
  });

  it("counts question bigrams found adjacent in the passage, not the same words apart", () => {
    const query = termBigrams("Хто заснував Форт Каролайн?");
    expect(phraseMatches(query, "Лодоньєр заснував форт Каролайн у Флориді.")).toBe(2);
    expect(phraseMatches(query, "Форт стояв у Флориді, а Каролайн — це назва.")).toBe(0);
    expect(phraseMatches(new Set(), "будь-який текст")).toBe(0);
  });
});
