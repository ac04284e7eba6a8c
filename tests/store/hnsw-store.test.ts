import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import { retrieve } from "../../src/retrieval/retrieve.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import type { SearchableIndex } from "../../src/store/index-store.js";
import { matchesFilter } from "../../src/store/search-filter.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "articles");
const embeddings = new LocalHashEmbeddings();
const embedder: Embedder = { id: embeddings.id, embeddings };

let root: string;
let index: SearchableIndex;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "hnsw-store-"));
  await cp(FIXTURES, join(root, "seeds"), { recursive: true });
  const store = createHnswStore(join(root, "store"));
  await buildIndex({ seedsDir: join(root, "seeds"), store, embedder, maxArticleBytes: 100_000 });
  index = await store.load(embedder);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const articlesOf = (ids: { id: string }[]) => [...new Set(ids.map((h) => index.chunkById(h.id)!.articleId))].sort();

describe("matchesFilter", () => {
  const chunk = { articleId: "a.txt", date: "2024-05-17" };
  it("checks article ids and an inclusive date range; undated chunks fail a date bound", () => {
    expect(matchesFilter(chunk, {})).toBe(true);
    expect(matchesFilter(chunk, { articleIds: new Set(["a.txt"]) })).toBe(true);
    expect(matchesFilter(chunk, { articleIds: new Set(["b.txt"]) })).toBe(false);
    expect(matchesFilter(chunk, { dateFrom: "2024-05-17", dateTo: "2024-05-17" })).toBe(true);
    expect(matchesFilter(chunk, { dateFrom: "2024-05-18" })).toBe(false);
    expect(matchesFilter(chunk, { dateTo: "2024-05-16" })).toBe(false);
    expect(matchesFilter({ articleId: "a.txt", date: null }, { dateTo: "2030-01-01" })).toBe(false);
  });
});

describe("HNSW store search filters", () => {
  it("vector search returns only chunks that pass the filter, even far-away ones", async () => {
    const vector = await embeddings.embedQuery("solar panels installed on school roofs");
    const all = await index.vectorSearch(vector, 10);
    expect(articlesOf(all)).toEqual(["front-matter.md", "plain.txt", "seed-format.txt"]);
    const onlyHoney = await index.vectorSearch(vector, 10, { articleIds: new Set(["plain.txt"]) });
    expect(onlyHoney.length).toBeGreaterThan(0);
    expect(articlesOf(onlyHoney)).toEqual(["plain.txt"]);
    const in2023 = await index.vectorSearch(vector, 10, { dateFrom: "2023-01-01", dateTo: "2023-12-31" });
    expect(articlesOf(in2023)).toEqual(["seed-format.txt"]);
    expect(await index.vectorSearch(vector, 10, { articleIds: new Set() })).toEqual([]);
  });

  it("term search skips filtered chunks instead of dropping them from a fixed top", () => {
    expect(articlesOf(index.termSearch("honey harvest", 5))).toEqual(["plain.txt"]);
    expect(index.termSearch("honey harvest", 5, { dateFrom: "2024-01-01" })).toEqual([]);
    const solar = index.termSearch("solar schools grain port", 5, { dateTo: "2023-12-31" });
    expect(articlesOf(solar)).toEqual(["seed-format.txt"]);
  });

  it("retrieval passes the filter to both searches", async () => {
    const passages = await retrieve(index, embedder, "solar panels on schools", { k: 5, filter: { articleIds: new Set(["seed-format.txt"]) } });
    expect(passages.length).toBeGreaterThan(0);
    expect(new Set(passages.map((p) => p.chunk.articleId))).toEqual(new Set(["seed-format.txt"]));
  });
});
