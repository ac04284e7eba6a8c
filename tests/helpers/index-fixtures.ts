// Test helper: what an index build leaves, as tests of its readers need it, in one place so that
// a field the build adds is added once.
import type { IngestSummary } from "../../src/ingest/ingest-summary.js";

/** A re-index's summary: one article added, one unchanged, one file skipped (bad<1>.txt, not UTF-8). */
export const SUMMARY: IngestSummary = {
  articles: 2,
  chunks: 9,
  added: 1,
  changed: 0,
  removed: 0,
  unchanged: 1,
  skipped: [{ file: "bad<1>.txt", reason: "not valid UTF-8 text; save it as UTF-8", code: "not-utf8" }],
  warnings: [],
  embedder: "local-hash-v1:512",
  embedded: 4,
  version: "v2",
  upToDate: false,
  ms: 1234,
};

/**
 * A manifest as an index stores it, before `parseManifest` reads it: an empty index of the local
 * embedder, with `fields` put in place of (or beside) its own.
 */
export function storedManifest(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    formatVersion: 1,
    embedder: { id: "local-hash-v1:512", dims: 512 },
    chunker: { size: 800, overlap: 200, version: 6 },
    termIndexVersion: "bm25-3",
    hnsw: { space: "cosine", m: 16, efConstruction: 200 },
    maxArticleBytes: 1000,
    articles: [],
    skipped: [],
    files: [],
    chunks: 0,
    builtAt: "2026-01-01T00:00:00.000Z",
    ...fields,
  };
}
