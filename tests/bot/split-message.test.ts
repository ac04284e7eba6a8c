import { describe, expect, it } from "vitest";
import { formatAnswer, formatAnswerMessage, formatSource, sourceButtonLabel } from "../../src/bot/format-answer.js";
import { escapedLength, escapeHtml } from "../../src/bot/html.js";
import { messages } from "../../src/bot/messages.js";
import { packBlocks, splitPlainText } from "../../src/bot/split-message.js";
import { answer, citation, tagsBalanced } from "./harness.js";

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

describe("splitPlainText", () => {
  it("returns short text unchanged (trimmed) and nothing for blank text", () => {
    expect(splitPlainText("  Привіт.  ", 100)).toEqual(["Привіт."]);
    expect(splitPlainText(" \n ", 100)).toEqual([]);
  });

  it("prefers paragraph boundaries", () => {
    const a = "Перший абзац. Ще речення.";
    const b = "Другий абзац.";
    expect(splitPlainText(`${a}\n\n${b}`, a.length + 3)).toEqual([a, b]);
  });

  it("falls back to sentence, then word boundaries, losing nothing", () => {
    const text = "Одне речення тут. Друге речення там! Третє? Так.";
    const parts = splitPlainText(text, 20);
    expect(parts).toEqual(["Одне речення тут.", "Друге речення там!", "Третє? Так."]);
    const longWords = "слово ".repeat(50).trim();
    const pieces = splitPlainText(longWords, 23);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(23);
    expect(words(pieces.join(" "))).toEqual(words(longWords));
  });

  it("never cuts a surrogate pair, even inside one huge word", () => {
    const text = "😀".repeat(30); // 60 UTF-16 units, no spaces
    const pieces = splitPlainText(text, 7);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(7);
      expect(piece).toMatch(/^(😀)+$/u);
    }
    expect(pieces.join("")).toBe(text);
  });

  it("measures the escaped length when asked, so escaped pieces still fit", () => {
    const text = Array.from({ length: 40 }, () => "a&b <c>").join(" ");
    for (const piece of splitPlainText(text, 50, escapedLength)) expect(escapeHtml(piece).length).toBeLessThanOrEqual(50);
  });
});

describe("packBlocks", () => {
  it("packs blocks greedily and refuses a block over the limit", () => {
    expect(packBlocks(["aaa", "bbb", "ccc"], 8, "\n")).toEqual(["aaa\nbbb", "ccc"]);
    expect(() => packBlocks(["x".repeat(9)], 8)).toThrow(RangeError);
  });
});

describe("formatAnswer", () => {
  it("escapes the answer and the sources and never leaves a tag open across messages", () => {
    const many = Array.from({ length: 60 }, (_, i) => citation({ n: i + 1, articleId: `${i}.txt`, title: `Стаття <${i}> & ${"довга назва ".repeat(8)}` }));
    const parts = formatAnswer(answer({ answer: "Відповідь <script> & [1]. ".repeat(200), citations: many }), "en", 1000);
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(1000);
      expect(tagsBalanced(part)).toBe(true);
      expect(part).not.toContain("<script>");
    }
    expect(parts.join("\n")).toContain("<b>Sources</b>");
    expect(parts.join("\n")).toContain("60. <a href=");
  });

  it("shows a run of tabs in a quote as one space, in the answer and in an inline answer", () => {
    const tabbed = answer({ answer: "The\tmayor\t\tsaid \t so [1]." });
    expect(formatAnswer(tabbed, "en")[0]).toMatch(/^The mayor said so \[1\]\.\n/);
    expect(formatAnswerMessage(tabbed, "en")).toMatch(/^The mayor said so \[1\]\.\n/);
  });

  it("puts a caution before a quote the reader doubts answers the question, and only then", () => {
    const unsure = formatAnswer(answer({ unsure: true }), "uk").join("\n");
    expect(unsure.startsWith("Прямої відповіді в статтях може не бути. Найближче, що в них є:\nСерджіо Гор")).toBe(true);
    expect(formatAnswer(answer({ unsure: true }), "en")[0]).toMatch(/^The articles may not answer this directly\. The closest they come:\n/);
    expect(formatAnswerMessage(answer({ unsure: true }), "uk")).toMatch(/^Прямої відповіді/);
    expect(formatAnswer(answer(), "uk").join("\n")).not.toContain("Прямої відповіді");
  });

  it("lists an article cited by several passages once, with all their numbers", () => {
    const first = citation({ n: 1, chunkId: "a.txt#0", articleId: "a.txt", title: "Бішкек приймає форум", url: null });
    const other = citation({ n: 2, chunkId: "b.txt#0", articleId: "b.txt", title: "Інша стаття", url: null, date: null });
    const second = { ...first, n: 3, chunkId: "a.txt#2" };
    const html = formatAnswer(answer({ answer: "Так [1]. Ні [2]. Ще [3].", citations: [first, other, second] }), "uk").join("\n");
    expect(html).toContain("<b>Джерела</b>\n1, 3. Бішкек приймає форум, 4 лютого 2026\n2. Інша стаття");
    expect(html.split("Бішкек приймає форум").length - 1).toBe(1);
  });

  it("labels the buttons of one article's passages by their quotes, others by title", () => {
    const first = citation({ n: 1, chunkId: "a.txt#0", articleId: "a.txt", title: "Бішкек приймає форум", quote: "Американські компанії беруть активну участь у форумі." });
    const second = { ...first, n: 2, chunkId: "a.txt#2", quote: "«Занадто довго Сполучені Штати не звертали уваги на цей регіон.»" };
    const english = { ...first, n: 3, chunkId: "a.txt#3", quote: "Other participants include GE Healthcare.[4]" };
    const other = citation({ n: 4, chunkId: "b.txt#0", articleId: "b.txt", title: "Інша стаття" });
    const all = [first, second, english, other];
    expect(all.map((c) => sourceButtonLabel(c, all))).toEqual([
      "1 · «Американські компанії беруть активну…»",
      "2 · «Занадто довго Сполучені Штати не…»",
      "3 · “Other participants include GE…”",
      "4 · Інша стаття",
    ]);
    expect(sourceButtonLabel(first, [first])).toBe("1 · Бішкек приймає форум");
    // A quote in English marks keeps them, with no Ukrainian „ put before its “.
    const quoted = { ...first, n: 5, chunkId: "a.txt#5", quote: "“Too long,” he said." };
    expect(sourceButtonLabel(quoted, [first, quoted])).toBe("5 · “Too long,” he said.");
  });

  it("links only http(s) URLs", () => {
    expect(formatSource({ n: 1, title: "T", date: null, url: "javascript:alert(1)" })).toBe("1. T");
    expect(formatSource({ n: 2, title: "T", date: "2026-01-01", url: 'https://x.org/"q"' })).toBe(
      '2. <a href="https://x.org/%22q%22">T</a>, 2026-01-01',
    );
  });
});

describe("formatAnswer limits", () => {
  it("keeps a source with a huge percent-encoded URL or title within one message", () => {
    const url = `https://example.org/${"стаття-".repeat(130)}?a=1&b=2`; // < 1000 chars, ~6000 once encoded
    const long = citation({ n: 1, title: "Назва ".repeat(2000), url });
    const parts = formatAnswer(answer({ answer: "Так [1].", citations: [long] }), "uk");
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
    expect(parts.join("\n")).not.toContain("<a href=");
  });

  it("keeps a not-found answer with huge closest titles within one message", () => {
    const parts = formatAnswer(answer({ notFound: true, closestTitles: ["Т".repeat(5000), "<b>&", "x"] }), "en");
    expect(parts).toHaveLength(1);
    expect(parts[0]!.length).toBeLessThanOrEqual(4096);
    expect(parts[0]).toContain("&lt;b&gt;&amp;");
  });
});

describe("a long title", () => {
  // 500 characters, as a header that holds a whole lede: the source line, the passage's header and
  // the closest articles end it after a whole word, never in one ("про реформу о…").
  const title = "Дуже довгий заголовок про реформу освіти ".repeat(13).slice(0, 500);
  const shown = `${"Дуже довгий заголовок про реформу освіти ".repeat(4)}Дуже довгий заголовок про реформу…`;

  it("is cut after a whole word in the sources, the passage's header and the closest articles", () => {
    expect(formatSource({ n: 1, title, date: null, url: null })).toBe(`1. ${shown}`);
    expect(messages.passageHeader("uk", "1", title, null)).toBe(`<b>1 · ${shown}</b>`);
    expect(formatAnswer(answer({ notFound: true, closestTitles: [title] }), "uk")[0]).toContain(`• ${shown}`);
  });

  it("is cut after a whole word in /remove's list of files and its confirmation", () => {
    const file = { fileName: "reform.md", modifiedAt: 0, title, date: null };
    expect(messages.removeHelp("uk", "", [file], false).text.split("\n").at(-1)).toBe("• <code>reform.md</code> — Дуже довгий заголовок про реформу освіти Дуже довгий заголовок про реформу…");
    expect(messages.removeConfirm("uk", file)).toContain(`<b>${shown}</b>`);
  });
});

describe("formatAnswerMessage (one message: inline results)", () => {
  const sources = [citation(), citation({ n: 2, articleId: "2.txt", title: "Друга <стаття>", url: null, date: null })];

  it("shortens a long answer at a sentence end and keeps every source", () => {
    const sentence = (i: number): string => `Речення номер ${i} про <теги> & інше [${(i % 2) + 1}]. `;
    const text = Array.from({ length: 300 }, (_, i) => sentence(i)).join("");
    const long = answer({ answer: text, citations: sources });
    expect(formatAnswer(long, "uk").length).toBeGreaterThan(1); // would be two messages
    const html = formatAnswerMessage(long, "uk");
    expect(html.length).toBeLessThanOrEqual(4096);
    expect(html.length).toBeGreaterThan(3500); // shortened, not gutted
    expect(html.startsWith(escapeHtml(sentence(0).trim()))).toBe(true);
    expect(html).toMatch(/інше \[\d\]\. …\n\n<b>Джерела<\/b>\n1\. <a href="https:\/\/example\.com\/a\?x=1&amp;y=2">Форум B5\+1 &lt;b&gt;&amp; партнери<\/a>, 4 лютого 2026\n2\. Друга &lt;стаття&gt;$/);
    expect(tagsBalanced(html)).toBe(true);
  });

  it("leaves an answer that fits as formatAnswer renders it", () => {
    const short = answer({ citations: sources, answer: "Коротко [1] [2]." });
    expect(formatAnswerMessage(short, "uk")).toBe(formatAnswer(short, "uk")[0]);
  });

  it("drops links, then trailing sources, when the sources alone do not fit one message", () => {
    const huge = Array.from({ length: 6 }, (_, i) => citation({ n: i + 1, articleId: `${i}.txt`, title: "Т".repeat(190), url: `https://example.com/${"x".repeat(900)}` }));
    const html = formatAnswerMessage(answer({ answer: "Так [1]. ".repeat(600), citations: huge }), "uk");
    expect(html.length).toBeLessThanOrEqual(4096);
    expect(html).not.toContain("<a href");
    expect(html).toContain(`6. ${"Т".repeat(190)}`);
    expect(tagsBalanced(html)).toBe(true);
  });

  it("cites in the text only the sources it lists: a dropped source's [n] goes from the text too", () => {
    // 15 titles of 190 characters that escape to about 1000 each ('"' is "&quot;", "&" is "&amp;"):
    // far more than one message holds, even without links.
    const title = (i: number): string => `"Звіт ${i}" & "Бюджет" & `.repeat(12).slice(0, 190);
    const cited = Array.from({ length: 15 }, (_, i) => citation({ n: i + 1, articleId: `${i}.txt`, title: title(i + 1) }));
    const text = `${cited.map((c) => `Факт ${c.n} [${c.n}].`).join(" ")} Разом [1, 14] і [2-4]. Ще [12–15]. Та [15][1].`;
    const html = formatAnswerMessage(answer({ answer: text, citations: cited }), "uk");
    expect(html.length).toBeLessThanOrEqual(4096);
    expect(tagsBalanced(html)).toBe(true);
    const [body = "", sourceList = ""] = html.split("<b>Джерела</b>");
    const listed = [...sourceList.matchAll(/^(?:<blockquote expandable>)?(\d+)\. /gm)].map((m) => Number(m[1]));
    const shown = listed.length;
    expect(shown).toBeGreaterThanOrEqual(4);
    expect(shown).toBeLessThan(12); // some sources did not fit
    expect(listed).toEqual(Array.from({ length: shown }, (_, i) => i + 1));
    // Each claim keeps its marker while its source is listed; the others read without one.
    expect(body).toContain(`Факт ${shown} [${shown}]. Факт ${shown + 1}. Факт ${shown + 2}.`);
    expect(body).toContain("Факт 15. Разом [1] і [2-4]. Ще. Та [1].");
    expect(Math.max(...[...body.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))).toBe(shown);
  });
});
