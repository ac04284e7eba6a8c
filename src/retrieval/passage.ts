import type { Chunk } from "../chunks/chunk.js";

/** A retrieved chunk with its fused relevance score (higher is better). */
export interface RankedPassage {
  chunk: Chunk;
  score: number;
}
