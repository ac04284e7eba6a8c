// A build that lost the store folder's LOCK (another process holds it now, or its touches failed
// long enough for one to take it over) must not switch CURRENT: two builds would both publish.
import { readFile, rm, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildIndex } from "../../src/ingest/build-index.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import { LOCK_FILE } from "../../src/store/hnsw/write-lock.js";
import type { IndexStore } from "../../src/store/index-store.js";
import { embedderDoing, plainEmbedder } from "../helpers/embedder-doing.js";
import { makeTempSeeds } from "../helpers/temp-seeds.js";

// Touched every 100 ms, taken over after 4 s untouched: the holder counts itself lost after 2 s
// (wide enough that a loaded machine's scheduling never looks like a lost lock).
const LOCK = { heartbeatMs: 100, staleAfterMs: 4_000 };
let root: string;
let seeds: string;
beforeAll(async () => {
  ({ root, seeds } = await makeTempSeeds());
});
afterAll(() => rm(root, { recursive: true, force: true }));

let stores = 0;
/** A store serving a first version, and an article added since (work for the next build). */
async function servingStore(): Promise<{ store: IndexStore; dir: string; first: string }> {
  const dir = join(root, `store${++stores}`);
  const store = createHnswStore(dir, { lock: LOCK });
  const first = (await buildIndex({ seedsDir: seeds, store, embedder: plainEmbedder, maxArticleBytes: 100_000, force: true })).version;
  await writeFile(join(seeds, `news-${stores}.txt`), `Нову бібліотеку номер ${stores} відкрили у Львові в понеділок.`);
  return { store, dir, first };
}

it("a build whose LOCK another process holds now publishes nothing, and leaves the other's LOCK alone", async () => {
  const { store, dir, first } = await servingStore();
  const other = JSON.stringify({ pid: 2, host: "other-host", startedAt: new Date().toISOString(), scope: "other-host", token: "other" });
  // As after someone deleted the LOCK by hand and another build took it.
  const takeOver = embedderDoing(() => writeFile(join(dir, LOCK_FILE), other));
  const outcome = await buildIndex({ seedsDir: seeds, store, embedder: takeOver, maxArticleBytes: 100_000 }).catch((error: unknown) => error);
  expect(String(outcome)).toMatch(/Lost the index's writer lock: another instance took over.*nothing was published/);
  expect((await store.serving())?.version).toBe(first);
  expect(await readFile(join(dir, LOCK_FILE), "utf8")).toBe(other);
});

it("a build whose touches of its LOCK failed for half the takeover window publishes nothing, though they work again", async () => {
  const { store, dir, first } = await servingStore();
  const lock = join(dir, LOCK_FILE);
  // Gone (its touches fail) for longer than another process needs to take it over, then back as it was.
  const cutOff = embedderDoing(async () => {
    const mine = await readFile(lock, "utf8");
    await unlink(lock);
    await sleep(LOCK.staleAfterMs + 200);
    await writeFile(lock, mine);
  });
  const outcome = await buildIndex({ seedsDir: seeds, store, embedder: cutOff, maxArticleBytes: 100_000 }).catch((error: unknown) => error);
  expect(String(outcome)).toMatch(/Lost the index's writer lock: .*LOCK went untouched for \d+ s \(its touches failed, or the process was held up\), so another instance could have taken over; nothing was published/);
  expect((await store.serving())?.version).toBe(first);
  // Its own LOCK, let go of: the next build takes it at once.
  await expect(readFile(lock, "utf8")).rejects.toThrow(/ENOENT/);
});

it("a build that outlasts the takeover window many times over, touching its LOCK, publishes", async () => {
  const { store, first } = await servingStore();
  const slow = embedderDoing(() => sleep(LOCK.staleAfterMs * 1.5));
  const summary = await buildIndex({ seedsDir: seeds, store, embedder: slow, maxArticleBytes: 100_000 });
  expect(summary.version).not.toBe(first);
  expect((await store.serving())?.version).toBe(summary.version);
});

it("a build that lost its LOCK while embedding embeds no further batch", async () => {
  const dir = join(root, `store${++stores}`);
  const store = createHnswStore(dir, { lock: LOCK });
  const other = JSON.stringify({ pid: 2, host: "other-host", startedAt: new Date().toISOString(), scope: "other-host", token: "other" });
  const counting = embedderDoing(() => writeFile(join(dir, LOCK_FILE), other));
  // One chunk per batch: a fresh store embeds every chunk of the seeds, several batches.
  const outcome = await buildIndex({ seedsDir: seeds, store, embedder: counting, maxArticleBytes: 100_000, batchSize: 1 }).catch((error: unknown) => error);
  expect(String(outcome)).toMatch(/Lost the index's writer lock/);
  expect(counting.calls()).toBe(1);
});
