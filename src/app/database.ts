import { createPgDatabase, type PgDatabase } from "../store/postgres/sql-database.js";

const pools = new Map<string, PgDatabase>();

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
