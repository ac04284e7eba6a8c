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

  it("dates a weekday by the tense of its own clause: a past report of an announced opening keeps its past day", () => {
    // The article (Thursday 5 February 2026) reports Tuesday's statement about May: "відкриють"
    // belongs to the May clause, so "У вівторок" is 3 February, not 10 February.
    const at = [cite(1, "2026-02-05")];
    expect(dateRelativeWords("У вівторок у КМДА повідомили, що станцію відкриють у травні. [1]", at, "uk")).toBe(
      "У вівторок (3 лютого 2026) у КМДА повідомили, що станцію відкриють у травні. [1]",
    );
    expect(dateRelativeWords("Роботи стартують у понеділок, повідомили в середу. [1]", at, "uk")).toBe(
      "Роботи стартують у понеділок (9 лютого 2026), повідомили в середу (4 лютого 2026). [1]",
    );
    expect(dateRelativeWords("Музей відкриють у п'ятницю. [1]", at, "uk")).toBe("Музей відкриють у п'ятницю (6 лютого 2026). [1]");
  });

  it("adds no date where the article names the day in its own words, whatever the question's language", () => {
    // An English question quoting a Ukrainian article: the note would be English, the day named Ukrainian.
    expect(dateRelativeWords("Розпорядження ухвалили вчора, 3 лютого. [1]", [cite(1, "2026-02-04")], "en")).toBe(
      "Розпорядження ухвалили вчора, 3 лютого. [1]",
    );
    // An English article writes the month first.
    expect(dateRelativeWords("The order was passed yesterday, February 3. [1]", [cite(1, "2026-02-04")], "en")).toBe(
      "The order was passed yesterday, February 3. [1]",
    );
    expect(dateRelativeWords("Вчера (3 февраля) приняли закон. [1]", [cite(1, "2026-02-04")], "uk")).toBe("Вчера (3 февраля) приняли закон. [1]");
    // A day named further on, after other words, is no such statement.
    expect(dateRelativeWords("Yesterday the order of February 3 was passed. [1]", [cite(1, "2026-02-04")], "en")).toBe(
      "Yesterday (3 February 2026) the order of February 3 was passed. [1]",
    );
  });
});
