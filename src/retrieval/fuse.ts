import type { ScoredId } from "../terms/term-index.js";

/** One ranked list of ids (best first) and how much its votes count. */
export interface RankedList {
  ids: readonly string[];
  weight?: number;
}

/** Default RRF constant: large enough that a list's top few ranks do not drown the other list. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: score(id) = Σ weight / (k + rank), rank starting at 1. Ties keep the
 * order of first appearance, so the result is deterministic.
 */
export function reciprocalRankFusion(lists: readonly RankedList[], k: number = RRF_K): ScoredId[] {
  const scores = new Map<string, number>();
  for (const { ids, weight = 1 } of lists) {
    ids.forEach((id, i) => scores.set(id, (scores.get(id) ?? 0) + weight / (k + i + 1)));
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}

/** One retriever's hits with raw scores (higher is better) and the weight of its normalised score. */
export interface ScoredList {
  hits: readonly ScoredId[];
  weight?: number;
}

/**
 * Convex score fusion: each list's scores are min-max normalised to 0..1 over its candidates
 * (a missing id counts 0) and summed with the list's weight. Unlike RRF it keeps how much
 * better the first hit is than the second, which matters when one retriever is much stronger.
 */
export function scoreFusion(lists: readonly ScoredList[]): ScoredId[] {
  const scores = new Map<string, number>();
  for (const { hits, weight = 1 } of lists) {
    if (hits.length === 0) continue;
    let max = -Infinity;
    let min = Infinity;
    for (const h of hits) {
      max = Math.max(max, h.score);
      min = Math.min(min, h.score);
    }
    const range = max - min || 1;
    for (const h of hits) scores.set(h.id, (scores.get(h.id) ?? 0) + (weight * (h.score - min)) / range);
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
