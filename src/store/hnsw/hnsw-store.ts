import { mkdir } from "node:fs/promises";
import { EmbeddingCache } from "../../embeddings/embedding-cache.js";
import { explainFolderError } from "../../shared/errors.js";
import { TERM_INDEX_VERSION } from "../../terms/term-index.js";
import type { IndexStore } from "../index-store.js";
import { FORMAT_VERSION } from "../manifest.js";
import { removeLeftovers } from "./leftovers.js";
import { loadIndex } from "./load-version.js";
import { readCurrent, readServingManifest } from "./store-layout.js";
import type { GraphWrite } from "./write-graph.js";
import { writeVersion } from "./write-version.js";
import type { HeldLockFile, LockFileOptions } from "../../shared/lock-file.js";
import { acquireWriteLock, checkWriteLock } from "./write-lock.js";

/**
 * The index as files in one folder: `CURRENT` names the serving version folder (HNSW graph via
 * hnswlib-node/HNSWLib, docstore, BM25 term index, manifest); `cache/` holds embeddings.
 * `setting`: how the caller names the folder's setting in messages (default VECTORSTORE_DIR; a
 * command with a --store flag names that too).
 */
export function createHnswStore(
  dir: string,
  opts: {
    onPruneError?: (error: unknown) => void;
    setting?: string;
    /** How often the LOCK is touched, and after how long untouched it is taken over (tests shorten them). */
    lock?: Pick<LockFileOptions, "heartbeatMs" | "staleAfterMs">;
    /** Hears how each build made its HNSW graph: updated from the serving one, or built in full and why (for the log). */
    onGraph?: (write: GraphWrite) => void;
  } = {},
): IndexStore {
  const setting = opts.setting ?? "VECTORSTORE_DIR";
  // The build's LOCK while it holds it: its version is switched in only while the LOCK is still its own.
  let writing: HeldLockFile | null = null;
  const stillWriter = async (): Promise<void> => {
    if (writing) await checkWriteLock(writing);
  };
  return {
    location: dir,
    format: { formatVersion: FORMAT_VERSION, termIndexVersion: TERM_INDEX_VERSION },
    serving: () => readServingManifest(dir),
    // One small file: cheap enough to read before a question every few seconds.
    servingVersion: () => readCurrent(dir),
    write: async (build) => {
      await ensureFolder(dir, setting);
      return writeVersion(dir, build, opts.onPruneError ?? (() => {}), stillWriter, opts.onGraph);
    },
    load: (embedder) => loadIndex(dir, embedder),
    stillWriter,
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
      const lockOptions = { ...opts.lock, ...(options.onWait ? { onWait: options.onWait } : {}), ...(options.ifHeld === "refuse" ? { untilLive: true } : {}) };
      const lock = (await acquireWriteLock(dir, lockOptions).catch((error: unknown) => {
        throw explainFolderError(error, `The index folder "${dir}"`, setting);
      }))!;
      try {
        await removeLeftovers(dir);
      } catch (error) {
        await lock();
        throw error;
      }
      writing = lock;
      return async () => {
        if (writing === lock) writing = null;
        await lock();
      };
    },
    removeLeftovers: async () => {
      const release = await acquireWriteLock(dir, { ...opts.lock, wait: false }).catch(() => null); // no store folder yet: nothing to clear
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
