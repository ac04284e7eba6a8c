// The app's wiring on one DATABASE_URL (PGlite's socket server on a free port): the index store,
// the bot's state and the shared uploads use one pool, and the schema is migrated once per
// process start, not once per user of the database.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import { closeConfiguredDatabase, configuredDatabase, MIGRATION_TIMEOUT_MS } from "../../src/app/database.js";
import { openConfiguredBotState } from "../../src/app/open-bot-state.js";
import { startBot } from "../../src/app/start-bot.js";
import { loadConfig } from "../../src/config/config.js";
import { silentLogger } from "../../src/shared/logger.js";
import type { SqlDatabase, SqlQueryable } from "../../src/store/postgres/sql-database.js";
import { startBotApiMock } from "../helpers/bot-api-mock.js";
import { startPgliteServer } from "../helpers/pglite.js";
import { OFFLINE_ENV } from "../helpers/run-cli.js";
import { makeTempSeeds } from "../helpers/temp-seeds.js";

let server: Awaited<ReturnType<typeof startPgliteServer>>;
let root: string;
let seeds: string;
beforeAll(async () => {
  server = await startPgliteServer();
  ({ root, seeds } = await makeTempSeeds());
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

/** Counts the migration runs on `db` (each takes the migration lock in its transaction). */
function countMigrations(db: SqlDatabase): { runs: number } {
  const counter = { runs: 0 };
  const transaction = db.transaction.bind(db);
  db.transaction = (work) =>
    transaction((tx) =>
      work({
        ...tx,
        query: (text, params) => {
          if (/pg_advisory_xact_lock/.test(text) && String(params?.[0]).startsWith("article-qa-migrate:")) counter.runs++;
          return tx.query(text, params);
        },
      } as SqlQueryable),
    );
  return counter;
}

describe("start-up on DATABASE_URL", () => {
  it("migrates the schema once for the index, the shared uploads and the bot's state", async () => {
    const config = loadConfig({ ...OFFLINE_ENV, DATABASE_URL: server.url, SEEDS_DIR: seeds, STATE_DIR: join(root, "state") });
    // Each asks for the migration's time-limited handle, and gets the same one.
    const counter = countMigrations(configuredDatabase(server.url).withTimeout(MIGRATION_TIMEOUT_MS));
    // What startBot opens, in its order.
    const kb = await createApp(config, { logger: silentLogger });
    const state = await openConfiguredBotState(config, silentLogger);
    expect(kb.info().articles).toBe(3);
    await state.close();
    expect(counter.runs).toBe(1);
    const { rows } = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${config.databaseSchema}.schema_migrations`);
    expect(rows[0]?.n).toBeGreaterThan(0);
  }, 60_000);
});

describe("a graceful stop on DATABASE_URL", () => {
  it("resolves once the answers and the state's writes are done, then closes the pool (no forced exit needed)", async () => {
    const token = "123456:STOP-POOL";
    const api = await startBotApiMock({ token });
    try {
      const config = loadConfig({
        ...OFFLINE_ENV,
        TELEGRAM_BOT_TOKEN: token,
        TELEGRAM_API_ROOT: api.apiRoot,
        DATABASE_URL: server.url,
        DATABASE_SCHEMA: "stop_test",
        SEEDS_DIR: seeds,
        STATE_DIR: join(root, "stop-state"),
      });
      const stop = await startBot({ ...config, telegramBotToken: token }, silentLogger);
      const db = configuredDatabase(server.url);
      api.pushText(501, "Хто такий Серджіо Гор?");
      await vi.waitFor(() => expect(api.sentMessages(501)).toHaveLength(1), { timeout: 20_000, interval: 100 });

      const started = Date.now();
      await stop();
      expect(Date.now() - started).toBeLessThan(5_000); // the entry point forces an exit after 5 s: not needed
      await expect(db.query("SELECT 1")).rejects.toThrow(/end/i); // this pool is closed
      // The question's update was marked done before the pool closed (nothing is answered again).
      const { rows } = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM stop_test.bot_updates WHERE done_at IS NULL");
      expect(rows[0]?.n).toBe(0);
      // A later start in this process gets a pool of its own.
      const again = configuredDatabase(server.url);
      expect(again).not.toBe(db);
      expect((await again.query<{ one: number }>("SELECT 1 AS one")).rows[0]?.one).toBe(1);
      await closeConfiguredDatabase(server.url);
    } finally {
      await api.close();
    }
  }, 60_000);
});
