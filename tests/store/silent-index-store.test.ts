// The Postgres index store on a database gone silent (a network cut, a failover: connections stay
// open, nothing comes back). Its one-row statements (the writer lock and who holds it, the serving
// version) fail at their time limit with the one-line "Cannot use the database … (DATABASE_URL)"
// message, instead of holding /reindex at its "building elsewhere?" check until the connection
// drops.
import { describe, expect, it } from "vitest";
import { createApp, ingest } from "../../src/app/create-app.js";
import { configuredDatabase } from "../../src/app/database.js";
import { loadConfig } from "../../src/config/config.js";
import { silentLogger } from "../../src/shared/logger.js";
import { createPostgresStore } from "../../src/store/postgres/postgres-store.js";
import type { SqlQueryable } from "../../src/store/postgres/sql-database.js";
import { OFFLINE_ENV, runCliInProcess } from "../helpers/run-cli.js";
import { bounded, rejection, unusable, useSilentDatabase } from "../helpers/silent-database.js";

// Long enough for an answering statement on a loaded machine (200 ms timed out once beside other test files).
const LIMIT_MS = 1_000;

const silent = useSilentDatabase();


describe("the index store on a silent database", () => {
  it("the writer check, the writer lock and the serving version each fail with the one-line database message", async () => {
    const store = createPostgresStore({ db: silent.db, checks: silent.db.withTimeout(LIMIT_MS), schema: "silent_index", database: "proxy" });
    await (await store.lockForWriting())(); // migrated, a connection open and answering
    silent.proxy.mode = "silent";
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
      silent.proxy.mode = "open";
    }
  }, 60_000);

  it("a database going silent just after the writer lock is taken fails the lock at the leftovers' limit", async () => {
    const checks = silent.db.withTimeout(LIMIT_MS);
    // The lock taken, then nothing more answers: the next statement is the removal of what a
    // crashed build left unfinished (a bulk delete).
    const silentOnceLocked: SqlQueryable = {
      async query<R>(text: string, params?: readonly unknown[]) {
        const result = await checks.query<R>(text, params);
        if (/^\s*INSERT INTO \S*locks\b/.test(text)) silent.proxy.mode = "silent";
        return result;
      },
      exec: (text) => checks.exec(text),
    };
    const store = createPostgresStore({ db: silent.db, checks: silentOnceLocked, leftovers: silent.db.withTimeout(LIMIT_MS), schema: "silent_index_leftovers", database: "proxy" });
    await store.servingVersion!(); // migrated, a connection open and answering
    try {
      expect(await rejection(store.lockForWriting())).toMatchObject({ name: "IndexError", message: expect.stringMatching(unusable("proxy")) });
    } finally {
      silent.proxy.mode = "open";
    }
  }, 60_000);

  it("is limited as the bot runs it: /reindex fails with the database message instead of waiting for ever", async () => {
    const config = loadConfig({ DATABASE_URL: silent.url, DATABASE_SCHEMA: "silent_index_app", SEEDS_DIR: silent.temp.seeds, EMBEDDINGS_PROVIDER: "local", LLM_MODEL: "" });
    const kb = await createApp(config, { logger: silentLogger });
    expect(await kb.isReindexingElsewhere()).toBe(false); // a connection open and answering
    silent.proxy.mode = "silent";
    try {
      const error = (await rejection(kb.reindex())) as Error;
      expect(error.message).toMatch(unusable("postgres://postgres@127\\.0\\.0\\.1:\\d+/postgres"));
    } finally {
      silent.proxy.mode = "open";
    }
  }, 60_000);

  it("npm run ask fails with the database message and exit 1 instead of waiting for ever at its read-only check", async () => {
    const env = { ...process.env, ...OFFLINE_ENV, DATABASE_URL: silent.url, DATABASE_SCHEMA: "silent_index_ask", SEEDS_DIR: silent.temp.seeds };
    const ask = () => bounded(runCliInProcess("ask", ["Скільки вуликів?"], { env }));
    // A connection open and answering: the check itself runs and finds no index.
    expect(await ask()).toMatchObject({ code: 1, stderr: expect.stringContaining("No index in") });
    silent.proxy.mode = "silent";
    try {
      const silent = await ask();
      expect(silent.code).toBe(1);
      expect(silent.stderr.trim()).toMatch(unusable("postgres://postgres@127\\.0\\.0\\.1:\\d+/postgres"));
    } finally {
      silent.proxy.mode = "open";
    }
  }, 60_000);

  it("npm run ingest and the re-index child fail with the database message instead of waiting for ever at the schema's migration", async () => {
    const settings = { DATABASE_URL: silent.url, DATABASE_SCHEMA: "silent_index_ingest", SEEDS_DIR: silent.temp.seeds };
    const database = unusable("postgres://postgres@127\\.0\\.0\\.1:\\d+/postgres");
    // Just connected: the process's pool holds a connection that answered, then nothing does.
    const goSilentOnceConnected = async () => {
      silent.proxy.mode = "open";
      await configuredDatabase(silent.url).query("SELECT 1");
      silent.proxy.mode = "silent";
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
      silent.proxy.mode = "open";
    }
  }, 90_000);
});
