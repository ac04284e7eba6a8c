import type { TermIndex } from "../terms/term-index.js";
import { tokenize } from "../terms/tokenize.js";

/**
 * Share of the question's IDF weight that a passage contains (0..1). Language-independent and
 * comparable across questions, unlike raw BM25 scores: a question about a topic the articles do
 * not cover leaves its rare words (names, terms) unmatched, and a question in another language
 * matches almost nothing.
 */
export function queryCoverage(termIndex: TermIndex, question: string, passage: string): number {
  const terms = new Set(tokenize(question));
  if (terms.size === 0) return 0;
  const present = new Set(tokenize(passage));
  let total = 0;
  let matched = 0;
  for (const term of terms) {
    const idf = termIndex.idf(term);
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
