import type { ScoredId } from "../terms/term-index.js";

/** One retriever's hits with raw scores (higher is better), how to scale them, and their weight. */
export interface ScoredList {
  hits: readonly ScoredId[];
  weight?: number;
  /** `max`: divide by the best score (for unbounded scores such as BM25); `raw`: already 0..1 (cosine). */
  scale?: "max" | "raw";
}

/**
 * Score fusion: Σ weight × scaled score, an id missing from a list adding 0. Unlike RRF it keeps
 * how much better one hit is than the next, which matters when one retriever (here BM25) is
 * much stronger than the other: on the dev sets RRF made the hybrid worse than BM25 alone.
 */
export function scoreFusion(lists: readonly ScoredList[]): ScoredId[] {
  const scores = new Map<string, number>();
  for (const { hits, weight = 1, scale = "max" } of lists) {
    if (hits.length === 0) continue;
    const divisor = scale === "max" ? Math.max(...hits.map((h) => h.score)) || 1 : 1;
    for (const h of hits) scores.set(h.id, (scores.get(h.id) ?? 0) + (weight * h.score) / divisor);
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
