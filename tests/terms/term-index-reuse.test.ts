// A build may take unchanged documents' terms from the serving version's index instead of
// tokenizing them again (src/terms/term-index.ts): the index it makes must be the one a build
// from scratch makes, byte for byte, and only what changed may be tokenized.
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildTermIndex, termIndexFromBytes, termIndexToBytes, type TermIndex } from "../../src/terms/term-index.js";

// Counts the texts tokenized (the cost the reuse saves).
const tokenized = vi.hoisted(() => ({ texts: [] as string[] }));
vi.mock("../../src/terms/tokenize.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/terms/tokenize.js")>();
  return {
    ...real,
    tokenize: (text: string) => {
      tokenized.texts.push(text);
      return real.tokenize(text);
    },
  };
});
afterEach(() => {
  tokenized.texts = [];
});

const BEFORE = [
  { id: "louis#0", text: "У 1643 році на трон зійшов Людовик XIV, король Франції. Король правив довго." },
  { id: "huguenots#0", text: "Гугеноти заселили Нью-Рошель на північ від Нью-Йорка." },
  { id: "farming#0", text: "Сільське господарство залежить від погоди та ґрунтів; погода важить." },
  { id: "charlesfort#0", text: "The Huguenots abandoned Charlesfort because of the Wars of Religion." },
  { id: "charlesfort#1", text: "Charlesfort stood on Parris Island; the settlers sailed home." },
];
// One document changed, one removed, one added, two in another order, a text repeated under another id.
const AFTER = [
  { id: "charlesfort#0", text: "The Huguenots abandoned Charlesfort because of the Wars of Religion." },
  { id: "louis#0", text: "У 1643 році на трон зійшов Людовик XIV, король Франції. Король правив довго." },
  { id: "farming#0", text: "Сільське господарство залежить від погоди, зерна та ґрунтів; погода важить." },
  { id: "mongols#0", text: "Ögedei's wife ruled the Mongol Empire after him; Гуюк став ханом." },
  { id: "copy#0", text: "Гугеноти заселили Нью-Рошель на північ від Нью-Йорка." },
];

const bytes = (index: TermIndex) => {
  const { meta, data } = termIndexToBytes(index);
  return { meta, data: data.toString("base64") };
};

describe("term index built with the serving one's terms", () => {
  it("is byte for byte the index built from scratch, and tokenizes only the texts it did not have", () => {
    // As the serving version's index is read back from its bytes.
    const saved = termIndexToBytes(buildTermIndex(BEFORE));
    const serving = termIndexFromBytes(saved.meta, saved.data);
    const scratch = buildTermIndex(AFTER);
    tokenized.texts = [];
    const reused = buildTermIndex(AFTER, serving);
    expect(tokenized.texts).toEqual([AFTER[2]!.text, AFTER[3]!.text]);
    expect(bytes(reused)).toEqual(bytes(scratch));
    for (const q of ["Людовик король", "Huguenots Charlesfort", "погода ґрунти зерно", "Ogedei Гуюк", "Нью-Йорк"]) {
      expect(reused.search(q, 5)).toEqual(scratch.search(q, 5));
    }
    for (const term of scratch.vocabulary) expect(reused.documentFrequency(term)).toBe(scratch.documentFrequency(term));
  });

  it("gives the same bytes whichever documents were reused (none, some, all)", () => {
    const all = buildTermIndex(AFTER);
    expect(bytes(buildTermIndex(AFTER, all))).toEqual(bytes(all));
    expect(bytes(buildTermIndex(AFTER, buildTermIndex(AFTER.slice(3))))).toEqual(bytes(all));
    expect(bytes(buildTermIndex(AFTER, buildTermIndex([])))).toEqual(bytes(all));
  });

  it("numbers terms the same when a reused document's terms were first met elsewhere, in another order", () => {
    // Served: "zebra" was numbered before "apple" (met in an earlier document); now the one
    // left meets "apple" first in its text.
    const served = buildTermIndex([
      { id: "z", text: "Zebra." },
      { id: "az", text: "Apple zebra." },
    ]);
    const now = [{ id: "az", text: "Apple zebra." }];
    tokenized.texts = [];
    expect(bytes(buildTermIndex(now, served))).toEqual(bytes(buildTermIndex(now)));
    expect(tokenized.texts).toEqual(["Apple zebra."]); // the build from scratch; the reuse tokenized nothing
  });
});
