import { describe, expect, it } from "vitest";
import type { RankedPassage } from "../../src/retrieval/passage.js";
import { topPassages } from "../../src/retrieval/retrieve.js";
import { QUESTION_FEATURES, SENTENCE_FEATURES } from "../../src/reader/features.js";
import { createReader, type Reader } from "../../src/reader/reader.js";
import { rerankPassages } from "../../src/reader/rerank.js";

const passage = (id: string, score: number, text = `Text of ${id}.`, articleId = id): RankedPassage => ({
  chunk: { id: `${articleId}#${id}`, articleId, title: articleId, date: null, url: null, n: 0, text, start: 0, end: text.length },
  score,
});
const idf = Object.assign(() => 1, { seen: () => true, script: "latin" as const });

/** A reader whose sentence model is "the sentence holds a year" (what a date question asks for). */
const yearReader: Reader = createReader({
  latin: {
    sentence: {
      features: [...SENTENCE_FEATURES],
      base: -3,
      trees: [{ feature: SENTENCE_FEATURES.indexOf("typeHeld"), threshold: 0.5, left: { leaf: 0 }, right: { leaf: 6 } }],
    },
    answerability: { features: [...QUESTION_FEATURES], base: 0, trees: [] },
    threshold: 0.5,
  },
  cyrillic: { sentence: { features: [...SENTENCE_FEATURES], base: 0, trees: [] }, answerability: { features: [...QUESTION_FEATURES], base: 0, trees: [] }, threshold: 0.5 },
});

describe("rerankPassages", () => {
  const question = "When was the Tarnow bridge opened?";
  const echo = passage("echo", 2, "Tourists ask when the Tarnow bridge was opened. The Tarnow bridge is lit every evening.");
  const answer = passage("answer", 1.5, "The Tarnow bridge was opened in May 1965 by the mayor.");
  const other = passage("other", 1.4, "Bees made honey.");

  it("moves a passage whose sentence answers ahead of one that only shares the question's words", () => {
    const reranked = rerankPassages(yearReader, question, [echo, answer, other], idf, undefined);
    expect(reranked.map((p) => p.chunk.id)).toEqual([answer, echo, other].map((p) => p.chunk.id));
  });

  it("only reorders: the fused scores stay, passages below the depth keep their place", () => {
    const deep = passage("deep", 0.1, "It opened in 1999.");
    const reranked = rerankPassages(yearReader, question, [echo, other, answer, deep], idf, undefined, { depth: 3, weight: 1 });
    expect(reranked.map((p) => p.chunk.id)).toEqual([answer, echo, other, deep].map((p) => p.chunk.id));
    expect(reranked.map((p) => p.score)).toEqual([1.5, 2, 1.4, 0.1]);
  });

  it("weight 0 is retrieval order; a fused lead larger than the weight is kept", () => {
    expect(rerankPassages(yearReader, question, [echo, answer], idf, undefined, { depth: 20, weight: 0 })).toEqual([echo, answer]);
    const far = passage("far", 0.5, "The Tarnow bridge was opened in 1965.");
    expect(rerankPassages(yearReader, question, [echo, far], idf, undefined, { depth: 20, weight: 0.5 })).toEqual([echo, far]);
  });
});

describe("topPassages", () => {
  it("caps passages per article in the given order, and fills empty slots in that order", () => {
    const a1 = passage("1", 1, "a", "a");
    const a2 = passage("2", 3, "a", "a");
    const a3 = passage("3", 2, "a", "a");
    const b1 = passage("4", 0.5, "b", "b");
    // Not in score order (a reranked list): the order, not the score, decides.
    expect(topPassages([a1, a2, a3, b1], 3, 2)).toEqual([a1, a2, b1]);
    expect(topPassages([a1, a2, b1, a3], 4, 1)).toEqual([a1, a2, b1, a3]);
  });
});
