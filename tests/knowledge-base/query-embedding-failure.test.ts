import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExtractiveAnswerer } from "../../src/answers/extractive-answerer.js";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { openKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import { makeTempSeeds, SEED_ARTICLE } from "../helpers/temp-seeds.js";
import { recordingLogger } from "../helpers/recording-logger.js";

// With EMBEDDINGS_PROVIDER=openai every question embeds itself on the remote server. That server
// being down, rate-limited, hung or now answering in another dimension must not cost the question
// its answer: the words still find the passages.

let root: string;
let seeds: string;
let store: string;
beforeAll(async () => {
  ({ root, seeds, store } = await makeTempSeeds());
});
afterAll(() => rm(root, { recursive: true, force: true }));

const local = new LocalHashEmbeddings({ dims: 64 });
let queryMode: "ok" | "fail" | "hang" | "wrong-dims" = "ok";
const embedder: Embedder = {
  id: "openai:remote-test",
  embeddings: {
    embedDocuments: (texts) => local.embedDocuments(texts),
    embedQuery: async (text) => {
      if (queryMode === "fail") throw new Error("429 Rate limit reached");
      if (queryMode === "hang") return new Promise<number[]>(() => {});
      if (queryMode === "wrong-dims") return new Array<number>(32).fill(0.1);
      return local.embedQuery(text);
    },
  },
};

describe("a failing query embedding (remote embeddings)", () => {
  it.each(["fail", "hang", "wrong-dims"] as const)("%s: the question is answered from its words, and the log says why", async (mode) => {
    const { logger, records } = recordingLogger();
    const kb = await openKnowledgeBase({
      seedsDir: seeds,
      maxArticleBytes: 1_000_000,
      store: createHnswStore(join(store, mode)),
      embedder,
      answerer: createExtractiveAnswerer(),
      logger,
      remoteEmbeddings: true,
      queryEmbeddingTimeoutMs: 300,
    });
    queryMode = "ok";
    const expected = await kb.ask("Хто такий Серджіо Гор?");
    expect(expected.citations[0]?.articleId).toBe(SEED_ARTICLE);

    queryMode = mode;
    try {
      const started = Date.now();
      const answer = await kb.ask("Хто такий Серджіо Гор?");
      // The 300 ms deadline ends it; 10 s leaves a loaded machine room (a hung server: never, without it).
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(answer.notFound).toBe(false);
      expect(answer.citations[0]?.articleId).toBe(SEED_ARTICLE);
      const warnings = records.filter((r) => r.level === 40);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.msg).toMatch(/search by words alone/);
    } finally {
      queryMode = "ok";
    }
  });
});
