// Whether a question goes on to the answerer, from the reader's answerability. The reader only
// sees words: it is the judge when answers are quotes, a first filter when an LLM can still say
// NOT_FOUND, and no judge at all when a multilingual embedder found passages the words miss.
import type { RankedPassage } from "../retrieval/passage.js";
import type { Reading } from "../reader/reader.js";
import { QUESTION_FEATURES } from "../reader/features.js";

export interface GateOptions {
  /** The reader's threshold (or the caller's override). */
  threshold: number;
  /** An LLM answers (and may reply NOT_FOUND itself). */
  llm: boolean;
  /** Embeddings come from a remote (multilingual) model, not the local lexical one. */
  remoteEmbeddings: boolean;
}

/** Below this share of the threshold, even an LLM is not asked: the passages plainly do not answer. */
export const LLM_BORDERLINE = 0.5;

/**
 * Below this answerability a quote goes out with a caution: the reader's two classes weigh the same
 * in training, so under 0.5 it finds the passages more likely not to answer than to answer. On the
 * dev sets that cautions about half the quotes answering a dropped paragraph (en-long 25 of 46,
 * uk-long 4 of 6) and a third of the wrong quotes to answerable questions, but 6–12 % of the right
 * ones (docs/quality.md).
 */
export const UNSURE_BELOW = 0.5;

/**
 * Above this share of a question's weight held by no retrieved passage, the passages are about
 * something else, whatever the trees say ("Хто переміг на виборах у Киргизстані?" over an article
 * that mentions Kyrgyzstan and no election). The trees were fitted on questions written from
 * their passages, which almost never look like that: on the dev sets the rule refuses one
 * answered question (a typo-ridden one) of 2,763 (docs/quality.md).
 */
export const MAX_ABSENT_SHARE = 2 / 3;
const ABSENT_SHARE = QUESTION_FEATURES.indexOf("absentShare");

export function shouldAnswer(reading: Reading, opts: GateOptions): boolean {
  // A threshold of 0 turns the gate off (notFoundThreshold: 0 never refuses).
  if (opts.remoteEmbeddings || opts.threshold <= 0) return true;
  // A question in another language than the articles matches little but names: not this rule's case.
  if (!reading.question.crossLanguage && (reading.questionFeatures[ABSENT_SHARE] ?? 0) > MAX_ABSENT_SHARE) return false;
  return reading.answerability >= (opts.llm ? opts.threshold * LLM_BORDERLINE : opts.threshold);
}

/** The passages in the order of their best sentence's answer score: what an LLM reads first. */
export function passagesByReading(reading: Reading, passages: readonly RankedPassage[]): RankedPassage[] {
  const best = new Map<RankedPassage, number>();
  for (const s of reading.sentences) best.set(s.passage, Math.max(best.get(s.passage) ?? 0, s.score));
  return [...passages].sort((a, b) => (best.get(b) ?? 0) - (best.get(a) ?? 0));
}
