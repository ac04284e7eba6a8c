/**
 * HNSW settings in one place (the benchmark may tune them). `m` and `efConstruction` shape the
 * graph when it is built; `efSearch` is applied when an index is loaded. The space is cosine:
 * hnswlib reports distance = 1 - cosine similarity.
 */
export const HNSW_PARAMS = {
  space: "cosine",
  m: 16,
  efConstruction: 200,
  efSearch: 100,
  /** Fixed, so the same chunks always give the same graph. */
  randomSeed: 100,
} as const;

export type HnswParams = typeof HNSW_PARAMS;
