import type { Embedder } from "../embeddings/create-embedder.js";
import type { Logger } from "../shared/logger.js";
import type { IndexStore, SearchableIndex } from "../store/index-store.js";

export interface FollowOptions {
  store: IndexStore;
  embedder: Embedder;
  logger: Logger;
  /** At most one check per this many ms. */
  intervalMs: number;
  current: () => SearchableIndex;
  swap: (index: SearchableIndex) => void;
  /** True while this process re-indexes (it swaps in its own build then). */
  busy: () => boolean;
}

/**
 * Keeps a process on the serving index version when other processes write it (several bot
 * instances on one database, `npm run ingest` elsewhere). Returns `check`, awaited before each
 * question: once the last check is older than the interval it asks the store for the serving
 * version (one small query) and, when that changed, loads it and swaps it in; questions that
 * come meanwhile wait for the same check. Checked recently: nothing to wait for (undefined).
 *
 * The question waits, rather than starting the check and going on with the version it has: a
 * build keeps only its new version and the one before, so the version an idle instance still
 * holds may be gone after two builds elsewhere, and searching it finds nothing (no error).
 * A failed check is logged, and the question goes on with the current version.
 */
export function followServingVersion(opts: FollowOptions): () => Promise<void> | undefined {
  let lastCheck = Date.now();
  let running: Promise<void> | undefined;
  return () => {
    if (running) return running;
    if (Date.now() - lastCheck < opts.intervalMs) return undefined;
    lastCheck = Date.now();
    running = (async () => {
      const { store } = opts;
      const serving = store.servingVersion ? await store.servingVersion() : ((await store.serving())?.version ?? null);
      if (!serving || serving === opts.current().version || opts.busy()) return;
      const index = await opts.store.load(opts.embedder);
      if (opts.busy() || index.version === opts.current().version) return;
      opts.swap(index);
      opts.logger.info({ version: index.version, builtAt: index.manifest.builtAt }, "switched to the index version another process built");
    })()
      .catch((error: unknown) => {
        opts.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "could not check for a newer index version; serving the current one");
      })
      .finally(() => {
        running = undefined;
        lastCheck = Date.now();
      });
    return running;
  };
}
