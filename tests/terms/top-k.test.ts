// The benchmark's fix to BM25 search (src/terms/term-index.ts): top-k selection must rank
// exactly like a full sort, ties included.
import { expect, it } from "vitest";
import { createRandom } from "../../src/bench/prng.js";
import { buildTermIndex, topK } from "../../src/terms/term-index.js";

it("topK equals a full sort by score, then doc", () => {
  const random = createRandom(5);
  for (let round = 0; round < 50; round++) {
    const n = 1 + Math.floor(random() * 300);
    // Few distinct values, so ties are common.
    const scores = Float64Array.from({ length: n }, () => Math.floor(random() * 20) / 4);
    const docs = Array.from({ length: n }, (_, i) => i).sort(() => random() - 0.5);
    const k = Math.floor(random() * 60);
    const expected = [...docs].sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, k);
    expect(topK(docs, scores, k)).toEqual(expected);
  }
});

it("repeated searches give the same ranking (the score buffer is reset)", () => {
  const docs = Array.from({ length: 40 }, (_, i) => ({ id: `d${i}`, text: `river ${"bank ".repeat(i % 5)} city number ${i}` }));
  const index = buildTermIndex(docs);
  const first = index.search("river bank", 10);
  index.search("city number", 10);
  expect(index.search("river bank", 10)).toEqual(first);
  expect(first).toHaveLength(10);
  expect(first[0]!.score).toBeGreaterThanOrEqual(first[9]!.score);
  expect(index.search("river bank", 0)).toEqual([]);
});
