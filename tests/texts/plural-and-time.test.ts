import { describe, expect, it } from "vitest";
import { formatMoment } from "../../src/texts/format-time.js";
import { count, plural } from "../../src/texts/plural.js";

const ARTICLES_UK = { one: "стаття", few: "статті", many: "статей" };

describe("plural", () => {
  it("uses Ukrainian's three forms", () => {
    expect([1, 2, 4, 5, 11, 12, 21, 22, 25, 111].map((n) => plural("uk", n, ARTICLES_UK))).toEqual([
      "1 стаття", "2 статті", "4 статті", "5 статей", "11 статей", "12 статей", "21 стаття", "22 статті", "25 статей", "111 статей",
    ]);
  });

  it("uses Russian's and English's rules", () => {
    expect(plural("ru", 3, { one: "статья", few: "статьи", many: "статей" })).toBe("3 статьи");
    expect(plural("ru", 5, { one: "статья", few: "статьи", many: "статей" })).toBe("5 статей");
    expect([count(1, "article"), count(2, "article"), count(0, "article")]).toEqual(["1 article", "2 articles", "0 articles"]);
  });
});

describe("formatMoment", () => {
  it("says a timestamp as a person would", () => {
    expect(formatMoment("2026-11-25T18:57:06.515Z", "uk")).toBe("25 листопада 2026, 18:57 UTC");
    expect(formatMoment("2026-11-25T18:57:06.515Z", "en")).toBe("25 November 2026, 18:57 UTC");
    expect(formatMoment("2026-11-25T23:30:00Z", "uk", "Europe/Kyiv")).toBe("26 листопада 2026, 01:30");
    expect(formatMoment("not a date", "uk")).toBe("not a date");
  });
});
