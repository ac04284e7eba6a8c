// The reader reranks what retrieval found: a passage whose sentence answers the question moves
// ahead of one that only shares its words. Retrieval ranks by words and vectors alone; the
// reader's sentence model sees the answer type, novelty and proximity too (docs/quality.md).
import type { RankedPassage } from "../retrieval/passage.js";
import type { Idf } from "../terms/idf.js";
import type { Reader } from "./reader.js";

export interface RerankOptions {
  /** Passages of the retrieved list that are read and reordered (the rest follow unchanged). */
  depth: number;
  /** Weight of the best sentence score (0..1) against the fused score relative to the top one. */
  weight: number;
}

/** Measured on the dev sets, in-sample and cross-validated by topic (docs/quality.md): weight 1 cost uk-squad hit@5. */
export const RERANK_DEFAULTS: RerankOptions = { depth: 20, weight: 0.5 };

/**
 * The first `depth` passages reordered by fused score ÷ the best fused score + `weight` × the
 * best sentence score the reader gives that passage read on its own; the rest follow in retrieval
 * order. Scores stay the fused ones (only the order changes), so a passage's score keeps its meaning.
 */
export function rerankPassages(
  reader: Reader,
  question: string,
  passages: readonly RankedPassage[],
  idf: Idf,
  terms: readonly string[] | undefined,
  options: RerankOptions = RERANK_DEFAULTS,
): RankedPassage[] {
  const head = passages.slice(0, options.depth);
  if (head.length < 2 || options.weight === 0) return [...passages];
  const context = terms ? { terms } : {};
  const top = Math.max(...head.map((p) => p.score)) || 1;
  const reordered = head
    .map((passage) => ({ passage, score: passage.score / top + options.weight * bestSentence(reader, question, passage, idf, context) }))
    // Stable: ties keep retrieval order.
    .sort((a, b) => b.score - a.score)
    .map((r) => r.passage);
  return [...reordered, ...passages.slice(options.depth)];
}

/**
 * The best sentence score of a passage read on its own. Read among the others, a sentence's
 * score leans on its passage's rank (the sentence model's rank and passage-score features), so
 * the rerank would mostly confirm retrieval's order; alone, every passage is judged as if it were
 * first, and the fused score above counts retrieval's view once.
 */
function bestSentence(reader: Reader, question: string, passage: RankedPassage, idf: Idf, context: { terms?: readonly string[] }): number {
  return reader.read(question, [passage], idf, context).sentences[0]?.score ?? 0;
}
