/**
 * pgvector HNSW settings. `m` matches the file backend; `efConstruction` is pgvector's default
 * (200 made builds on PGlite several times slower for no measured gain at dev-set sizes).
 * `efSearch` is set per query (SET LOCAL), like the file backend's, capped at pgvector's 1000.
 */
export const PGVECTOR_HNSW = { m: 16, efConstruction: 64, efSearch: 400 } as const;
