/**
 * HNSW settings in one place (the benchmark may tune them). `m` and `efConstruction` shape the
 * graph when it is built; `efSearch` is applied when an index is loaded. The space is cosine:
 * hnswlib reports distance = 1 - cosine similarity.
 */
export const HNSW_PARAMS = {
  space: "cosine",
  m: 16,
  efConstruction: 200,
  /** Measured by `npm run bench` (docs/benchmarks.md): 100 gave recall@10 0.90 at 100k chunks, 400 gives 0.965 (0.99 at 10k) for ~3 ms a search. */
  efSearch: 400,
  /** Fixed, so the same chunks always give the same graph (when built from scratch). */
  randomSeed: 100,
  /**
   * A re-index updates the serving graph (src/store/hnsw/write-graph.ts) unless more than this
   * share of its labels would then be deleted ones; then it builds the graph anew. hnswlib keeps a
   * deleted point in the graph: every search still walks through it (distance computations that
   * return nothing), its neighbour slots stay taken, and the file and memory keep its vector. At
   * a fifth of the graph deleted, that is at most a quarter more points than chunks to hold.
   * Measured on the bench's 10k corpus (the same live chunks, a share of them deleted and added
   * again; 200 questions, efSearch 400, 2 busy cores): recall@10 0.994 / 0.995 / 0.994 / 0.998 /
   * 0.978 and top-100 search 4.4 / 4.6 / 5.9 / 7.1 / 7.7 ms at 0 / 10 / 20 / 30 / 50 % deleted.
   * Recall holds to 30 %, search time does not: 20 % costs about a third more per vector search
   * (≈1.5 ms), which the fused-retrieval target (p95 < 10 ms at 100k, ≈6 ms measured) absorbs;
   * 30 % and more cost 60 % and up. A full build then resets it to none.
   */
  maxDeletedShare: 0.2,
} as const;

export type HnswParams = typeof HNSW_PARAMS;
