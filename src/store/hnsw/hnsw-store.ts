import { mkdir } from "node:fs/promises";
import { EmbeddingCache } from "../../embeddings/embedding-cache.js";
import { TERM_INDEX_VERSION } from "../../terms/term-index.js";
import type { IndexStore } from "../index-store.js";
import { FORMAT_VERSION } from "../manifest.js";
import { removeLeftovers } from "./leftovers.js";
import { loadIndex } from "./load-version.js";
import { readServingManifest } from "./store-layout.js";
import { writeVersion } from "./write-version.js";
import { acquireWriteLock } from "./write-lock.js";

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
    lockForWriting: async (options = {}) => {
      await mkdir(dir, { recursive: true });
      const release = (await acquireWriteLock(dir, options.onWait ? { onWait: options.onWait } : {}))!;
      try {
        await removeLeftovers(dir);
      } catch (error) {
        await release();
        throw error;
      }
      return release;
    },
    removeLeftovers: async () => {
      const release = await acquireWriteLock(dir, { wait: false }).catch(() => null); // no store folder yet: nothing to clear
      if (!release) return [];
      try {
        return await removeLeftovers(dir);
      } finally {
        await release();
      }
    },
  };
}
