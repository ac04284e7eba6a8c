import { describe, expect, it } from "vitest";
import type { Chunk } from "../../src/chunks/chunk.js";
import { LLM_BORDERLINE, MAX_ABSENT_SHARE, passagesByReading, shouldAnswer } from "../../src/knowledge-base/answer-gate.js";
import { QUESTION_FEATURES } from "../../src/reader/features.js";
import type { Reading, ScoredSentence } from "../../src/reader/reader.js";
import type { RankedPassage } from "../../src/retrieval/passage.js";

const passage = (id: string, score: number): RankedPassage => ({
  chunk: { id, articleId: id, title: id, date: null, url: null, n: 0, start: 0, end: 1, text: "x" } as Chunk,
  score,
});

const reading = (answerability: number, sentences: Partial<ScoredSentence>[] = []): Reading =>
  ({ answerability, answerable: false, sentences, question: { terms: [] }, questionFeatures: [] }) as unknown as Reading;

describe("answer gate", () => {
  const threshold = 0.4;
  it("extractive answers follow the reader's threshold", () => {
    expect(shouldAnswer(reading(0.39), { threshold, llm: false, remoteEmbeddings: false })).toBe(false);
    expect(shouldAnswer(reading(0.41), { threshold, llm: false, remoteEmbeddings: false })).toBe(true);
  });

  it("borderline questions go to an LLM, which may still say NOT_FOUND; plainly unanswerable ones do not", () => {
    const borderline = threshold * LLM_BORDERLINE + 0.01;
    expect(shouldAnswer(reading(borderline), { threshold, llm: true, remoteEmbeddings: false })).toBe(true);
    expect(shouldAnswer(reading(borderline), { threshold, llm: false, remoteEmbeddings: false })).toBe(false);
    expect(shouldAnswer(reading(0.05), { threshold, llm: true, remoteEmbeddings: false })).toBe(false);
  });

  it("refuses when no passage holds most of the question's weight, unless it is asked in another language", () => {
    const absent = (share: number, crossLanguage = false): Reading => {
      const features = QUESTION_FEATURES.map((name) => (name === "absentShare" ? share : 0));
      return { ...reading(0.9), question: { terms: [], crossLanguage }, questionFeatures: features } as unknown as Reading;
    };
    const gate = { threshold, llm: false, remoteEmbeddings: false };
    expect(shouldAnswer(absent(MAX_ABSENT_SHARE - 0.01), gate)).toBe(true);
    expect(shouldAnswer(absent(MAX_ABSENT_SHARE + 0.01), gate)).toBe(false);
    expect(shouldAnswer(absent(MAX_ABSENT_SHARE + 0.01), { ...gate, llm: true })).toBe(false);
    expect(shouldAnswer(absent(0.9, true), gate)).toBe(true);
    expect(shouldAnswer(absent(0.9), { ...gate, remoteEmbeddings: true })).toBe(true);
  });

  it("never refuses on words alone what a remote multilingual embedder retrieved", () => {
    expect(shouldAnswer(reading(0.01), { threshold, llm: false, remoteEmbeddings: true })).toBe(true);
  });

  it("orders passages for an LLM by their best sentence", () => {
    const a = passage("a", 3);
    const b = passage("b", 2);
    const ordered = passagesByReading(reading(0.9, [{ passage: a, score: 0.2 }, { passage: b, score: 0.9 }]), [a, b]);
    expect(ordered.map((p) => p.chunk.id)).toEqual(["b", "a"]);
  });
});
