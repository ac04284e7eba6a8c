import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/articles/article.js";
import { parseArticle } from "../../src/articles/parse-article.js";
import { chunkArticle, DEFAULT_CHUNK_OPTIONS } from "../../src/chunks/chunk-article.js";

const article = (body: string, id = "a.txt"): Article => ({ id, title: "T", date: "2024-01-02", url: "https://x.test/a", source: null, body, hash: "h" });

// Numbered sentences of varying length, so packing and overlap are both exercised.
const sentences = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} talks about ${"topic ".repeat(i % 7)}things.`);
const long = article(`${sentences.join(" ")}\n\nA last paragraph.`);

describe("chunkArticle", () => {
  it("cuts at the sentences the answers quote from: not after an abbreviation or an initial", () => {
    const body = "Місто засноване у 1643 р. на березі річки. Про нього писав Дж. Р. Р. Толкін у листах. Mr. Smith visited it in May.";
    const chunks = chunkArticle(article(body), { size: 50, overlap: 0 });
    expect(chunks.map((c) => c.text)).toEqual([
      "Місто засноване у 1643 р. на березі річки.",
      "Про нього писав Дж. Р. Р. Толкін у листах.",
      "Mr. Smith visited it in May.",
    ]);
  });

  it("gives exact offsets: body.slice(start, end) === text", () => {
    const chunks = chunkArticle(long, { size: 300, overlap: 80 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(long.body.slice(c.start, c.end)).toBe(c.text);
  });

  it("keeps chunks within the size, sentence-aligned, numbered, with article fields", () => {
    const chunks = chunkArticle(long, { size: 300, overlap: 80 });
    chunks.forEach((c, n) => {
      expect(c.text.length).toBeLessThanOrEqual(300);
      expect(c.n).toBe(n);
      expect(c.id).toBe(`a.txt#${n}`);
      expect(c).toMatchObject({ articleId: "a.txt", title: "T", date: "2024-01-02", url: "https://x.test/a" });
      expect(c.text).toMatch(/^(Sentence|A last)/);
      expect(c.text).toMatch(/\.$/);
    });
  });

  it("loses no sentence and repeats a trailing sentence as overlap", () => {
    const chunks = chunkArticle(long, { size: 300, overlap: 80 });
    for (const s of sentences) expect(chunks.some((c) => c.text.includes(s))).toBe(true);
    const overlapping = chunks.slice(1).filter((c, i) => c.start < chunks[i]!.end);
    expect(overlapping.length).toBeGreaterThan(0);
    const noOverlap = chunkArticle(long, { size: 300, overlap: 0 });
    noOverlap.slice(1).forEach((c, i) => {
      expect(c.start).toBeGreaterThanOrEqual(noOverlap[i]!.end);
    });
  });

  it("cuts a sentence longer than the size on word boundaries, and a word-less run hard", () => {
    const words = article(`${"lorem ipsum ".repeat(100)}end.`);
    const chunks = chunkArticle(words, { size: 100, overlap: 20 });
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(100);
      expect(words.body.slice(c.start, c.end)).toBe(c.text);
      expect(c.text).toMatch(/^(lorem|ipsum)/);
    }
    const blob = article("x".repeat(250));
    expect(chunkArticle(blob, { size: 100, overlap: 0 }).map((c) => c.text.length)).toEqual([100, 100, 50]);
  });

  it("chunks the Ukrainian seed article with exact offsets", async () => {
    const raw = await readFile(join(import.meta.dirname, "..", "..", "seeds", "000_eb2b5d22429fdfa6.txt"), "utf8");
    const seed = { ...article(""), ...parseArticle(raw, "000.txt") };
    const chunks = chunkArticle(seed);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(seed.body.slice(c.start, c.end)).toBe(c.text);
      expect(c.text.length).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.size);
    }
    expect(chunks[0]!.text.startsWith("Бішкек")).toBe(true);
  });

  it("returns one chunk for a short article and none for an empty body", () => {
    expect(chunkArticle(article("Just one sentence."))).toHaveLength(1);
    expect(chunkArticle(article(""))).toEqual([]);
  });
});
