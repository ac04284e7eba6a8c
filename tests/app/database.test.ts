// The app's wiring on one DATABASE_URL (PGlite's socket server on a free port): the index store,
// the bot's state and the shared uploads use one pool, and the schema is migrated once per
// process start, not once per user of the database.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import { configuredDatabase } from "../../src/app/database.js";
import { openConfiguredBotState } from "../../src/app/open-bot-state.js";
import { loadConfig } from "../../src/config/config.js";
import { silentLogger } from "../../src/shared/logger.js";
import type { SqlDatabase, SqlQueryable } from "../../src/store/postgres/sql-database.js";
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
    const counter = countMigrations(configuredDatabase(server.url));
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
