// One index writer at a time per namespace, across processes and machines: a row in `locks` with a
// lease. Advisory locks would be simpler on a real server but do not work across PGlite's
// connections; a row works on both. The holder renews the lease while it builds; a crashed
// holder's lease runs out and the next writer takes over.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { IndexError } from "../../shared/errors.js";
import type { SqlQueryable } from "./sql-database.js";

export const WRITER_LOCK = "index-writer";

export interface RowLockOptions {
  /** Wait for a running writer (default true); false returns null at once when the lock is held. */
  wait?: boolean;
  /** Give up waiting after this long (default 10 minutes) with an IndexError naming the holder. */
  timeoutMs?: number;
  onWait?: (holder: string) => void;
  /** How long a lease lasts without renewal (default 60 s); it is renewed every third of it. */
  leaseMs?: number;
  pollMs?: number;
}

/** Takes the named lock in `table`; resolves to its release function (or null: held and `wait: false`). */
export async function acquireRowLock(
  db: SqlQueryable,
  table: string,
  name: string,
  options: RowLockOptions = {},
): Promise<(() => Promise<void>) | null> {
  const leaseMs = options.leaseMs ?? 60_000;
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  const me = `pid ${process.pid} on ${hostname()} (${randomBytes(4).toString("hex")})`;
  let waiting = false;
  for (;;) {
    // Inserted when free; an expired lease is overwritten; a live one is left alone (no row back).
    const { rows } = await db.query<{ holder: string }>(
      `INSERT INTO ${table} (name, holder, acquired_at, expires_at)
       VALUES ($1, $2, now(), now() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
       WHERE ${table}.expires_at < now()
       RETURNING holder`,
      [name, me, leaseMs],
    );
    if (rows[0]?.holder === me) return holdLease(db, table, name, me, leaseMs);
    if (options.wait === false) return null;
    const holder = await currentHolder(db, table, name);
    if (Date.now() >= deadline) {
      throw new IndexError(`Another index build is still running (${holder ?? "unknown holder"}); try again when it is done.`);
    }
    if (!waiting) {
      waiting = true;
      options.onWait?.(holder ?? "another process");
    }
    await sleep(options.pollMs ?? 500);
  }
}

/** Who holds the named lock with a lease still running, or null. */
export async function lockHolder(db: SqlQueryable, table: string, name: string): Promise<string | null> {
  const { rows } = await db.query<{ holder: string }>(`SELECT holder FROM ${table} WHERE name = $1 AND expires_at > now()`, [name]);
  return rows[0]?.holder ?? null;
}

async function currentHolder(db: SqlQueryable, table: string, name: string): Promise<string | null> {
  const { rows } = await db.query<{ holder: string; acquired_at: Date | string }>(
    `SELECT holder, acquired_at FROM ${table} WHERE name = $1`,
    [name],
  );
  const row = rows[0];
  return row ? `${row.holder}, since ${new Date(row.acquired_at).toISOString()}` : null;
}

// Renews the lease until released; releasing deletes only our own row (it may have been taken
// over if we stalled past the lease).
function holdLease(db: SqlQueryable, table: string, name: string, me: string, leaseMs: number): () => Promise<void> {
  const renew = setInterval(
    () => {
      void db
        .query(`UPDATE ${table} SET expires_at = now() + $3 * interval '1 millisecond' WHERE name = $1 AND holder = $2`, [name, me, leaseMs])
        .catch(() => {}); // a missed renewal is retried next tick; the lease has slack for two
    },
    Math.max(1, Math.floor(leaseMs / 3)),
  );
  renew.unref();
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    clearInterval(renew);
    await db.query(`DELETE FROM ${table} WHERE name = $1 AND holder = $2`, [name, me]);
  };
}
