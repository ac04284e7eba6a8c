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
 */
export function createPgDatabase(url: string, options: { max?: number } = {}): SqlDatabase {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4, allowExitOnIdle: true, idleTimeoutMillis: 10_000 });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const wrap = (client: pg.Pool | pg.PoolClient): SqlQueryable => ({
    query: async <R>(text: string, params?: readonly unknown[]) => {
      const result = await client.query(text, params as unknown[] | undefined);
      return { rows: result.rows as R[] };
    },
    exec: async (text) => {
      await client.query(text);
    },
  });
  return {
    ...wrap(pool),
    async transaction(work) {
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
    },
    end: () => pool.end(),
  };
}

/** `postgres://user@host:port/db` with the password left out, for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : "";
    return `postgres://${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return "postgres://(unparsable URL)";
  }
}
