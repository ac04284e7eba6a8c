/**
 * pgvector HNSW settings, those of the file backend (src/store/hnsw/hnsw-params.ts): `m` 16,
 * `efConstruction` 200. pgvector's default 64 built faster (PGlite most of all) but on a real
 * PostgreSQL 15 + pgvector 0.8.0 it reached recall@10 0.82 at 100k chunks of the bench corpus
 * against 0.94 with 200 (ef_search 400, same latency; hnswlib: 0.97–0.99); docs/benchmarks.md.
 * `efSearch` is set per query (SET LOCAL), like the file backend's, capped at pgvector's 1000.
 */
export const PGVECTOR_HNSW = { m: 16, efConstruction: 200, efSearch: 400 } as const;
