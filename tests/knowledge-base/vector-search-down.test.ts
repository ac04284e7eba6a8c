// With the database down (or the embeddings server), a question is searched by its words alone.
// One its words answer stays answered; one they do not is no proof the archive lacks it, so it is
// answered "search is partly unavailable", not "the articles do not cover this".
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExtractiveAnswerer } from "../../src/answers/extractive-answerer.js";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { openKnowledgeBase, type LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { silentLogger } from "../../src/shared/logger.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import { makeTempSeeds, SEED_ARTICLE } from "../helpers/temp-seeds.js";

const embeddings = new LocalHashEmbeddings();
const embedder: Embedder = { id: embeddings.id, embeddings };
let root: string;
let kb: LocalKnowledgeBase;
let down = false;

beforeAll(async () => {
  let seeds: string;
  let store: string;
  ({ root, seeds, store } = await makeTempSeeds());
  const real = createHnswStore(join(store, "index"));
  // The vector search fails while `down`, as a Postgres store's does with its server gone.
  const load: typeof real.load = async (e) => {
    const index = await real.load(e);
    return { ...index, vectorSearch: (vector, k, filter) => (down ? Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432")) : index.vectorSearch(vector, k, filter)) };
  };
  kb = await openKnowledgeBase({ seedsDir: seeds, maxArticleBytes: 1_000_000, store: { ...real, load }, embedder, answerer: createExtractiveAnswerer(), logger: silentLogger });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("a question while the vector search fails", () => {
  const uncovered = "Яка столиця Франції?";

  it("not answered by its words: the answer says the search is partly unavailable, not that the articles lack it", async () => {
    down = false;
    const up = await kb.ask(uncovered);
    expect(up.notFound).toBe(true);
    expect(up.reason).not.toBe("search-unavailable");
    down = true;
    try {
      const degraded = await kb.ask(uncovered);
      expect(degraded.notFound).toBe(true);
      expect(degraded.reason).toBe("search-unavailable");
    } finally {
      down = false;
    }
  });

  it("answered by its words: stays answered", async () => {
    down = true;
    try {
      const answer = await kb.ask("Хто такий Серджіо Гор?");
      expect(answer.notFound).toBe(false);
      expect(answer.citations[0]?.articleId).toBe(SEED_ARTICLE);
    } finally {
      down = false;
    }
  });
});
