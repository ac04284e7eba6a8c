import { describe, expect, it } from "vitest";
import { formatMoment } from "../../src/texts/format-time.js";
import { count, plural } from "../../src/texts/plural.js";
import { TIME_TEXTS } from "../../src/texts/time-texts.js";

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

describe("how many more a listing left out", () => {
  it("says 'it' of one article and 'them' of more, in both languages (21 стаття is still 'їх')", () => {
    expect(TIME_TEXTS.uk.more(1, null)).toBe("…і ще 1 стаття. Щоб побачити її, додайте до питання тему.");
    expect(TIME_TEXTS.uk.more(1, "2026-02-03")).toBe("…і ще 1 стаття. Щоб побачити її, запитайте про один день, наприклад: «Що було 3 лютого 2026?», або додайте тему.");
    expect(TIME_TEXTS.uk.more(21, null)).toBe("…і ще 21 стаття. Щоб побачити їх, додайте до питання тему.");
    expect(TIME_TEXTS.uk.more(2, null)).toBe("…і ще 2 статті. Щоб побачити їх, додайте до питання тему.");
    expect(TIME_TEXTS.en.more(1, "2026-02-03")).toBe("…and 1 more article. To see it, ask about one day, e.g. “What happened on 3 February 2026?”, or add a topic.");
    expect(TIME_TEXTS.en.more(1, null)).toBe("…and 1 more article. To see it, add a topic to the question.");
    expect(TIME_TEXTS.en.more(21, null)).toBe("…and 21 more articles. To see them, add a topic to the question.");
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
