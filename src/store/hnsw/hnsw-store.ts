import { EmbeddingCache } from "../../embeddings/embedding-cache.js";
import { TERM_INDEX_VERSION } from "../../terms/term-index.js";
import type { IndexStore } from "../index-store.js";
import { FORMAT_VERSION } from "../manifest.js";
import { loadIndex } from "./load-version.js";
import { readServingManifest } from "./store-layout.js";
import { writeVersion } from "./write-version.js";

/**
 * The index as files in one folder: `CURRENT` names the serving version folder (HNSW graph via
 * hnswlib-node/HNSWLib, docstore, BM25 term index, manifest); `cache/` holds embeddings.
 */
export function createHnswStore(dir: string, opts: { onPruneError?: (error: unknown) => void } = {}): IndexStore {
  return {
    location: dir,
    format: { formatVersion: FORMAT_VERSION, termIndexVersion: TERM_INDEX_VERSION },
    serving: () => readServingManifest(dir),
    write: (build) => writeVersion(dir, build, opts.onPruneError ?? (() => {})),
    load: (embedder) => loadIndex(dir, embedder),
    embeddingCache: (embedderId) => EmbeddingCache.open(dir, embedderId),
  };
}
