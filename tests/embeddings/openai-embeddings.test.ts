import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmbedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { ConfigError } from "../../src/shared/errors.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import { loadIndex } from "../../src/store/hnsw/load-version.js";
import { startOpenAiStub, type OpenAiStub } from "../helpers/openai-stub.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "articles");
// The stub server embeds with a small local hasher, so similar texts get similar vectors.
const serverModel = new LocalHashEmbeddings({ dims: 64 });
let failing = false;

let stub: OpenAiStub;
beforeAll(async () => {
  stub = await startOpenAiStub({
    embeddings: async (inputs) => {
      if (failing) throw new Error("stub failure"); // the stub answers HTTP 500
      return serverModel.embedDocuments(inputs);
    },
  });
});
afterAll(() => stub.close());

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "openai-embeddings-"));
  await cp(FIXTURES, join(root, "seeds"), { recursive: true });
  stub.requests.length = 0;
  failing = false;
});
afterEach(() => rm(root, { recursive: true, force: true }));

const config = () => ({
  provider: "openai" as const,
  model: "nomic-embed-text",
  apiKey: "sk-test",
  baseUrl: stub.baseUrl,
});

describe("openai embeddings provider", () => {
  it("embeds through an OpenAI-compatible server and names its space by model", async () => {
    const embedder = await createEmbedder(config());
    expect(embedder.id).toBe("openai:nomic-embed-text");
    const [vector] = await embedder.embeddings.embedDocuments(["Solar panels on schools."]);
    const expected = await serverModel.embedQuery("Solar panels on schools.");
    expect(vector).toHaveLength(64);
    vector!.forEach((x, i) => {
      expect(x).toBeCloseTo(expected[i]!, 5);
    });
    const request = stub.requests.at(-1)!;
    expect(request.path).toBe("/v1/embeddings");
    expect(request.body).toMatchObject({ model: "nomic-embed-text", input: ["Solar panels on schools."] });
    expect(request.headers.authorization).toBe("Bearer sk-test");
  });

  it("builds, loads and searches an index with remote vectors", async () => {
    const embedder = await createEmbedder(config());
    const storeDir = join(root, "store");
    const opts = { seedsDir: join(root, "seeds"), store: createHnswStore(storeDir), embedder, maxArticleBytes: 100_000 };
    const summary = await buildIndex(opts);
    expect(summary).toMatchObject({ articles: 3, embedder: "openai:nomic-embed-text", embedded: summary.chunks });
    const index = await loadIndex(storeDir, embedder);
    expect(index.manifest.embedder.dims).toBe(64);
    const hits = await index.vectorSearch(await embedder.embeddings.embedQuery("honey harvest of the beekeepers"), 1);
    expect(hits[0]!.id).toBe("plain.txt#0");

    const requestsBefore = stub.requests.length;
    expect((await buildIndex(opts)).embedded).toBe(0);
    expect(stub.requests.length).toBe(requestsBefore); // all from the cache
  });

  it("works without an API key when a base URL is set (Ollama, vLLM, LM Studio)", async () => {
    const embedder = await createEmbedder({ ...config(), apiKey: null });
    expect(await embedder.embeddings.embedQuery("hi")).toHaveLength(64);
  });

  it("fails the build when the server keeps failing, and leaves no index behind", async () => {
    failing = true;
    const embedder = await createEmbedder(config());
    const store = join(root, "store");
    await expect(buildIndex({ seedsDir: join(root, "seeds"), store: createHnswStore(store), embedder, maxArticleBytes: 100_000 })).rejects.toThrow();
    await expect(loadIndex(store, embedder)).rejects.toThrow(/No index/);
  });

  it("needs a key or a base URL", async () => {
    await expect(createEmbedder({ ...config(), apiKey: null, baseUrl: null })).rejects.toThrow(ConfigError);
    await expect(createEmbedder({ ...config(), apiKey: null, baseUrl: null })).rejects.toThrow(/OPENAI_API_KEY/);
  });
});
