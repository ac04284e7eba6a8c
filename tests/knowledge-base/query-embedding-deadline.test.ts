import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createExtractiveAnswerer } from "../../src/answers/extractive-answerer.js";
import { createEmbedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { QUERY_EMBEDDING_RETRIES } from "../../src/embeddings/openai-query-embedding.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import { openKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { silentLogger } from "../../src/shared/logger.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import { type OpenAiStub, startOpenAiStub } from "../helpers/openai-stub.js";
import { makeTempSeeds, SEED_ARTICLE } from "../helpers/temp-seeds.js";

// The real OpenAI client against a stub server: a question's embedding request must end with the
// question's deadline (no request left open, no retry after it), and a failing server gets a
// bounded number of requests per question.

const local = new LocalHashEmbeddings({ dims: 64 });
let mode: "ok" | "stall" | "fail" = "ok";
let stub: OpenAiStub;
let root: string;
let seeds: string;
let store: string;
beforeAll(async () => {
  ({ root, seeds, store } = await makeTempSeeds());
  stub = await startOpenAiStub({
    embeddings: (inputs) => {
      if (mode === "stall") return new Promise<number[][]>(() => {});
      if (mode === "fail") throw new Error("stub failure"); // HTTP 500
      return local.embedDocuments(inputs);
    },
  });
});
afterAll(async () => {
  await stub.close();
  await rm(root, { recursive: true, force: true });
});
beforeEach(() => {
  mode = "ok";
});

const embedder = (requestTimeoutMs?: number) =>
  createEmbedder({ provider: "openai", model: "remote-test", apiKey: "sk-test", baseUrl: stub.baseUrl, ...(requestTimeoutMs ? { requestTimeoutMs } : {}) });

async function openKb(name: string, queryEmbeddingTimeoutMs?: number) {
  return openKnowledgeBase({
    seedsDir: seeds,
    maxArticleBytes: 1_000_000,
    store: createHnswStore(join(store, name)),
    embedder: await embedder(),
    answerer: createExtractiveAnswerer(),
    logger: silentLogger,
    remoteEmbeddings: true,
    ...(queryEmbeddingTimeoutMs ? { queryEmbeddingTimeoutMs } : {}),
  });
}

// Without the deadline a stalled request waits for the client's 10 minutes; with it, a question ends
// soon after DEADLINE_MS. Waits are asserted against this bound: far above the deadline, so a
// loaded machine (timers late by seconds) cannot fail them, and far below the test's timeout.
const DEADLINE_MS = 500;
const BOUNDED_MS = 10_000;

const queryRequests = () => stub.requests.filter((r) => r.path === "/v1/embeddings" && typeof (r.body as { input: unknown }).input === "string");

describe("a question's remote embedding and its deadline", () => {
  it("a server that stalls: the request is aborted at the deadline, and the question answered from its words", async () => {
    const kb = await openKb("stall", DEADLINE_MS);
    mode = "stall";
    stub.requests.length = 0;
    const started = Date.now();
    const answer = await kb.ask("Хто такий Серджіо Гор?");
    expect(Date.now() - started).toBeLessThan(BOUNDED_MS);
    expect(answer.citations[0]?.articleId).toBe(SEED_ARTICLE);
    // The server sees the connection closed (before the fix it stayed open for the client's 10 minutes).
    await expect.poll(() => queryRequests().map((r) => r.abandoned), { timeout: BOUNDED_MS, interval: 20 }).toEqual([true]);
    // And no retry follows the deadline.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(queryRequests()).toHaveLength(1);
  });

  it(`a server answering 500: ${1 + QUERY_EMBEDDING_RETRIES} requests per question, not LangChain's 3 with backoff`, async () => {
    expect(QUERY_EMBEDDING_RETRIES).toBe(1);
    const kb = await openKb("fail");
    mode = "fail";
    for (const _ of [1, 2]) {
      stub.requests.length = 0;
      const answer = await kb.ask("Хто такий Серджіо Гор?");
      expect(answer.citations[0]?.articleId).toBe(SEED_ARTICLE);
      // The count is the proof (LangChain's own retries would make 3); not the time, which a
      // loaded machine stretches.
      expect(queryRequests()).toHaveLength(2);
    }
  });

  it("ingest: a server that never answers fails the build after 3 tries of the request timeout, each request closed", async () => {
    mode = "stall";
    stub.requests.length = 0;
    const build = buildIndex({ seedsDir: seeds, store: createHnswStore(join(store, "ingest")), embedder: await embedder(300), maxArticleBytes: 1_000_000 });
    await expect(build).rejects.toThrow(/timed out/i);
    const requests = stub.requests.filter((r) => r.path === "/v1/embeddings");
    expect(requests).toHaveLength(3);
    await expect.poll(() => requests.every((r) => r.abandoned), { timeout: BOUNDED_MS }).toBe(true);
  }, 30_000);
});
