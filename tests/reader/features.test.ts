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

describe("near-miss features: the question with one detail changed", () => {
  const medieval = "The Normans had a major impact on medieval Europe. They did not rule Sweden.";
  const at = (question: string, name: (typeof SENTENCE_FEATURES)[number], sentence = 0): number => {
    const p = [{ ...passages[0]!, chunk: { ...passages[0]!.chunk, text: medieval, end: medieval.length } }];
    const c = sentenceCandidates(p)[sentence]!;
    return sentenceFeatures(analyzeQuestion(question, idf), c, p, new Set(tokenize(medieval)))[SENTENCE_FEATURES.indexOf(name)]!;
  };

  it("swap: a question term the sentence lacks, whose neighbour it holds next to another word", () => {
    expect(at("What impact did the Normans have on modern Europe?", "swap")).toBe(1); // medieval ≠ modern
    expect(at("What impact did the Normans have on medieval Europe?", "swap")).toBe(0);
    // Missing words whose neighbours the sentence lacks too are not a swap, just a miss.
    expect(at("Where did the Vikings trade with Asia?", "swap")).toBe(0);
  });

  it("nameMiss: the weight share of the question's names the sentence and its neighbours lack", () => {
    expect(at("What impact did the Normans have on Europe?", "nameMiss")).toBe(0);
    expect(at("What impact did the Normans have on Asia?", "nameMiss")).toBeCloseTo(1 / 3); // "asia" of impact, normans, asia (equal weights here)
  });

  it("negation: one of the question and the sentence is negated, the other not", () => {
    expect(at("Did the Normans rule Sweden?", "negation", 1)).toBe(1);
    expect(at("Which land did the Normans not rule?", "negation", 1)).toBe(0);
    expect(at("Which land did the Normans not rule?", "negation", 0)).toBe(1);
    expect(at("Які землі нормани не завоювали?", "negation", 0)).toBe(1); // Ukrainian "не"
  });
});

describe("question analysis", () => {
  const cyrillic = Object.assign(() => 1, { seen: () => true, script: "cyrillic" as const });

  it("crossLanguage: a question in another language than the articles; a link's letters do not count", () => {
    expect(analyzeQuestion("What is new on the metro?", cyrillic).crossLanguage).toBe(true);
    expect(analyzeQuestion("Что нового в метро?", cyrillic).crossLanguage).toBe(true);
    expect(analyzeQuestion("що пишуть про метро?", cyrillic).crossLanguage).toBe(false);
    expect(analyzeQuestion("що пишуть про https://example.org/metro-line-extension ?", cyrillic).crossLanguage).toBe(false);
  });
});
