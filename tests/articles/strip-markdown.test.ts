import { describe, expect, it } from "vitest";
import { stripMarkdown } from "../../src/articles/strip-markdown.js";

describe("stripMarkdown", () => {
  it("drops thematic breaks and heading underlines, which a quote would show as a run of dashes", () => {
    const body = ["Новий парк", "==========", "", "Суми отримали парк.", "", "---", "", "* * *", "Мер", "---", "Сказав мер."].join("\n");
    expect(stripMarkdown(body)).toBe(["Новий парк", "", "Суми отримали парк.", "", "", "Мер", "Сказав мер."].join("\n"));
  });

  it("keeps a link's text whole when its address holds parentheses (Wikipedia's disambiguations)", () => {
    expect(stripMarkdown("Див. [Суми](https://uk.wikipedia.org/wiki/Суми_(місто)) і далі.")).toBe("Див. Суми і далі.");
  });

  it("leaves a dash, a lone rule character and arithmetic in the text", () => {
    const body = ["Ціна — 5 - 3 гривні.", "--", "2 * 3 = 6"].join("\n");
    expect(stripMarkdown(body)).toBe(body);
  });
});
