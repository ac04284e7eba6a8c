import { describe, expect, it } from "vitest";
import type { Citation } from "../../src/answers/answer.js";
import { dateRelativeWords } from "../../src/knowledge-base/time-questions.js";

const cite = (n: number, date: string): Citation => ({
  n, articleId: `a${n}.md`, chunkId: `a${n}.md#0`, title: "Стаття", date, url: null, quote: "", start: 0, end: 0,
});

describe("dateRelativeWords", () => {
  it("dates «вчора» by the article's own date", () => {
    expect(dateRelativeWords("Розпорядження ухвалили вчора ввечері. [1]", [cite(1, "2026-02-04")], "uk")).toBe(
      "Розпорядження ухвалили вчора (3 лютого 2026) ввечері. [1]",
    );
  });

  it("adds no date where the article itself names the day right after «вчора»", () => {
    // "вчора (3 лютого 2026), 3 лютого" said the same day twice.
    expect(dateRelativeWords("Розпорядження ухвалили вчора, 3 лютого. [1]", [cite(1, "2026-02-04")], "uk")).toBe(
      "Розпорядження ухвалили вчора, 3 лютого. [1]",
    );
    // A different day after it is no such statement: the note stays.
    expect(dateRelativeWords("Ухвалили вчора, а 5 лютого оприлюднили. [1]", [cite(1, "2026-02-04")], "uk")).toBe(
      "Ухвалили вчора (3 лютого 2026), а 5 лютого оприлюднили. [1]",
    );
  });
});
