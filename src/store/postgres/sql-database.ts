// The little of a Postgres client the store needs, so the same code runs on a real server through
// `pg` and, in tests, on PGlite in-process (tests/helpers/pglite.ts adapts it).
import pg from "pg";
import { DatabaseTimeoutError } from "../../shared/errors.js";

/** The error of a query past its `query_timeout` (pg 8, lib/client.js). */
const PG_READ_TIMEOUT = "Query read timeout";

/** Runs one statement with `$n` parameters. */
export interface SqlQueryable {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<{ rows: R[] }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

/** A database: statements, transactions (one connection, committed or rolled back), close. */
export interface SqlDatabase extends SqlQueryable {
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  end(): Promise<void>;
}

/** A database behind a `pg` pool (createPgDatabase). */
export interface PgDatabase extends SqlDatabase {
  /**
   * This database (the same pool, connections and, on PGlite, turn), each statement failing with
   * a DatabaseTimeoutError once `ms` passed without its answer. For short work (the bot's state,
   * the index store's one-row statements), never for a build's bulk statements: they legitimately
   * run for minutes.
   *
   * Client-side, pg's per-query `query_timeout`: a server-side statement_timeout is never heard
   * from a server gone silent. pg leaves the timed-out statement running on its connection, so
   * the connection must not serve again: a plain statement's goes back with the error
   * (pg-pool's query() does release(err)), a transaction's with release(true), and pg-pool then
   * closes it; pg's Client.end() destroys the socket of a client with a statement in flight
   * (pg 8.23). A bare Promise deadline would leave the connection held until TCP keep-alive
   * gives it up. Connecting stays bounded by `connectionTimeoutMs`, with pg's own error.
   *
   * The same `ms` gives the same handle: migrateOnce remembers the handles it migrated with, and
   * the index store, the bot's state and the shared uploads each ask for theirs.
   */
  withTimeout(ms: number): PgDatabase;
}

/**
 * A `pg` pool for `DATABASE_URL`. Idle connections do not keep a CLI process alive, so `ask` and
 * `eval` exit without closing it. No COPY, no advisory locks, no session SET: all of it must also
 * work over PGlite's socket server, which multiplexes its clients onto one session.
 *
 * On PGlite (detected once from `version()`), this process's statements run one at a time: its
 * socket server interleaves the protocol messages of concurrent connections, and a large
 * statement (a version's term index) mixed with a small one (the lock renewal) failed with "bind
 * message supplies 5 parameters, but prepared statement requires 3". A real server needs no such
 * care and keeps the pool's concurrency.
 */
export function createPgDatabase(url: string, options: { max?: number; connectionTimeoutMs?: number } = {}): PgDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 4,
    allowExitOnIdle: true,
    idleTimeoutMillis: 10_000,
    // A host that takes the connection and never answers (a network cut, a failover) fails the
    // statement instead of holding it for ever; so does waiting this long for a free connection.
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    // Probes keep a connection busy with a long statement (an index build) open through NATs and
    // load balancers that drop quiet ones, and let the OS notice a peer that is gone.
    keepAlive: true,
    keepAliveInitialDelayMillis: 30_000,
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  let pglite: Promise<boolean> | null = null;
  const isPglite = (): Promise<boolean> => {
    pglite ??= pool.query<{ v: string }>("SELECT version() AS v").then(
      (result) => /PGlite/i.test(result.rows[0]?.v ?? ""),
      (error: unknown) => {
        pglite = null; // down now, maybe up on the next call
        throw error;
      },
    );
    return pglite;
  };
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = async <T>(work: () => Promise<T>): Promise<T> => {
    if (!(await isPglite())) return work();
    const result = tail.then(work, work);
    tail = result.catch(() => {});
    return result;
  };
  /**
   * Statements of `client`, each failing with a DatabaseTimeoutError once `timeoutMs` (when
   * given) passed without its answer: pg's `query_timeout`, read per query (pg/lib/client.js).
   */
  const wrap = (client: pg.Pool | pg.PoolClient, timeoutMs?: number, onTimeout?: () => void): SqlQueryable => {
    const run = async (text: string, params?: readonly unknown[]) => {
      const config = { text, values: params as unknown[] | undefined, ...(timeoutMs !== undefined ? { query_timeout: timeoutMs } : {}) };
      try {
        return await client.query(config as pg.QueryConfig);
      } catch (error) {
        if (timeoutMs === undefined || !(error instanceof Error) || error.message !== PG_READ_TIMEOUT) throw error;
        onTimeout?.();
        throw new DatabaseTimeoutError(timeoutMs);
      }
    };
    return {
      query: async <R>(text: string, params?: readonly unknown[]) => ({ rows: (await run(text, params)).rows as R[] }),
      exec: async (text) => {
        await run(text);
      },
    };
  };
  const views = new Map<number | undefined, PgDatabase>();
  const view = (timeoutMs?: number): PgDatabase => {
    const known = views.get(timeoutMs);
    if (known) return known;
    const direct = wrap(pool, timeoutMs);
    const database: PgDatabase = {
      query: (text, params) => inTurn(() => direct.query(text, params)),
      exec: (text) => inTurn(() => direct.exec(text)),
      // The work must use `tx` only (never this database): on PGlite the turn is held until it ends.
      transaction: (work) =>
        inTurn(async () => {
          const client = await pool.connect();
          // A connection goes back to the pool only in a known state. After a statement timed out
          // (pg still counts it as running) or a ROLLBACK that failed, release(true) makes the pool
          // close it (pg's end() destroys the socket of a client with a statement in flight) and the
          // server rolls the transaction back; a ROLLBACK would only wait behind the silent statement.
          let broken = false;
          const tx = wrap(client, timeoutMs, () => (broken = true));
          try {
            await tx.exec("BEGIN");
            const result = await work(tx);
            await tx.exec("COMMIT");
            return result;
          } catch (error) {
            if (!broken) await tx.exec("ROLLBACK").catch(() => (broken = true));
            throw error;
          } finally {
            client.release(broken);
          }
        }),
      end: () => pool.end(),
      withTimeout: (ms) => view(ms),
    };
    views.set(timeoutMs, database);
    return database;
  };
  return view();
}

/** `postgres://user@host:port/db` with the password left out, for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : "";
    // libpq's `?host=/socket/dir`: where the server is when the URL names no host.
    const socket = parsed.searchParams.get("host");
    return `postgres://${user}${parsed.host}${parsed.pathname}${socket ? ` (host ${socket})` : ""}`;
  } catch {
    return "postgres://(unparsable URL)";
  }
}
