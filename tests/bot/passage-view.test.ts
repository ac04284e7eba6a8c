import { describe, expect, it } from "vitest";
import { passageView } from "../../src/bot/passage-view.js";
import { closeQuotes } from "../../src/texts/quotes.js";
import { tagsBalanced } from "./harness.js";

describe("passageView", () => {
  it("keeps every message under the limit with balanced tags, losing no text", () => {
    const sentence = "Довге речення про форум & <партнерів>. ";
    const text = sentence.repeat(300);
    const start = sentence.length * 150;
    const parts = passageView("<b>1 · T</b>", text, { start, end: start + sentence.length });
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(4096);
      expect(tagsBalanced(part)).toBe(true);
    }
    expect(parts.join("").match(/&lt;партнерів&gt;/g)).toHaveLength(300);
  });

  it("shows a run of tabs between words as one space, before, in and after the cited sentence", () => {
    const text = "Council\tapproved\t\tthe lanes. The\tmayor \t said so. Work\tstarts in May.";
    const parts = passageView("H", text, { start: text.indexOf("The"), end: text.indexOf("Work") }).join("\n");
    expect(parts).not.toContain("\t");
    expect(parts).toContain("Council approved the lanes.");
    expect(parts).toContain("<b>The mayor said so.</b>");
    expect(parts).toContain("Work starts in May.");
    expect(passageView("H", text, undefined).join("\n")).toContain("Council approved the lanes. The mayor said so.");
  });

  it("ignores offsets outside the passage", () => {
    expect(passageView("H", "Текст.", { start: 3, end: 99 })).toEqual(["H\n<blockquote expandable>Текст.</blockquote>"]);
  });
});

describe("closeQuotes", () => {
  it("closes open quotations and opens ones closed without an opening", () => {
    expect(closeQuotes("Він сказав «так")).toBe("Він сказав «так»");
    expect(closeQuotes("кінець цитати» і далі")).toBe("«кінець цитати» і далі");
    expect(closeQuotes('He said "yes')).toBe('He said "yes"');
    expect(closeQuotes("„Так“ і «ні»")).toBe("„Так“ і «ні»");
  });
});
