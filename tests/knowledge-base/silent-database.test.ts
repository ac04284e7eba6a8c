// A database gone silent (a network cut, a failover): connections stay open and nothing comes
// back. The two waits of a question on it (the serving-version check, the vector search) are cut
// short at the store time limit, so questions are still answered, from the version held and by
// words alone; once the database answers again, the next question checks and searches for real.
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExtractiveAnswerer } from "../../src/answers/extractive-answerer.js";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { followServingVersion } from "../../src/knowledge-base/follow-serving-version.js";
import { openKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import type { IndexStore, SearchableIndex } from "../../src/store/index-store.js";
import { makeTempSeeds, SEED_ARTICLE } from "../helpers/temp-seeds.js";
import { recordingLogger } from "../helpers/recording-logger.js";

const LIMIT_MS = 50;
const INTERVAL_MS = 20;
const never = <T>(): Promise<T> => new Promise<T>(() => {});
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A wait cut short at LIMIT_MS ends by then; without the limit it never ends. So a wait counts as
// bounded when it ends within this much: far above the limit, so a loaded machine (its timers
// late by seconds) cannot fail it, and far below the test's own timeout.
const BOUNDED_MS = 10_000;

/** Waits for `promise`; fails (rather than hangs the test) when it is still waiting after BOUNDED_MS. */
async function bounded(promise: Promise<unknown> | undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${BOUNDED_MS} ms`)), BOUNDED_MS);
  });
  await Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

const embeddings = new LocalHashEmbeddings({ dims: 64 });
const embedder: Embedder = { id: embeddings.id, embeddings };

/** followServingVersion over `store` from version v1, with the test's interval and limit; `current()` is the version held. */
function following(store: IndexStore, logger: ReturnType<typeof recordingLogger>["logger"], options: { abandonAfterMs?: number } = {}) {
  let held = { version: "v1" } as SearchableIndex;
  const check = followServingVersion({
    store,
    embedder,
    logger,
    intervalMs: INTERVAL_MS,
    timeoutMs: LIMIT_MS,
    ...options,
    current: () => held,
    swap: (next) => {
      held = next;
    },
    busy: () => false,
  });
  return { check, current: () => held };
}

describe("the serving-version check on a silent database", () => {
  it("is waited for at most the limit, warned about once, and checks for real once the database answers", async () => {
    const { logger, warnings } = recordingLogger();
    let silent = true;
    let checks = 0;
    const store = {
      servingVersion: () => {
        checks++;
        return silent ? never<string>() : Promise.resolve("v2");
      },
      load: async () => ({ version: "v2", manifest: { builtAt: "now" } }) as SearchableIndex,
    } as unknown as IndexStore;
    const { check, current } = following(store, logger, { abandonAfterMs: LIMIT_MS });

    await pause(INTERVAL_MS + 5);
    await bounded(check());
    expect(checks).toBe(1);
    // The first check never ends: a later question still starts its own, and waits no longer.
    await pause(INTERVAL_MS + 5);
    await bounded(check());
    expect(checks).toBe(2);
    expect(current().version).toBe("v1");
    expect(warnings()).toEqual([expect.stringMatching(/did not answer the index version check in time/)]);

    silent = false;
    await pause(INTERVAL_MS + 5);
    await bounded(check());
    expect(checks).toBe(3);
    expect(current().version).toBe("v2");
    expect(warnings()).toHaveLength(1);
  });

  it("starts no second check beside a slow one still loading a version: one index in memory at a time", async () => {
    const { logger } = recordingLogger();
    let loading = 0;
    let most = 0;
    const store = {
      servingVersion: async () => "v2",
      load: async () => {
        most = Math.max(most, ++loading);
        await pause(20 * INTERVAL_MS);
        loading--;
        return { version: "v2", manifest: { builtAt: "now" } } as SearchableIndex;
      },
    } as unknown as IndexStore;
    const { check, current } = following(store, logger);
    for (let i = 0; i < 8; i++) {
      await pause(INTERVAL_MS + 5);
      await bounded(check());
    }
    await pause(20 * INTERVAL_MS);
    expect(most).toBe(1);
    expect(current().version).toBe("v2");
  });

  it("does not swap a slow load over a newer version swapped in meanwhile (by a later check or this process's re-index)", async () => {
    const { logger } = recordingLogger();
    let serving = "v2";
    let releaseSlow: (() => void) | undefined;
    const store = {
      servingVersion: async () => serving,
      load: async () => {
        const version = serving;
        // The first load (of v2) hangs until released; later ones are quick.
        if (version === "v2") await new Promise<void>((resolve) => (releaseSlow = resolve));
        return { version, manifest: { builtAt: "now" } } as SearchableIndex;
      },
    } as unknown as IndexStore;
    const { check, current } = following(store, logger, { abandonAfterMs: LIMIT_MS });
    await pause(INTERVAL_MS + 5);
    await bounded(check()); // loads v2, past the wait
    serving = "v3";
    await pause(LIMIT_MS + 5);
    await bounded(check()); // the first given up: this one loads v3 and swaps it in
    expect(current().version).toBe("v3");
    releaseSlow?.();
    await pause(5);
    expect(current().version).toBe("v3");
  });
});

describe("a question on a silent database", () => {
  let root: string;
  let seeds: string;
  let dir: string;
  beforeAll(async () => {
    ({ root, seeds, store: dir } = await makeTempSeeds());
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  // The store as the database serves it: each answer never comes while it is silent.
  function databaseStore(state: { silent: boolean; checks: number; vectorSearches: number }): IndexStore {
    const files = createHnswStore(dir);
    return {
      ...files,
      servingVersion: () => {
        state.checks++;
        return state.silent ? never() : files.serving().then((s) => s?.version ?? null);
      },
      load: async (e) => {
        const index = await files.load(e);
        return {
          ...index,
          vectorSearch: (vector, k, filter) => {
            state.vectorSearches++;
            return state.silent ? never() : index.vectorSearch(vector, k, filter);
          },
        };
      },
    };
  }
  const question = "Хто такий Серджіо Гор?";
  const options = { seedsDir: "", maxArticleBytes: 1_000_000, embedder, answerer: createExtractiveAnswerer(), remoteEmbeddings: true, storeTimeoutMs: LIMIT_MS };

  it("whose vector search never comes is answered by words alone within the limit", async () => {
    const { logger, warnings } = recordingLogger();
    const state = { silent: false, checks: 0, vectorSearches: 0 };
    const kb = await openKnowledgeBase({ ...options, seedsDir: seeds, store: databaseStore(state), logger });
    state.silent = true;
    const ask = kb.ask(question);
    await bounded(ask);
    expect((await ask).citations[0]?.articleId).toBe(SEED_ARTICLE);
    expect(warnings()).toEqual([expect.stringMatching(/search by words alone/)]);
  });

  it("is answered within the limit from the version held, by words alone; the next one after the database is back searches vectors again", async () => {
    const { logger, warnings } = recordingLogger();
    const state = { silent: false, checks: 0, vectorSearches: 0 };
    const kb = await openKnowledgeBase({ ...options, seedsDir: seeds, store: databaseStore(state), logger, followVersions: { intervalMs: INTERVAL_MS, abandonAfterMs: LIMIT_MS } });

    state.silent = true;
    await pause(INTERVAL_MS + 5);
    const ask = kb.ask(question);
    await bounded(ask);
    const answer = await ask;
    expect(answer.notFound).toBe(false);
    expect(answer.citations[0]?.articleId).toBe(SEED_ARTICLE);
    expect(state).toMatchObject({ checks: 1, vectorSearches: 1 });
    expect(warnings()).toEqual([
      expect.stringMatching(/did not answer the index version check in time/),
      expect.stringMatching(/search by words alone/),
    ]);

    state.silent = false;
    await pause(INTERVAL_MS + 5);
    const again = await kb.ask(question);
    expect(again.citations[0]?.articleId).toBe(SEED_ARTICLE);
    expect(state).toMatchObject({ checks: 2, vectorSearches: 2 });
    expect(warnings()).toHaveLength(2); // the vector search answered this time
  });
});
