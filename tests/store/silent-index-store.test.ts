// The Postgres index store on a database gone silent (a network cut, a failover: connections stay
// open, nothing comes back). Its one-row statements (the writer lock and who holds it, the serving
// version) fail at their time limit with the one-line "Cannot use the database … (DATABASE_URL)"
// message, instead of holding /reindex at its "building elsewhere?" check until the connection
// drops.
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, ingest } from "../../src/app/create-app.js";
import { closeConfiguredDatabase, configuredDatabase } from "../../src/app/database.js";
import { loadConfig } from "../../src/config/config.js";
import { silentLogger } from "../../src/shared/logger.js";
import { createPostgresStore } from "../../src/store/postgres/postgres-store.js";
import { createPgDatabase, type PgDatabase, type SqlQueryable } from "../../src/store/postgres/sql-database.js";
import { startPgliteServer } from "../helpers/pglite.js";
import { OFFLINE_ENV, runCliInProcess } from "../helpers/run-cli.js";
import { type SilenceableProxy, startSilenceableProxy } from "../helpers/silenceable-proxy.js";
import { makeTempSeeds } from "../helpers/temp-seeds.js";

const LIMIT_MS = 200;

let server: Awaited<ReturnType<typeof startPgliteServer>>;
let proxy: SilenceableProxy;
let url: string;
let db: PgDatabase;
let temp: Awaited<ReturnType<typeof makeTempSeeds>>;

beforeAll(async () => {
  server = await startPgliteServer();
  proxy = await startSilenceableProxy(server.url);
  url = proxy.url;
  db = createPgDatabase(url, { connectionTimeoutMs: 1_000 });
  temp = await makeTempSeeds();
}, 60_000);

afterAll(async () => {
  if (proxy) proxy.mode = "open";
  await db?.end();
  await closeConfiguredDatabase(url);
  proxy?.close();
  await server?.stop();
  if (temp) await rm(temp.root, { recursive: true, force: true });
});

// Without a limit a silent database is waited for for ever; with it, an operation ends soon after
// the limit. So one ending within this much is bounded: far above the limits, far below the test's timeout.
const BOUNDED_MS = 30_000;

/** `promise`, failing (rather than hanging the test) past BOUNDED_MS. */
async function bounded<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${BOUNDED_MS} ms`)), BOUNDED_MS);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

/** What `promise` rejected with; fails (rather than hangs the test) past BOUNDED_MS. */
const rejection = (promise: Promise<unknown>): Promise<unknown> => bounded(promise.then(() => new Error("it did not fail"), (e: unknown) => e));

const unusable = (database: string) => new RegExp(`^Cannot use the database ${database} \\(DATABASE_URL\\): [^\\n]+$`);

describe("the index store on a silent database", () => {
  it("the writer check, the writer lock and the serving version each fail with the one-line database message", async () => {
    const store = createPostgresStore({ db, checks: db.withTimeout(LIMIT_MS), schema: "silent_index", database: "proxy" });
    await (await store.lockForWriting())(); // migrated, a connection open and answering
    proxy.mode = "silent";
    try {
      for (const [what, operation] of [
        ["who builds", () => store.writerHolder!()],
        ["the lock, refusing", () => store.lockForWriting({ ifHeld: "refuse" })],
        ["the lock, waiting", () => store.lockForWriting()],
        ["the serving version", () => store.servingVersion!()],
        ["the serving manifest", () => store.serving()],
      ] as const) {
        expect((await rejection(operation())) as Error, what).toMatchObject({ name: "IndexError", message: expect.stringMatching(unusable("proxy")) });
      }
    } finally {
      proxy.mode = "open";
    }
  }, 60_000);

  it("a database going silent just after the writer lock is taken fails the lock at the leftovers' limit", async () => {
    const checks = db.withTimeout(LIMIT_MS);
    // The lock taken, then nothing more answers: the next statement is the removal of what a
    // crashed build left unfinished (a bulk delete).
    const silentOnceLocked: SqlQueryable = {
      async query<R>(text: string, params?: readonly unknown[]) {
        const result = await checks.query<R>(text, params);
        if (/^\s*INSERT INTO \S*locks\b/.test(text)) proxy.mode = "silent";
        return result;
      },
      exec: (text) => checks.exec(text),
    };
    const store = createPostgresStore({ db, checks: silentOnceLocked, leftovers: db.withTimeout(LIMIT_MS), schema: "silent_index_leftovers", database: "proxy" });
    await store.servingVersion!(); // migrated, a connection open and answering
    try {
      expect(await rejection(store.lockForWriting())).toMatchObject({ name: "IndexError", message: expect.stringMatching(unusable("proxy")) });
    } finally {
      proxy.mode = "open";
    }
  }, 60_000);

  it("is limited as the bot runs it: /reindex fails with the database message instead of waiting for ever", async () => {
    const config = loadConfig({ DATABASE_URL: url, DATABASE_SCHEMA: "silent_index_app", SEEDS_DIR: temp.seeds, EMBEDDINGS_PROVIDER: "local", LLM_MODEL: "" });
    const kb = await createApp(config, { logger: silentLogger });
    expect(await kb.isReindexingElsewhere()).toBe(false); // a connection open and answering
    proxy.mode = "silent";
    try {
      const error = (await rejection(kb.reindex())) as Error;
      expect(error.message).toMatch(unusable("postgres://postgres@127\\.0\\.0\\.1:\\d+/postgres"));
    } finally {
      proxy.mode = "open";
    }
  }, 60_000);

  it("npm run ask fails with the database message and exit 1 instead of waiting for ever at its read-only check", async () => {
    const env = { ...process.env, ...OFFLINE_ENV, DATABASE_URL: url, DATABASE_SCHEMA: "silent_index_ask", SEEDS_DIR: temp.seeds };
    const ask = () => bounded(runCliInProcess("ask", ["Скільки вуликів?"], { env }));
    // A connection open and answering: the check itself runs and finds no index.
    expect(await ask()).toMatchObject({ code: 1, stderr: expect.stringContaining("No index in") });
    proxy.mode = "silent";
    try {
      const silent = await ask();
      expect(silent.code).toBe(1);
      expect(silent.stderr.trim()).toMatch(unusable("postgres://postgres@127\\.0\\.0\\.1:\\d+/postgres"));
    } finally {
      proxy.mode = "open";
    }
  }, 60_000);

  it("npm run ingest and the re-index child fail with the database message instead of waiting for ever at the schema's migration", async () => {
    const settings = { DATABASE_URL: url, DATABASE_SCHEMA: "silent_index_ingest", SEEDS_DIR: temp.seeds };
    const database = unusable("postgres://postgres@127\\.0\\.0\\.1:\\d+/postgres");
    // Just connected: the process's pool holds a connection that answered, then nothing does.
    const goSilentOnceConnected = async () => {
      proxy.mode = "open";
      await configuredDatabase(url).query("SELECT 1");
      proxy.mode = "silent";
    };
    try {
      await goSilentOnceConnected();
      const silent = await bounded(runCliInProcess("ingest", [], { env: { ...process.env, ...OFFLINE_ENV, ...settings } }));
      expect(silent.code).toBe(1);
      expect(silent.stderr.trim()).toMatch(database);
      // The /reindex child restores no uploads (its parent did): the index store migrates first.
      await goSilentOnceConnected();
      const config = loadConfig({ ...settings, EMBEDDINGS_PROVIDER: "local", LLM_MODEL: "" });
      expect(((await rejection(ingest(config, { logger: silentLogger, restoreUploads: false }))) as Error).message).toMatch(database);
    } finally {
      proxy.mode = "open";
    }
  }, 90_000);
});
