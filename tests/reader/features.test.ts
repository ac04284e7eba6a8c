import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/terms/tokenize.js";
import { analyzeQuestion, SENTENCE_FEATURES, sentenceCandidates, sentenceFeatures } from "../../src/reader/features.js";

const idf = Object.assign(() => 1, { seen: () => true, script: "latin" as const });
const text = "Companies from the US take part in the forum. Alpha Rail and Beta Energy signed contracts. The weather was fine.";
const passages = [{ chunk: { id: "a#0", articleId: "a", title: "A", date: null, url: null, n: 0, text, start: 0, end: text.length }, score: 1 }];

describe("sentence features", () => {
  const q = analyzeQuestion("Which US companies take part in the forum?", idf);
  const candidates = sentenceCandidates(passages);
  const feature = (name: (typeof SENTENCE_FEATURES)[number], sentence: number): number =>
    sentenceFeatures(q, candidates[sentence]!, passages, new Set(tokenize(text)))[SENTENCE_FEATURES.indexOf(name)]!;

  it("beforeCov / afterCov: the question's words in the sentence before and after, each side apart", () => {
    expect(candidates.map((c) => c.text.slice(0, 5))).toEqual(["Compa", "Alpha", "The w"]);
    // The answer follows the sentence that names the topic: its words are all before it.
    expect(feature("beforeCov", 1)).toBe(1);
    expect(feature("afterCov", 1)).toBe(0);
    expect(feature("afterCov", 0)).toBe(0);
    expect(feature("beforeCov", 0)).toBe(0); // the passage's first sentence has nothing before it
    expect(feature("beforeCov", 2)).toBe(0);
    expect(feature("winCov", 2)).toBe(0);
    expect(feature("winCov", 1)).toBe(1);
  });
});
