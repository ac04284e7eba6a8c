// The reader: between retrieval and the answer. It scores every sentence of the retrieved
// passages for "holds the answer" and the question for "is answerable from these passages",
// with two small boosted-tree models fitted by `npm run train` (weights.json says on what).
import { fileURLToPath } from "node:url";
import { searchableText } from "../chunks/chunk.js";
import type { RankedPassage } from "../retrieval/passage.js";
import { tokenize } from "../terms/tokenize.js";
import { plainQuote } from "../texts/footnote-mark.js";
import {
  analyzeQuestion,
  questionFeatures,
  sentenceCandidates,
  sentenceFeatures,
  type QuestionAnalysis,
  type SentenceCandidate,
} from "./features.js";
import type { Idf } from "../terms/idf.js";
import { predictTrees, type BoostedTrees } from "./boosted-trees.js";
import trained from "./weights.json" with { type: "json" };

/**
 * The file `trained` above is read from, wherever this code runs (src/reader/weights.json, or
 * dist/reader/weights.json compiled): `npm run train` writes it unless told otherwise.
 */
export const WEIGHTS_FILE = fileURLToPath(new URL("./weights.json", import.meta.url));

/** The articles' script: the reader is fitted apart for each, see `ReaderWeights`. */
export type Script = Idf["script"];

/** The reader of one script of articles. */
export interface ScriptReader {
  sentence: BoostedTrees;
  answerability: BoostedTrees;
  /** Below this answerability the answer is "not found". */
  threshold: number;
}

/**
 * One reader per script of the articles (Cyrillic: Ukrainian articles, asked in Ukrainian,
 * Russian or English; Latin: English ones). Fitted together, a change to the Ukrainian and
 * Russian examples moved the English refusals by up to 0.1 per refit (docs/quality.md).
 */
export type ReaderWeights = Record<Script, ScriptReader>;

/** A candidate sentence with its answer score (0..1). */
export interface ScoredSentence extends SentenceCandidate {
  score: number;
  features: number[];
}

export interface Reading {
  question: QuestionAnalysis;
  /** Best first. */
  sentences: ScoredSentence[];
  /** P(the passages answer the question). */
  answerability: number;
  /** The threshold of the articles' script. */
  threshold: number;
  questionFeatures: number[];
}

export interface Reader {
  read(question: string, passages: readonly RankedPassage[], idf: Idf, context?: ReadContext): Reading;
}

export interface ReadContext {
  /** The question's index terms when retrieval rewrote them (transliteration, follow-ups). */
  terms?: readonly string[];
  /** Earlier answers of the conversation: a sentence they already quoted answers nothing new. */
  said?: readonly string[];
}

/** A follow-up's best sentence is rarely the one the previous answer already quoted. */
const ALREADY_SAID = 0.2;

/** Passages whose coverage counts towards the relevance feature. */
const RELEVANCE_DEPTH = 3;

// The file is data written by `npm run train`; tests check it matches the features computed here.
export const DEFAULT_WEIGHTS: ReaderWeights = trained as unknown as ReaderWeights;

export function createReader(weights: ReaderWeights = DEFAULT_WEIGHTS): Reader {
  return {
    read(question, passages, idf, context = {}) {
      const { sentence, answerability: model, threshold } = weights[idf.script];
      const q = analyzeQuestion(question, idf, context.terms);
      const passageTerms = passages.map((p) => new Set(tokenize(searchableText(p.chunk))));
      const sentences = sentenceCandidates(passages).map((c) => {
        const features = sentenceFeatures(q, c, passages, passageTerms[c.passageIndex]!);
        return { ...c, features, score: predictTrees(sentence, features) };
      });
      sentences.sort((a, b) => b.score - a.score);
      const features = questionFeatures(q, idf, passages, passageTerms, sentences, RELEVANCE_DEPTH);
      const answerability = passages.length ? predictTrees(model, features) : 0;
      // After answerability (the passages still answer), before the choice of what to quote.
      const said = (context.said ?? []).map(squash);
      if (said.length) {
        for (const s of sentences) if (said.some((text) => text.includes(squash(s.text)))) s.score *= ALREADY_SAID;
        sentences.sort((a, b) => b.score - a.score);
      }
      return { question: q, sentences, answerability, threshold, questionFeatures: features };
    },
  };
}

// Quotes are shown without the source's footnote marks (extractive-answerer.ts).
const squash = plainQuote;
