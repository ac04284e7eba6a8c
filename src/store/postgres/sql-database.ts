// The little of a Postgres client the store needs, so the same code runs on a real server through
// `pg` and, in tests, on PGlite in-process (tests/helpers/pglite.ts adapts it).
import pg from "pg";

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
export function createPgDatabase(url: string, options: { max?: number; connectionTimeoutMs?: number } = {}): SqlDatabase {
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
  const wrap = (client: pg.Pool | pg.PoolClient): SqlQueryable => ({
    query: async <R>(text: string, params?: readonly unknown[]) => {
      const result = await client.query(text, params as unknown[] | undefined);
      return { rows: result.rows as R[] };
    },
    exec: async (text) => {
      await client.query(text);
    },
  });
  const direct = wrap(pool);
  return {
    query: (text, params) => inTurn(() => direct.query(text, params)),
    exec: (text) => inTurn(() => direct.exec(text)),
    // The work must use `tx` only (never this database): on PGlite the turn is held until it ends.
    transaction: (work) =>
      inTurn(async () => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const result = await work(wrap(client));
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      }),
    end: () => pool.end(),
  };
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
