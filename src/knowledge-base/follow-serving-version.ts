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
 * instances on one database, `npm run ingest` elsewhere). Returns `poke`, called per question:
 * at most once per interval it checks the serving version in the background and, when it
 * changed, loads it and swaps it in; the question itself never waits for that.
 */
export function followServingVersion(opts: FollowOptions): () => void {
  let lastCheck = Date.now();
  let running = false;
  return () => {
    if (running || Date.now() - lastCheck < opts.intervalMs) return;
    running = true;
    lastCheck = Date.now();
    void (async () => {
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
        running = false;
        lastCheck = Date.now();
      });
  };
}
