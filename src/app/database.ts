import { createPgDatabase, type PgDatabase } from "../store/postgres/sql-database.js";

const pools = new Map<string, PgDatabase>();

/**
 * How long each statement of the schema's migration (migrateOnce) waits for the database,
 * `configuredDatabase(url).withTimeout(MIGRATION_TIMEOUT_MS)`. Generous: the first statement
 * waits for another process's migration (its advisory lock), and one rewriting a big table may
 * take minutes (today's create tables and hash the uploads, 004: seconds). Yet bounded: a
 * database gone silent just after connecting otherwise held the start, `npm run ingest` and the
 * re-index child for ever; now they fail with the one-line database message, the child well
 * within its 30-minute no-progress kill. pgvector's version, read first, waits 10 s at most.
 */
export const MIGRATION_TIMEOUT_MS = 10 * 60_000;

/**
 * One pool per DATABASE_URL in this process, shared by the index store, the bot's state and the
 * shared uploads: fewer connections, and on PGlite's socket server one queue (it mixes up the
 * protocol messages of concurrent statements; see createPgDatabase).
 */
export function configuredDatabase(url: string): PgDatabase {
  let db = pools.get(url);
  if (!db) {
    db = createPgDatabase(url);
    pools.set(url, db);
  }
  return db;
}

/**
 * Ends the pool of `url` once nothing uses it any more (a graceful stop: after the bot stopped
 * taking updates and the bot's state wrote what was pending), so the server sees the
 * connections closed rather than dropped. A later `configuredDatabase(url)` opens a new pool.
 */
export async function closeConfiguredDatabase(url: string): Promise<void> {
  const db = pools.get(url);
  if (!db) return;
  pools.delete(url);
  await db.end();
}
