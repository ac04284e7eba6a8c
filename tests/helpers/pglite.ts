// Test helper: a real Postgres with pgvector and no server install. PGlite (Postgres in WASM)
// in-process, adapted to the store's SqlDatabase, and over the wire through its socket server on
// a free port (port 0), for the `pg` client the program uses with DATABASE_URL.
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { afterAll, beforeAll } from "vitest";
import type { SqlDatabase, SqlQueryable } from "../../src/store/postgres/sql-database.js";

/** A fresh in-memory PGlite with the vector extension. */
export function createPglite(): Promise<PGlite> {
  return PGlite.create({ extensions: { vector } });
}

/**
 * One fresh PGlite for a test file's tests (each on its own schema): started before them, closed
 * after; `lite` to look at its tables, `db` as the store's database (read them inside the tests).
 */
export function usePglite(): { lite: PGlite; db: SqlDatabase } {
  const handle = {} as { lite: PGlite; db: SqlDatabase };
  beforeAll(async () => {
    handle.lite = await createPglite();
    handle.db = pgliteDatabase(handle.lite);
  }, 60_000);
  afterAll(() => handle.lite?.close());
  return handle;
}

/** PGlite in-process as the store's database. */
export function pgliteDatabase(db: PGlite): SqlDatabase {
  const wrap = (q: PGlite | Transaction): SqlQueryable => ({
    query: async <R>(text: string, params?: readonly unknown[]) => ({ rows: (await q.query<R>(text, params as unknown[] | undefined)).rows }),
    exec: async (text) => {
      await q.exec(text);
    },
  });
  return {
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    end: async () => {},
  };
}

/** PGlite served on 127.0.0.1 at a free port; `url` is a DATABASE_URL for it. */
export async function startPgliteServer(options: { maxConnections?: number } = {}): Promise<{ url: string; db: PGlite; stop: () => Promise<void> }> {
  const db = await createPglite();
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: options.maxConnections ?? 16 });
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    db,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
