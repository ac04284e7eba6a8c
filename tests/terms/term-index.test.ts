import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tokenize } from "../../src/terms/tokenize.js";
import { buildTermIndex, loadTermIndex, saveTermIndex } from "../../src/terms/term-index.js";

const DOCS = [
  { id: "louis#0", text: "У 1643 році на трон зійшов Людовик XIV, король Франції." },
  { id: "huguenots#0", text: "Гугеноти заселили Нью-Рошель на північ від Нью-Йорка." },
  { id: "farming#0", text: "Сільське господарство залежить від погоди та ґрунтів." },
  { id: "charlesfort#0", text: "The Huguenots abandoned Charlesfort because of the Wars of Religion." },
];

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("term index (BM25)", () => {
  it("ranks the document that shares the rare terms first, across inflections", () => {
    const index = buildTermIndex(DOCS);
    expect(index.size).toBe(4);
    expect(index.search("Хто такий Людовик?", 3)[0]?.id).toBe("louis#0");
    expect(index.search("Які міста заселяли гугеноти на півночі?", 3)[0]?.id).toBe("huguenots#0");
    expect(index.search("сільського господарства", 3)[0]?.id).toBe("farming#0");
    expect(index.search("Why did the Huguenots abandon Charlesfort?", 3)[0]?.id).toBe("charlesfort#0");
  });

  it("returns nothing for words no document has, and at most k hits", () => {
    const index = buildTermIndex(DOCS);
    expect(index.search("квантова хромодинаміка", 5)).toEqual([]);
    expect(index.search("гугеноти Huguenots Людовик", 2)).toHaveLength(2);
  });

  it("gives rare terms a higher idf than common ones and unseen terms the highest", () => {
    const index = buildTermIndex([...DOCS, { id: "x", text: "Людовик" }]);
    const term = (word: string): string => tokenize(word)[0] ?? "";
    expect(index.idf(term("Людовик"))).toBeLessThan(index.idf(term("гугеноти")));
    expect(index.idf(term("невідоме"))).toBeGreaterThan(index.idf(term("гугеноти")));
    expect(index.documentFrequency(term("Людовика"))).toBe(2);
    expect(index.documentFrequency(term("невідоме"))).toBe(0);
  });

  it("saves and loads to the same scores", async () => {
    dir = await mkdtemp(join(tmpdir(), "terms-"));
    const index = buildTermIndex(DOCS);
    await saveTermIndex(index, dir);
    const loaded = await loadTermIndex(dir);
    expect(loaded.size).toBe(4);
    for (const q of ["Людовик 1643", "гугеноти Нью-Йорк", "Huguenots religion"]) {
      expect(loaded.search(q, 4)).toEqual(index.search(q, 4));
    }
  });

  it("refuses an index of another version or with truncated data", async () => {
    dir = await mkdtemp(join(tmpdir(), "terms-"));
    await saveTermIndex(buildTermIndex(DOCS), dir);
    const data = await readFile(join(dir, "terms.bin"));
    await writeFile(join(dir, "terms.bin"), data.subarray(0, data.length - 2));
    await expect(loadTermIndex(dir)).rejects.toThrow(/re-index/);
    const meta = JSON.parse(await readFile(join(dir, "terms.json"), "utf8")) as { version: string };
    meta.version = "old";
    await writeFile(join(dir, "terms.json"), JSON.stringify(meta));
    await expect(loadTermIndex(dir)).rejects.toThrow(/version/);
  });
});
