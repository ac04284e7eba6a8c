// The Postgres + pgvector store on a real Postgres (PGlite), through the `pg` client over PGlite's
// socket server: the same code path as DATABASE_URL. Each test uses a schema of its own.
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import { retrieve } from "../../src/retrieval/retrieve.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import type { IndexStore, SearchableIndex } from "../../src/store/index-store.js";
import { migrate, readMigrations } from "../../src/store/postgres/migrate.js";
import { createPostgresStore } from "../../src/store/postgres/postgres-store.js";
import { createPgDatabase, type SqlDatabase } from "../../src/store/postgres/sql-database.js";
import { makeTempSeeds } from "../helpers/temp-seeds.js";
import { createPglite, pgliteDatabase, startPgliteServer } from "../helpers/pglite.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "articles");
const MAX = 100_000;
const embeddings = new LocalHashEmbeddings();
const embedder: Embedder = { id: embeddings.id, embeddings };

let server: Awaited<ReturnType<typeof startPgliteServer>>;
let db: SqlDatabase;
let root: string;
let seeds: string;
let schemaCount = 0;

const pgStore = (schema = `t${++schemaCount}`): IndexStore =>
  createPostgresStore({ db, schema, database: "pglite", lock: { leaseMs: 600, pollMs: 20 } });

beforeAll(async () => {
  server = await startPgliteServer();
  db = createPgDatabase(server.url);
  ({ root, seeds } = await makeTempSeeds());
  await cp(FIXTURES, seeds, { recursive: true });
}, 60_000);
afterAll(async () => {
  await db?.end();
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

const QUESTIONS = [
  "solar panels installed on school roofs",
  "honey harvest in the valley",
  "record amount of grain at the river port",
  "Скільки вуликів налічує найбільша пасіка?",
  "нічний потяг зі Львова до Ужгорода",
];

describe("Postgres store", () => {
  let files: SearchableIndex;
  let pg: SearchableIndex;
  beforeAll(async () => {
    const fileStore = createHnswStore(join(root, "files"));
    await buildIndex({ seedsDir: seeds, store: fileStore, embedder, maxArticleBytes: MAX });
    files = await fileStore.load(embedder);
    const store = pgStore("parity");
    await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX });
    pg = await store.load(embedder);
  }, 60_000);

  it("loads the same chunks and term statistics as the file backend", () => {
    expect(pg.chunks.length).toBeGreaterThan(5);
    expect(pg.chunks).toEqual(files.chunks);
    expect(pg.termIndex.vocabulary).toEqual(files.termIndex.vocabulary);
    expect(pg.manifest.articles).toEqual(files.manifest.articles);
    for (const q of QUESTIONS) expect(pg.termSearch(q, 10)).toEqual(files.termSearch(q, 10));
  });

  it("finds the same nearest passages as the HNSW backend, with the same scores", async () => {
    for (const q of QUESTIONS) {
      const vector = await embeddings.embedQuery(q);
      const [a, b] = [await pg.vectorSearch(vector, 8), await files.vectorSearch(vector, 8)];
      expect(a.map((h) => h.id)).toEqual(b.map((h) => h.id));
      for (const [i, hit] of a.entries()) expect(hit.score).toBeCloseTo(b[i]!.score, 5);
    }
  });

  it("retrieves the same top passages end to end (fusion on top of both searches)", async () => {
    for (const q of QUESTIONS) {
      const [a, b] = [await retrieve(pg, embedder, q, { k: 5 }), await retrieve(files, embedder, q, { k: 5 })];
      expect(a.map((p) => p.chunk.id)).toEqual(b.map((p) => p.chunk.id));
    }
  });

  it("filters vector search in SQL by article ids and date range, like the file backend", async () => {
    const vector = await embeddings.embedQuery("solar panels installed on school roofs");
    const filters = [
      { articleIds: new Set(["plain.txt"]) },
      { dateFrom: "2023-01-01", dateTo: "2023-12-31" },
      { dateFrom: "2025-01-01" },
      { articleIds: new Set(["bees.md", "front-matter.md"]), dateTo: "2025-12-31" },
      { articleIds: new Set<string>() },
    ];
    for (const filter of filters) {
      const [a, b] = [await pg.vectorSearch(vector, 10, filter), await files.vectorSearch(vector, 10, filter)];
      expect(a.map((h) => h.id)).toEqual(b.map((h) => h.id));
    }
    const in2023 = await pg.vectorSearch(vector, 10, { dateFrom: "2023-01-01", dateTo: "2023-12-31" });
    expect(new Set(in2023.map((h) => pg.chunkById(h.id)!.articleId))).toEqual(new Set(["seed-format.txt"]));
    expect(pg.termSearch("honey harvest", 5, { dateFrom: "2024-01-01" })).toEqual([]);
  });
});

describe("Postgres store versions", () => {
  it("re-indexes incrementally, switches versions, keeps two, and embeds only what changed", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pg-seeds-"));
    await cp(seeds, dir, { recursive: true });
    const store = pgStore();
    const first = await buildIndex({ seedsDir: dir, store, embedder, maxArticleBytes: MAX });
    expect(first).toMatchObject({ added: 6, changed: 0, removed: 0, unchanged: 0 });
    expect(first.embedded).toBe(first.chunks);

    const again = await buildIndex({ seedsDir: dir, store, embedder, maxArticleBytes: MAX });
    expect(again).toMatchObject({ added: 0, changed: 0, unchanged: 6, embedded: 0, version: first.version });

    await writeFile(join(dir, "plain.txt"), "Beekeepers in the valley sold all their honey in one week.\n");
    await writeFile(join(dir, "new.txt"), "A new bridge over the river opened to traffic on Monday.\n");
    await rm(join(dir, "trains.txt"));
    const second = await buildIndex({ seedsDir: dir, store, embedder, maxArticleBytes: MAX });
    expect(second).toMatchObject({ added: 1, changed: 1, removed: 1, unchanged: 4 });
    expect(second.embedded).toBe(2); // one chunk each for the changed and the new article
    expect(second.version).not.toBe(first.version);
    expect((await store.serving())?.version).toBe(second.version);
    const index = await store.load(embedder);
    expect(index.version).toBe(second.version);
    expect(index.termSearch("bridge traffic", 3)[0]?.id).toBe("new.txt#0");

    await writeFile(join(dir, "new.txt"), "The new bridge is closed again for repairs.\n");
    const third = await buildIndex({ seedsDir: dir, store, embedder, maxArticleBytes: MAX });
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM t${schemaCount}.versions ORDER BY id`);
    expect(rows.map((r) => r.id)).toEqual([second.version, third.version]);
    const cache = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM t${schemaCount}.embedding_cache`);
    expect(cache.rows[0]!.n).toBe(third.chunks); // the cache keeps only what the index uses
    const indexes = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE 'chunks_hnsw_%'`, [`t${schemaCount}`]);
    expect(indexes.rows[0]!.n).toBe(2);
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it("a failed build leaves the old version serving and nothing behind", async () => {
    const store = pgStore();
    const schema = `t${schemaCount}`;
    const first = await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX });
    const served = await store.load(embedder);
    const release = await store.lockForWriting();
    try {
      const bad = { ...served, chunks: served.chunks };
      await expect(
        store.write({
          embedder: { id: embedder.id, dims: served.manifest.embedder.dims },
          chunker: served.manifest.chunker,
          maxArticleBytes: MAX,
          articles: served.manifest.articles,
          skipped: [],
          warnings: [],
          files: served.manifest.files,
          chunks: bad.chunks,
          vectors: bad.chunks.map((_, i) => (i === bad.chunks.length - 1 ? Float32Array.of(1, 2, 3) : new Float32Array(served.manifest.embedder.dims).fill(0.1))),
        }),
      ).rejects.toThrow(/dimensions/);
    } finally {
      await release();
    }
    expect((await store.serving())?.version).toBe(first.version);
    expect((await store.load(embedder)).chunks).toEqual(served.chunks);
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM ${schema}.versions`);
    expect(rows.map((r) => r.id)).toEqual([first.version]);
  }, 60_000);

  it("removes what a crashed writer left (an unfinished version), but not while a build runs", async () => {
    const store = pgStore();
    const schema = `t${schemaCount}`;
    const first = await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX });
    await db.query(`INSERT INTO ${schema}.versions (id, dims) VALUES ('v-20990101T000000000Z-dead00', 8)`);
    const release = await store.lockForWriting();
    // lockForWriting itself clears leftovers: the row is gone already.
    expect((await db.query(`SELECT id FROM ${schema}.versions WHERE NOT complete`)).rows).toEqual([]);
    await db.query(`INSERT INTO ${schema}.versions (id, dims) VALUES ('v-20990101T000000000Z-dead01', 8)`);
    expect(await store.removeLeftovers()).toEqual([]); // held: might be a running build
    await release();
    expect(await store.removeLeftovers()).toEqual(["v-20990101T000000000Z-dead01"]);
    expect((await store.serving())?.version).toBe(first.version);
  }, 60_000);

  it("refuses to load an index built by another embedder, saying to re-index", async () => {
    const store = pgStore();
    await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX });
    const other = new LocalHashEmbeddings({ dims: 64 });
    await expect(store.load({ id: other.id, embeddings: other })).rejects.toThrow(/built with embedder .*re-index/);
    await expect(pgStore().load(embedder)).rejects.toThrow(/No index in pglite \(schema t\d+\).*npm run ingest/);
  }, 60_000);
});

describe("Postgres writer lock", () => {
  it("lets one writer in at a time and hands over on release", async () => {
    const store = pgStore();
    const release = await store.lockForWriting();
    const waits: string[] = [];
    let second: (() => Promise<void>) | null = null;
    const pending = store.lockForWriting({ onWait: (holder) => waits.push(holder) }).then((r) => (second = r));
    await new Promise((r) => setTimeout(r, 150));
    expect(second).toBeNull();
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatch(/^pid \d+ on /);
    await release();
    await pending;
    expect(second).not.toBeNull();
    await second!();
  });

  it("renews the lease while held, and takes over a lease nobody renews (a crashed holder)", async () => {
    const store = pgStore();
    const schema = `t${schemaCount}`;
    const release = await store.lockForWriting();
    await new Promise((r) => setTimeout(r, 1_000)); // beyond the 600 ms lease: renewed meanwhile
    expect(await store.removeLeftovers()).toEqual([]);
    let taken = false;
    void store.lockForWriting().then(async (r) => {
      taken = true;
      await r();
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(taken).toBe(false);
    await release();
    await new Promise((r) => setTimeout(r, 200));
    expect(taken).toBe(true);
    // A holder that died: its row stays, its lease runs out.
    await db.query(`INSERT INTO ${schema}.locks VALUES ('index-writer', 'pid 1 on gone', now(), now() + interval '300 milliseconds')`);
    const started = Date.now();
    const next = await store.lockForWriting();
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    await next();
  });
});

describe("Postgres migrations", () => {
  it("creates the schema once and records each numbered file (in-process PGlite)", async () => {
    const lite = await createPglite();
    try {
      const local = pgliteDatabase(lite);
      const migrations = await readMigrations();
      expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
      expect(await migrate(local, "ns_a", migrations)).toEqual(migrations.map((m) => m.version));
      expect(await migrate(local, "ns_a", migrations)).toEqual([]);
      expect(await migrate(local, "ns_b", migrations)).toEqual(migrations.map((m) => m.version)); // namespaces are separate
      const { rows } = await lite.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'ns_a' ORDER BY 1",
      );
      expect(rows.map((r) => r.table_name).filter((name) => !/^bot_|^uploaded_|^removed_/.test(name))).toEqual(["chunks", "embedding_cache", "locks", "schema_migrations", "versions"]);
      // The store works in-process too (the same SQL as over the wire).
      const store = createPostgresStore({ db: local, schema: "ns_a", database: "pglite" });
      await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX });
      expect((await store.load(embedder)).termSearch("honey harvest", 1)[0]?.id).toBe("plain.txt#0");
    } finally {
      await lite.close();
    }
  }, 60_000);
});

describe("the pg client on PGlite's socket server", () => {
  it("keeps concurrent statements of one process apart (a large one and small ones at once)", async () => {
    const big = Buffer.alloc(8_000_000, 7);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        i % 6 === 0
          ? db.query<{ n: number }>("SELECT length($1::bytea) + $2::int + $3::int + $4::int + $5::int - 4 + 0 * $2::int AS n", [big, 1, 1, 1, 1])
          : db.query<{ n: number }>("SELECT $1::int + $2::int + $3::int AS n", [i, 1, 1]),
      ),
    );
    expect(results.map((r) => Number(r.rows[0]!.n))).toEqual(Array.from({ length: 24 }, (_, i) => (i % 6 === 0 ? 8_000_000 : i + 2)));
  });
});
