import { describe, expect, it } from "vitest";
import { capPerArticle } from "../../src/retrieval/cap-per-article.js";
import { scoreFusion } from "../../src/retrieval/fuse.js";

describe("scoreFusion", () => {
  it("scales BM25 by its best score and adds weighted raw cosine", () => {
    const bm25 = { hits: [{ id: "a", score: 30 }, { id: "b", score: 27 }, { id: "c", score: 10 }], scale: "max" as const };
    const dense = { hits: [{ id: "b", score: 0.9 }, { id: "c", score: 0.8 }, { id: "a", score: 0.2 }], weight: 0.5, scale: "raw" as const };
    const fused = scoreFusion([bm25, dense]);
    expect(fused.map((h) => h.id)).toEqual(["b", "a", "c"]);
    expect(fused[0]!.score).toBeCloseTo(0.9 + 0.45);
    expect(fused[1]!.score).toBeCloseTo(1 + 0.1);
  });

  it("a small weight only breaks near-ties, and ids from one list still count", () => {
    const bm25 = { hits: [{ id: "a", score: 10 }, { id: "b", score: 1 }] };
    const dense = { hits: [{ id: "b", score: 0.9 }, { id: "z", score: 0.8 }], weight: 0.3, scale: "raw" as const };
    expect(scoreFusion([bm25, dense]).map((h) => h.id)).toEqual(["a", "b", "z"]);
    expect(scoreFusion([{ hits: [] }, dense]).map((h) => h.id)).toEqual(["b", "z"]);
  });
});

describe("capPerArticle", () => {
  const items = ["x#0", "x#1", "y#0", "x#2", "z#0", "y#1", "y#2"];
  const article = (id: string) => id.split("#")[0]!;

  it("keeps at most `cap` items per article in the original order", () => {
    expect(capPerArticle(items, article, 2)).toEqual(["x#0", "x#1", "y#0", "z#0", "y#1"]);
    expect(capPerArticle(items, article, 1)).toEqual(["x#0", "y#0", "z#0"]);
  });

  it("does not mutate its input", () => {
    const copy = [...items];
    capPerArticle(items, article, 1);
    expect(items).toEqual(copy);
  });
});
