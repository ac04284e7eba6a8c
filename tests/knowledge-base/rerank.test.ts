// The knowledge base reranks retrieved passages with the reader: `search` and `ask` see the
// reranked list, while "not found" is still decided on retrieval's own top k (as the
// answerability model was fitted). The reader here is a stub: "a sentence holding a year answers".
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExtractiveAnswerer } from "../../src/answers/extractive-answerer.js";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { openKnowledgeBase, type KnowledgeBaseDeps } from "../../src/knowledge-base/open-knowledge-base.js";
import { QUESTION_FEATURES, SENTENCE_FEATURES } from "../../src/reader/features.js";
import { createReader, type Reader } from "../../src/reader/reader.js";
import { silentLogger } from "../../src/shared/logger.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";

const ARTICLES: Record<string, string> = {
  // Shares every word of the question, twice, but does not say when.
  "echo.txt": "Tourists love the Tarnow river bridge. The Tarnow river bridge is lit every evening.",
  // Says when, among much else (a longer passage: BM25 ranks it second).
  "town.txt":
    "The old town has many sights worth a visit. Its market square is surrounded by merchant houses painted in bright colours. " +
    "A small museum tells the story of local crafts, from pottery to weaving. In summer the square hosts concerts and a food fair. " +
    "The castle on the hill was rebuilt after a fire two centuries ago. The Tarnow river bridge was opened in May 1965 by the mayor. " +
    "Boats can be hired at the pier below the castle. Cafes along the embankment stay open late in the warm months.",
  "bees.txt": "Beekeepers in the region collected a record harvest of linden honey this year thanks to a warm spring.",
  "trains.txt": "The railway launches a new night train from Lviv to Uzhhorod. Tickets can be bought online.",
};
const QUESTION = "When was the Tarnow river bridge opened?";

const blank = { features: [...QUESTION_FEATURES], base: 0, trees: [] };
/** Sentence score 0.95 with a year in it, 0.05 without; answerability 0.5 (the threshold is 0.4). */
const yearReader = createReader({
  latin: {
    sentence: {
      features: [...SENTENCE_FEATURES],
      base: -3,
      trees: [{ feature: SENTENCE_FEATURES.indexOf("typeHeld"), threshold: 0.5, left: { leaf: 0 }, right: { leaf: 6 } }],
    },
    answerability: blank,
    threshold: 0.4,
  },
  cyrillic: { sentence: { features: [...SENTENCE_FEATURES], base: 0, trees: [] }, answerability: blank, threshold: 0.4 },
});

let root: string;
let seeds: string;
const embeddings = new LocalHashEmbeddings();
const embedder: Embedder = { id: embeddings.id, embeddings };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "rerank-kb-"));
  seeds = join(root, "seeds");
  await mkdir(seeds);
  for (const [name, text] of Object.entries(ARTICLES)) await writeFile(join(seeds, name), text);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const open = (deps: Partial<KnowledgeBaseDeps> = {}) =>
  openKnowledgeBase({
    seedsDir: seeds,
    maxArticleBytes: 100_000,
    store: createHnswStore(join(root, "store")),
    embedder,
    answerer: createExtractiveAnswerer(),
    logger: silentLogger,
    reader: yearReader,
    ...deps,
  });

describe("the reader's rerank in the knowledge base", () => {
  it("moves the passage that says when ahead of the one that only repeats the question, in search and ask", async () => {
    const kb = await open();
    const retrieved = await kb.retrieveForReading(QUESTION, { k: 5 });
    expect(retrieved.passages[0]?.chunk.articleId).toBe("echo.txt");
    expect((await kb.search(QUESTION, { k: 5 })).passages[0]?.chunk.articleId).toBe("town.txt");
    const answer = await kb.ask(QUESTION);
    expect(answer.passages.map((p) => p.chunk.articleId).slice(0, 2)).toEqual(["town.txt", "echo.txt"]);
    expect(answer.answer).toContain("1965");
  });

  it("keeps retrieval order without the rerank, and for a baseline retriever", async () => {
    const off = await open({ rerank: false });
    expect((await off.ask(QUESTION)).passages[0]?.chunk.articleId).toBe("echo.txt");
    const bm25 = await open({ retrieval: { mode: "bm25" } });
    expect((await bm25.search(QUESTION, { k: 5 })).passages[0]?.chunk.articleId).toBe("echo.txt");
  });

  it("decides 'not found' on retrieval's own top k, and quotes from the reranked ones", async () => {
    // Answerable only when read in retrieval order (the echo first): with k = 1 the reranked
    // passage is another one, so a decision made on it would refuse.
    const judged: string[][] = [];
    const gateOnRetrievalOrder: Reader = {
      read(question, passages, idf, context) {
        const reading = yearReader.read(question, passages, idf, context);
        judged.push(passages.map((p) => p.chunk.articleId));
        return { ...reading, answerability: passages[0]?.chunk.articleId === "echo.txt" ? 0.9 : 0.1 };
      },
    };
    const kb = await open({ reader: gateOnRetrievalOrder });
    const answer = await kb.ask(QUESTION, { k: 1 });
    expect(answer.notFound).toBe(false);
    expect(answer.passages.map((p) => p.chunk.articleId)).toEqual(["town.txt"]);
    expect(answer.citations[0]?.articleId).toBe("town.txt");
    expect(answer.answer).toContain("1965");
    expect(judged).toContainEqual(["echo.txt"]);
  });
});
