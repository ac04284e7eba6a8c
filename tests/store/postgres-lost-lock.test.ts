// A build that lost its writer lease (another instance took the expired lease over, or its
// renewals failed past the lease) must not publish: two builds would both switch the serving version.
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildIndex } from "../../src/ingest/build-index.js";
import type { IndexStore } from "../../src/store/index-store.js";
import { createPostgresStore } from "../../src/store/postgres/postgres-store.js";
import type { SqlQueryable } from "../../src/store/postgres/sql-database.js";
import { usePglite } from "../helpers/pglite.js";
import { embedderDoing, plainEmbedder } from "../helpers/embedder-doing.js";
import { makeTempSeeds } from "../helpers/temp-seeds.js";

const LEASE_MS = 400;
const pg = usePglite();
let root: string;
let seeds: string;
beforeAll(async () => {
  ({ root, seeds } = await makeTempSeeds());
});
afterAll(() => rm(root, { recursive: true, force: true }));

let schemas = 0;
/** A store on a fresh schema serving a first version, and an article added since (work for the next build). */
async function servingStore(checks?: SqlQueryable, leaseMs = LEASE_MS): Promise<{ store: IndexStore; schema: string; first: string }> {
  const schema = `lost${++schemas}`;
  // The first version is built under a long lease: on a loaded machine (PGlite runs on this
  // thread) a 400 ms one could run out during the set-up build itself.
  const setUp = createPostgresStore({ db: pg.db, schema, database: "pglite", lock: { leaseMs: 10_000, pollMs: 20 } });
  const first = (await buildIndex({ seedsDir: seeds, store: setUp, embedder: plainEmbedder, maxArticleBytes: 100_000, force: true })).version;
  const store = createPostgresStore({ db: pg.db, ...(checks ? { checks } : {}), schema, database: "pglite", lock: { leaseMs, pollMs: 20 } });
  await writeFile(join(seeds, `news-${schema}.txt`), `Нову бібліотеку ${schema} відкрили у Львові в понеділок.`);
  return { store, schema, first };
}

it("a build whose expired lease another instance took over publishes nothing, and leaves the other's lock alone", async () => {
  const { store, schema, first } = await servingStore();
  const takeOver = embedderDoing(async () => {
    await pg.db.query(`UPDATE ${schema}.locks SET holder = 'pid 2 on other-host', expires_at = now() + interval '1 hour'`);
  });
  const outcome = await buildIndex({ seedsDir: seeds, store, embedder: takeOver, maxArticleBytes: 100_000 }).catch((error: unknown) => error);
  expect(String(outcome)).toMatch(/Lost the index's writer lock: another instance took over.*nothing was published/);
  expect((await store.serving())?.version).toBe(first);
  expect((await pg.db.query<{ holder: string }>(`SELECT holder FROM ${schema}.locks`)).rows).toEqual([{ holder: "pid 2 on other-host" }]);
});

it("a build none of whose renewals succeeded before its lease ran out publishes nothing", async () => {
  let silent = false;
  const checks: SqlQueryable = {
    query: (text, params) => (silent && /^UPDATE .*locks/.test(text) ? Promise.reject(new Error("connection lost")) : pg.db.query(text, params)),
    exec: (text) => pg.db.exec(text),
  };
  const { store, first } = await servingStore(checks);
  const cutOff = embedderDoing(async () => {
    silent = true;
    await sleep(LEASE_MS * 2);
    silent = false;
  });
  const outcome = await buildIndex({ seedsDir: seeds, store, embedder: cutOff, maxArticleBytes: 100_000 }).catch((error: unknown) => error);
  expect(String(outcome)).toMatch(/Lost the index's writer lock/);
  expect((await store.serving())?.version).toBe(first);
  // Let go: the next build takes the lock at once.
  expect(await store.writerHolder!()).toBeNull();
});

it("a build that outlasts its lease many times over, renewing it, publishes", async () => {
  // A longer lease here: PGlite runs on the test's own thread, so under a loaded machine a check
  // can come 400 ms after the lease ran out with no renewal back yet, and then rightly counts it lost.
  const lease = 2_000;
  const { store, first } = await servingStore(undefined, lease);
  const slow = embedderDoing(() => sleep(lease * 3));
  const summary = await buildIndex({ seedsDir: seeds, store, embedder: slow, maxArticleBytes: 100_000 });
  expect(summary.version).not.toBe(first);
  expect((await store.serving())?.version).toBe(summary.version);
});

it("a build whose renewals came back late but still matched its row (a PGlite server busy with one long statement) publishes", async () => {
  // PGlite's socket server runs this process's statements one at a time (sql-database.ts): while
  // one long statement runs (a big version's HNSW index), the renewals wait behind it, and all
  // come back after the lease ran out by our clock. Each matched our row: no one took it over.
  const lease = 2_000;
  let held: (() => void)[] | undefined;
  const waiting: Promise<unknown>[] = [];
  const checks: SqlQueryable = {
    query: <R>(text: string, params?: readonly unknown[]) => {
      if (held === undefined || !/^UPDATE .*locks/.test(text)) return pg.db.query<R>(text, params);
      const answer = new Promise<void>((resolve) => held?.push(resolve)).then(() => pg.db.query<R>(text, params));
      waiting.push(answer);
      return answer;
    },
    exec: (text) => pg.db.exec(text),
  };
  const { store, first } = await servingStore(checks, lease);
  const busy = embedderDoing(async () => {
    held = [];
    await sleep(lease * 2 + 500);
    const release = held;
    held = undefined;
    for (const resolve of release) resolve();
    await Promise.all(waiting);
  });
  const summary = await buildIndex({ seedsDir: seeds, store, embedder: busy, maxArticleBytes: 100_000 });
  expect(summary.version).not.toBe(first);
  expect((await store.serving())?.version).toBe(summary.version);
});

it("a build whose lease another instance took over while it embedded embeds no further batch", async () => {
  const schema = `lost${++schemas}`;
  const store = createPostgresStore({ db: pg.db, schema, database: "pglite", lock: { leaseMs: LEASE_MS, pollMs: 20 } });
  const counting = embedderDoing(async () => {
    await pg.db.query(`UPDATE ${schema}.locks SET holder = 'pid 2 on other-host', expires_at = now() + interval '1 hour'`);
    // Until a renewal has found the row another's.
    await sleep(LEASE_MS);
  });
  // One chunk per batch: a fresh schema embeds every chunk of the seeds, several batches.
  const outcome = await buildIndex({ seedsDir: seeds, store, embedder: counting, maxArticleBytes: 100_000, batchSize: 1 }).catch((error: unknown) => error);
  expect(String(outcome)).toMatch(/Lost the index's writer lock/);
  expect(counting.calls()).toBe(1);
});
