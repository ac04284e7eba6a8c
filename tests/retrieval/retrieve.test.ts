import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmbedder, type Embedder } from "../../src/embeddings/create-embedder.js";
import { retrieveWithRelevance } from "../../src/retrieval/retrieve.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import { loadIndex, type LoadedIndex } from "../../src/store/hnsw/load-version.js";
import { makeTempSeeds, SEED_ARTICLE } from "../helpers/temp-seeds.js";

let root: string;
let index: LoadedIndex;
let embedder: Embedder;

beforeAll(async () => {
  const temp = await makeTempSeeds();
  root = temp.root;
  embedder = await createEmbedder({ provider: "local", model: "", apiKey: null, baseUrl: null });
  await buildIndex({ seedsDir: temp.seeds, store: createHnswStore(temp.store), embedder, maxArticleBytes: 1_000_000 });
  index = await loadIndex(temp.store, embedder);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("retrieve", () => {
  it.each([
    "Хто такий Серджіо Гор?",
    "Що заявив посол Гор журналістам?",
    "Де проходить форум B5+1?",
    "Яку співпрацю з Центральною Азією прагне поглибити Вашингтон?",
    // other inflections of the article's words: Бішкеку → Бішкек, форум → форуму, Сполучені Штати → Сполученими Штатами
    "Що обговорювали на форумі в Бішкеку зі Сполученими Штатами?",
    "центральноазійські країни, інвестиції та партнерство",
  ])("ranks the seed article first for %s", async (question) => {
    const { passages, relevance } = await retrieveWithRelevance(index, embedder, question, { k: 5 });
    expect(passages[0]?.chunk.articleId).toBe(SEED_ARTICLE);
    expect(relevance).toBeGreaterThanOrEqual(0.3);
  });

  it("finds the other articles for their own questions", async () => {
    const bees = await retrieveWithRelevance(index, embedder, "Скільки вуликів на найбільшій пасіці?", { k: 3 });
    expect(bees.passages[0]?.chunk.articleId).toBe("bees.md");
    const trains = await retrieveWithRelevance(index, embedder, "Звідки їде нічний потяг до Ужгорода?", { k: 3 });
    expect(trains.passages[0]?.chunk.articleId).toBe("trains.txt");
  });

  it("returns passages in score order, at most k, each with a score", async () => {
    const { passages } = await retrieveWithRelevance(index, embedder, "форум інвестиції", { k: 4 });
    expect(passages.length).toBeLessThanOrEqual(4);
    expect(passages.length).toBeGreaterThan(1);
    for (let i = 1; i < passages.length; i++) expect(passages[i - 1]!.score).toBeGreaterThanOrEqual(passages[i]!.score);
  });

  it("gives an unrelated question a relevance below the closest-articles floor (0.2)", async () => {
    const { relevance } = await retrieveWithRelevance(index, embedder, "Яка температура плавлення вольфраму?", { k: 5 });
    expect(relevance).toBeLessThan(0.2);
  });

  it("each retriever mode works alone", async () => {
    for (const mode of ["bm25", "dense"] as const) {
      const { passages } = await retrieveWithRelevance(index, embedder, "Хто такий Серджіо Гор?", { k: 3, mode });
      expect(passages[0]?.chunk.articleId).toBe(SEED_ARTICLE);
    }
  });
});
