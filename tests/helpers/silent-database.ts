// Test helper: a database that can go silent (a network cut, a failover: connections stay open,
// nothing comes back) for a test file, and the guards that make such a test fail rather than hang.
import { rm } from "node:fs/promises";
import { afterAll, beforeAll } from "vitest";
import { closeConfiguredDatabase } from "../../src/app/database.js";
import { createPgDatabase, type PgDatabase } from "../../src/store/postgres/sql-database.js";
import { startPgliteServer } from "./pglite.js";
import { type SilenceableProxy, startSilenceableProxy } from "./silenceable-proxy.js";
import { makeTempSeeds } from "./temp-seeds.js";

export interface SilentDatabase {
  /** The proxy in front of the database: set its `mode` to "silent" and back to "open". */
  proxy: SilenceableProxy;
  /** DATABASE_URL through the proxy. */
  url: string;
  /** A pool through the proxy. */
  db: PgDatabase;
  /** A temp seeds folder (see makeTempSeeds). */
  temp: Awaited<ReturnType<typeof makeTempSeeds>>;
}

/**
 * A PGlite server behind a silenceable proxy, a pool and a temp seeds folder for all of a test
 * file's tests: made before them, closed and removed after (the proxy opened first, so that the
 * pools can end). Read its fields inside the tests (they are set once the file's beforeAll ran).
 */
export function useSilentDatabase(): SilentDatabase {
  const silent = {} as SilentDatabase;
  let server: Awaited<ReturnType<typeof startPgliteServer>> | undefined;
  beforeAll(async () => {
    server = await startPgliteServer();
    silent.proxy = await startSilenceableProxy(server.url);
    silent.url = silent.proxy.url;
    silent.db = createPgDatabase(silent.url, { connectionTimeoutMs: 1_000 });
    silent.temp = await makeTempSeeds();
  }, 60_000);
  afterAll(async () => {
    if (silent.proxy) silent.proxy.mode = "open";
    await silent.db?.end();
    if (silent.url) await closeConfiguredDatabase(silent.url);
    silent.proxy?.close();
    await server?.stop();
    if (silent.temp) await rm(silent.temp.root, { recursive: true, force: true });
  });
  return silent;
}

// Without a limit a silent database is waited for for ever; with it, an operation ends soon after
// the limit. So one ending within this much is bounded: far above the limits, far below the test's timeout.
const BOUNDED_MS = 30_000;

/** `promise`, failing (rather than hanging the test) past BOUNDED_MS. */
export async function bounded<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${BOUNDED_MS} ms`)), BOUNDED_MS);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

/** What `promise` rejected with; fails (rather than hangs the test) past BOUNDED_MS. */
export const rejection = (promise: Promise<unknown>): Promise<unknown> => bounded(promise.then(() => new Error("it did not fail"), (e: unknown) => e));

/** The one-line message of a database that cannot be used, `database` as a regex source. */
export const unusable = (database: string) => new RegExp(`^Cannot use the database ${database} \\(DATABASE_URL\\): [^\\n]+$`);
