import type { TermIndex } from "../terms/term-index.js";
import { tokenize } from "../terms/tokenize.js";

const MIN_CORPUS = 100;

/**
 * Share of the question's IDF weight that a passage contains (0..1). Language-independent and
 * comparable across questions, unlike raw BM25 scores: a question about a topic the articles do
 * not cover leaves its rare words (names, terms) unmatched, and a question in another language
 * matches almost nothing.
 */
export function queryCoverage(termIndex: TermIndex, question: string | readonly string[], passage: string): number {
  const terms = new Set(typeof question === "string" ? tokenize(question) : question);
  if (terms.size === 0) return 0;
  const present = new Set(tokenize(passage));
  let total = 0;
  let matched = 0;
  // IDF as if there were at least MIN_CORPUS documents: in a corpus of a few articles every word
  // is "rare", and one unmatched question word would outweigh all the matched ones.
  const n = Math.max(termIndex.size, MIN_CORPUS);
  for (const term of terms) {
    const df = termIndex.documentFrequency(term);
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    total += idf;
    if (present.has(term)) matched += idf;
  }
  return total > 0 ? matched / total : 0;
}

/**
 * Below this relevance (best query coverage among the top passages) the answer is "not found".
 * Calibrated on the dev sets with cross-language questions as negatives (docs/quality.md).
 */
export const NOT_FOUND_THRESHOLD = 0.3;
