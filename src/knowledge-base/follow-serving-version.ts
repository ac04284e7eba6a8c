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
  /**
   * How long questions wait for a check at most (default: until it ends). A database gone silent
   * (a network cut, a failover) keeps its connections open and answers nothing, for ever.
   */
  timeoutMs?: number;
  /**
   * A check still running after this long is given up for a new one (default 60 s). Before that,
   * no second check starts beside it: a slow load of a big version must not be joined by another
   * (each holds a whole index in memory); after it, a check hung on a silent database must not
   * stop the checks once the database is back.
   */
  abandonAfterMs?: number;
}

// A version that cannot be loaded is warned about again after this long, if it is still served.
const REWARN_UNLOADABLE_MS = 60 * 60_000;

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
 * A failed check is logged, and the question goes on with the current version. A serving version
 * this process cannot load (another embedder, a newer index format written by newer code) is
 * tried again at each check, but warned about once (again when another one is served, or after an
 * hour): a warning every few seconds would bury the rest of the log.
 *
 * But at most `timeoutMs`: then the questions go on with the current version (one warning until a
 * check ends again) and the check goes on in the background; no other starts beside it until it
 * ends or `abandonAfterMs` passes (see there).
 * One that ends late still swaps in what it loaded (a slow load of a big version is no outage);
 * that was the serving version when it was loaded, and the next check catches up if it changed.
 * Unless another version was swapped in meanwhile (by a later check, or this process's re-index):
 * what the late one loaded may be older than that, so it is dropped.
 */
export function followServingVersion(opts: FollowOptions): () => Promise<void> | undefined {
  let lastCheck = Date.now();
  // What questions wait for: the running check, cut short at `timeoutMs`.
  let waiting: Promise<void> | undefined;
  // A check timed out and none has ended since (one warning per outage, not per check).
  let silent = false;
  // When the check still running in the background (past its wait) started.
  let runningSince: number | undefined;
  const abandonAfter = opts.abandonAfterMs ?? 60_000;
  // The last serving version that could not be loaded, and when that was warned about.
  let unloadable: { version: string; warnedAt: number } | undefined;
  return () => {
    if (waiting) return waiting;
    if (Date.now() - lastCheck < opts.intervalMs) return undefined;
    if (runningSince !== undefined && Date.now() - runningSince < abandonAfter) return undefined;
    lastCheck = Date.now();
    const started = Date.now();
    runningSince = started;
    const check = (async () => {
      const { store } = opts;
      // What this check may replace: once another swap came first (a later check after this one
      // was given up, this process's re-index), what this one loads may be older than that.
      const held = opts.current();
      const serving = store.servingVersion ? await store.servingVersion() : ((await store.serving())?.version ?? null);
      if (!serving || serving === opts.current().version || opts.busy()) return;
      let index: SearchableIndex;
      try {
        index = await opts.store.load(opts.embedder);
      } catch (error) {
        const now = Date.now();
        if (unloadable?.version === serving && now - unloadable.warnedAt < REWARN_UNLOADABLE_MS) return;
        unloadable = { version: serving, warnedAt: now };
        opts.logger.warn(
          { err: error instanceof Error ? error.message : String(error), version: serving, serving: held.version },
          `could not load the index version ${serving} another process made current; serving ${held.version} (said again if another one is made current, or in an hour)`,
        );
        return;
      }
      unloadable = undefined;
      if (opts.busy() || opts.current() !== held || index.version === held.version) return;
      opts.swap(index);
      opts.logger.info({ version: index.version, builtAt: index.manifest.builtAt }, "switched to the index version another process built");
    })()
      .catch((error: unknown) => {
        opts.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "could not check for a newer index version; serving the current one");
      })
      .finally(() => {
        silent = false;
        if (runningSince === started) runningSince = undefined;
      });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      if (opts.timeoutMs === undefined) return;
      timer = setTimeout(() => {
        if (!silent) opts.logger.warn({ timeoutMs: opts.timeoutMs }, "the index store did not answer the index version check in time; serving the current version");
        silent = true;
        resolve();
      }, opts.timeoutMs);
    });
    waiting = Promise.race([check, timeout]).finally(() => {
      clearTimeout(timer);
      waiting = undefined;
      lastCheck = Date.now();
    });
    return waiting;
  };
}
