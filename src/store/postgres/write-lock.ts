// One index writer at a time per namespace, across processes and machines: a row in `locks` with a
// lease. Advisory locks would be simpler on a real server but do not work across PGlite's
// connections; a row works on both. The holder renews the lease while it builds; a crashed
// holder's lease runs out and the next writer takes over. A holder that stalled or lost the
// database past its lease may have been taken over the same way: it learns so (RowLease.check,
// confirm) and must not publish.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { type MonotonicClock, monotonicMs } from "../../shared/clock.js";
import { IndexError, LostLockError } from "../../shared/errors.js";
import type { SqlQueryable } from "./sql-database.js";

export const WRITER_LOCK = "index-writer";

export interface RowLockOptions {
  /** Wait for a running writer (default true); false returns null at once when the lock is held. */
  wait?: boolean;
  /** Give up waiting after this long (default 10 minutes) with an IndexError naming the holder. */
  timeoutMs?: number;
  onWait?: (holder: string) => void;
  /** How long a lease lasts without renewal (default 60 s); it is renewed every quarter of it, so two missed renewals still leave some. */
  leaseMs?: number;
  pollMs?: number;
  /** For tests: the monotonic clock that times the wait and the holder's own view of its lease. */
  monotonic?: MonotonicClock;
}

/** A held lock: whether it is still ours, and its release. */
export interface RowLease {
  /** Throws LostLockError once a renewal found another holder, or when called after the lease ran out with no renewal back by then. */
  check(): void;
  /**
   * check(), then the row itself in `tx`: still ours and its lease running, renewed, and locked
   * until `tx` commits, so no one can take it over between this and the commit.
   */
  confirm(tx: SqlQueryable): Promise<void>;
  release(): Promise<void>;
}

/** Takes the named lock in `table`; resolves to its lease (or null: held and `wait: false`). */
export async function acquireRowLock(db: SqlQueryable, table: string, name: string, options: RowLockOptions = {}): Promise<RowLease | null> {
  const leaseMs = options.leaseMs ?? 60_000;
  // Our own reckoning is on the monotonic clock: a step of the wall clock (NTP) must neither end
  // the wait early nor make a live lease look run out, or one that ran out look live. The
  // database's now() stays the judge of expires_at, so of takeover.
  const clock = options.monotonic ?? monotonicMs;
  const deadline = clock() + (options.timeoutMs ?? 10 * 60_000);
  const me = `pid ${process.pid} on ${hostname()} (${randomBytes(4).toString("hex")})`;
  let waiting = false;
  for (;;) {
    const asked = clock();
    // Inserted when free; an expired lease is overwritten; a live one is left alone (no row back).
    const { rows } = await db.query<{ holder: string }>(
      `INSERT INTO ${table} (name, holder, acquired_at, expires_at)
       VALUES ($1, $2, now(), now() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
       WHERE ${table}.expires_at < now()
       RETURNING holder`,
      [name, me, leaseMs],
    );
    if (rows[0]?.holder === me) return holdLease(db, table, name, me, leaseMs, asked, clock);
    if (options.wait === false) return null;
    const holder = await currentHolder(db, table, name);
    if (clock() >= deadline) {
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

// Renews the lease until released, and remembers when it stopped being sure of it: a renewal that
// matched no row (another writer took the expired lease over), or a check after the lease ran out
// with no renewal back by then. Until then no one else can hold it. Releasing deletes only our own row.
function holdLease(db: SqlQueryable, table: string, name: string, me: string, leaseMs: number, asked: number, clock: MonotonicClock): RowLease {
  // By our monotonic clock, from when the statement was sent: never later than the database's expires_at.
  let validUntil = asked + leaseMs;
  let lost = false;
  const renewSql = `UPDATE ${table} SET expires_at = now() + $3 * interval '1 millisecond' WHERE name = $1 AND holder = $2`;
  const renew = setInterval(
    () => {
      const sent = clock();
      void db.query(`${renewSql} RETURNING name`, [name, me, leaseMs]).then(
        // One that matched our row, however late (on PGlite's server it waits behind a long
        // statement, a big version's HNSW index), shows no one took the lease over meanwhile.
        ({ rows }) => {
          if (rows.length === 0) markLost();
          else validUntil = Math.max(validUntil, sent + leaseMs);
        },
        () => {}, // a missed renewal is retried next tick; the lease has slack for two more
      );
    },
    Math.max(1, Math.floor(leaseMs / 4)),
  );
  renew.unref();
  // Lost for good: renewing on would only keep the row from the next writer until the release.
  const markLost = (): void => {
    lost = true;
    clearInterval(renew);
  };
  const check = (): void => {
    if (clock() >= validUntil) markLost();
    if (lost) throw new LostLockError();
  };
  let released = false;
  return {
    check,
    async confirm(tx) {
      check();
      const { rows } = await tx.query(`${renewSql} AND expires_at > now() RETURNING name`, [name, me, leaseMs]);
      if (rows.length === 0) {
        markLost();
        throw new LostLockError();
      }
    },
    async release() {
      if (released) return;
      released = true;
      clearInterval(renew);
      await db.query(`DELETE FROM ${table} WHERE name = $1 AND holder = $2`, [name, me]);
    },
  };
}
