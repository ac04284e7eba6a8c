// The Postgres store on a real server: what PGlite (one session, one statement at a time) cannot
// show. Runs only when REAL_DATABASE_URL is set, e.g.
//   scripts/real-postgres.sh install && scripts/real-postgres.sh start
//   REAL_DATABASE_URL=$(scripts/real-postgres.sh url) npx vitest run tests/store/real-postgres.test.ts
// Without it every test here is reported as skipped (not passed): `npm test` and CI do not start a
// server. It writes only schemas named real_test_* (dropped afterwards) and, when the role may,
// one throwaway database.
import { cp, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import { retrieve } from "../../src/retrieval/retrieve.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import { migrate, readMigrations } from "../../src/store/postgres/migrate.js";
import { createPostgresStore } from "../../src/store/postgres/postgres-store.js";
import { createPgDatabase, type SqlDatabase } from "../../src/store/postgres/sql-database.js";
import { makeTempSeeds } from "../helpers/temp-seeds.js";

const URL_ = process.env.REAL_DATABASE_URL?.trim() ?? "";
const FIXTURES = join(import.meta.dirname, "..", "fixtures", "articles");
const MAX = 100_000;
const embeddings = new LocalHashEmbeddings();
const embedder: Embedder = { id: embeddings.id, embeddings };
const RUN = `${process.pid}_${Date.now().toString(36)}`;
const QUESTIONS = ["solar panels installed on school roofs", "honey harvest in the valley", "Скільки вуликів налічує найбільша пасіка?", "нічний потяг зі Львова до Ужгорода"];

describe.skipIf(!URL_)("the Postgres store on a real server (REAL_DATABASE_URL; skipped when unset)", () => {
  const pools: SqlDatabase[] = [];
  const schemas: string[] = [];
  const pool = (max = 4): SqlDatabase => {
    const db = createPgDatabase(URL_, { max });
    pools.push(db);
    return db;
  };
  const schema = (name: string): string => {
    const s = `real_test_${name}_${RUN}`;
    schemas.push(s);
    return s;
  };
  let root: string;
  let seeds: string;

  beforeAll(async () => {
    ({ root, seeds } = await makeTempSeeds());
    await cp(FIXTURES, seeds, { recursive: true });
    const { rows } = await pool(1).query<{ v: string }>("SELECT version() AS v");
    expect(rows[0]?.v, "REAL_DATABASE_URL must point at a real server, not PGlite").not.toMatch(/PGlite/i);
  });
  afterAll(async () => {
    const db = pools[0];
    for (const s of schemas) await db?.exec(`DROP SCHEMA IF EXISTS "${s}" CASCADE`).catch(() => {});
    await Promise.all(pools.map((p) => p.end()));
    await rm(root, { recursive: true, force: true });
  });

  it("migrates one schema once when several processes start at once", async () => {
    const s = schema("migrate");
    const migrations = await readMigrations();
    const applied = await Promise.all(Array.from({ length: 4 }, () => migrate(pool(2), s, migrations)));
    expect(applied.filter((a) => a.length > 0)).toEqual([migrations.map((m) => m.version)]);
  });

  it("creates pgvector once when several processes start on a fresh database (if the role may create one)", async (ctx) => {
    const admin = pool(1);
    const name = `real_test_db_${RUN}`;
    try {
      await admin.exec(`CREATE DATABASE "${name}"`);
    } catch (error) {
      ctx.skip(`cannot create a database here: ${(error as Error).message}`);
    }
    const url = new URL(URL_);
    url.pathname = `/${name}`;
    const fresh = Array.from({ length: 4 }, () => createPgDatabase(url.toString(), { max: 2 }));
    try {
      const migrations = await readMigrations();
      const results = await Promise.allSettled(fresh.map((db, i) => migrate(db, i % 2 ? "ns_a" : "ns_b", migrations)));
      expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual(["ok", "ok", "ok", "ok"]);
    } finally {
      await Promise.all(fresh.map((db) => db.end()));
      await admin.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });

  it("builds one index when two writers start at once, and both end serving the same version", async () => {
    const s = schema("writers");
    const stores = [0, 1].map(() => createPostgresStore({ db: pool(), schema: s, database: "real", lock: { pollMs: 50 } }));
    const [a, b] = await Promise.all(stores.map((store) => buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX })));
    expect(a!.version).toBe(b!.version);
    expect([a!.embedded, b!.embedded].sort((x, y) => x - y)).toEqual([0, a!.chunks]); // the second reused the first's work
    const { rows } = await pools.at(-1)!.query<{ n: string }>(`SELECT count(*) AS n FROM "${s}".versions`);
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it("answers many concurrent searches from one pool exactly as one at a time, and as the file backend", async () => {
    const s = schema("parity");
    const store = createPostgresStore({ db: pool(4), schema: s, database: "real" });
    await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX });
    const pg = await store.load(embedder);
    const fileStore = createHnswStore(join(root, "files"));
    await buildIndex({ seedsDir: seeds, store: fileStore, embedder, maxArticleBytes: MAX });
    const files = await fileStore.load(embedder);

    const vectors = await Promise.all(QUESTIONS.map((q) => embeddings.embedQuery(q)));
    const oneByOne: string[][] = [];
    for (const v of vectors) oneByOne.push((await pg.vectorSearch(v, 8)).map((h) => h.id));
    // 40 searches at once through 4 connections, each its own transaction with SET LOCAL ef_search.
    const together = await Promise.all(Array.from({ length: 40 }, (_, i) => pg.vectorSearch(vectors[i % vectors.length]!, 8)));
    for (const [i, hits] of together.entries()) expect(hits.map((h) => h.id)).toEqual(oneByOne[i % vectors.length]);
    for (const [i, v] of vectors.entries()) expect(oneByOne[i]).toEqual((await files.vectorSearch(v, 8)).map((h) => h.id));
    for (const q of QUESTIONS) {
      const [x, y] = [await retrieve(pg, embedder, q, { k: 5 }), await retrieve(files, embedder, q, { k: 5 })];
      expect(x.map((p) => p.chunk.id)).toEqual(y.map((p) => p.chunk.id));
    }
    // SET LOCAL stayed inside each search's transaction: the pool's sessions kept the default.
    const sessions = await Promise.all(
      Array.from({ length: 4 }, () => pools.at(-1)!.query<{ ef: string | null }>("SELECT current_setting('hnsw.ef_search', true) AS ef, pg_sleep(0.05)")),
    );
    for (const { rows } of sessions) expect(rows[0]?.ef ?? "40").toBe("40"); // pgvector's default (or not loaded in that session)
  });
});
