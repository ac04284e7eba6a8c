import { mkdir } from "node:fs/promises";
import { EmbeddingCache } from "../../embeddings/embedding-cache.js";
import { explainFolderError } from "../../shared/errors.js";
import { TERM_INDEX_VERSION } from "../../terms/term-index.js";
import type { IndexStore } from "../index-store.js";
import { FORMAT_VERSION } from "../manifest.js";
import { removeLeftovers } from "./leftovers.js";
import { loadIndex } from "./load-version.js";
import { readCurrent, readServingManifest } from "./store-layout.js";
import { writeVersion } from "./write-version.js";
import { acquireWriteLock } from "./write-lock.js";

/**
 * The index as files in one folder: `CURRENT` names the serving version folder (HNSW graph via
 * hnswlib-node/HNSWLib, docstore, BM25 term index, manifest); `cache/` holds embeddings.
 * `setting`: how the caller names the folder's setting in messages (default VECTORSTORE_DIR; a
 * command with a --store flag names that too).
 */
export function createHnswStore(dir: string, opts: { onPruneError?: (error: unknown) => void; setting?: string } = {}): IndexStore {
  const setting = opts.setting ?? "VECTORSTORE_DIR";
  return {
    location: dir,
    format: { formatVersion: FORMAT_VERSION, termIndexVersion: TERM_INDEX_VERSION },
    serving: () => readServingManifest(dir),
    // One small file: cheap enough to read before a question every few seconds.
    servingVersion: () => readCurrent(dir),
    write: async (build) => {
      await ensureFolder(dir, setting);
      return writeVersion(dir, build, opts.onPruneError ?? (() => {}));
    },
    load: (embedder) => loadIndex(dir, embedder),
    // Checked here, before anything is embedded: the cache is saved into the folder.
    embeddingCache: async (embedderId) => {
      await ensureFolder(dir, setting);
      return EmbeddingCache.open(dir, embedderId);
    },
    lockForWriting: async (options = {}) => {
      await ensureFolder(dir, setting);
      // The LOCK file is the first thing a build writes: an unwritable folder shows here. Refusing,
      // it watches the holder only until it is seen alive: a LOCK another host's crash left is
      // taken over (after 30 s unmoved), not refused for ever.
      const lockOptions = { ...(options.onWait ? { onWait: options.onWait } : {}), ...(options.ifHeld === "refuse" ? { untilLive: true } : {}) };
      const release = (await acquireWriteLock(dir, lockOptions).catch((error: unknown) => {
        throw explainFolderError(error, `The index folder "${dir}"`, setting);
      }))!;
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

/** Creates the store folder; a path that is (or runs through) a file, or unwritable, is bad configuration, said plainly. */
async function ensureFolder(dir: string, setting: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw explainFolderError(error, `The index folder "${dir}"`, setting);
  }
}
