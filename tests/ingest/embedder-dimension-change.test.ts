import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import { loadIndex } from "../../src/store/hnsw/load-version.js";

// A remote embedder is named by its model ("openai:nomic-embed-text"), but what the server behind
// OPENAI_BASE_URL returns under that name can change (another server, another build of the model):
// the question's vectors then have another length than the index, and re-indexing must fix that.
const FIXTURES = join(import.meta.dirname, "..", "fixtures", "articles");

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "dims-change-"));
  await cp(FIXTURES, join(root, "seeds"), { recursive: true });
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("the embeddings server now returns another dimension for the same model name", () => {
  it("a forced re-index embeds again instead of reusing the cached vectors of the old length", async () => {
    let dims = 64;
    const embedded: string[] = [];
    const embedder: Embedder = {
      id: "openai:same-name",
      embeddings: {
        embedDocuments: (texts) => {
          embedded.push(...texts);
          return new LocalHashEmbeddings({ dims }).embedDocuments(texts);
        },
        embedQuery: (text) => new LocalHashEmbeddings({ dims }).embedQuery(text),
      },
    };
    await writeFile(join(root, "seeds", "headline.md"), "---\ntitle: Councillors celebrate\n---\nThe budget vote passed late on Friday.\n");
    const storeDir = join(root, "store");
    const opts = { seedsDir: join(root, "seeds"), store: createHnswStore(storeDir), embedder, maxArticleBytes: 100_000 };
    await buildIndex(opts);
    expect((await loadIndex(storeDir, embedder)).manifest.embedder.dims).toBe(64);

    dims = 32;
    const stale = await loadIndex(storeDir, embedder);
    await expect(stale.vectorSearch(await embedder.embeddings.embedQuery("honey"), 1)).rejects.toThrow(/npm run ingest -- --force/);

    const first = [...embedded];
    embedded.length = 0;
    const summary = await buildIndex({ ...opts, force: true });
    // The same texts as the first build embedded (a headline with its first chunk), not bare chunk texts.
    expect(new Set(embedded)).toEqual(new Set(first));
    expect(summary.embedded).toBe(summary.chunks);
    const index = await loadIndex(storeDir, embedder);
    expect(index.manifest.embedder.dims).toBe(32);
    const hits = await index.vectorSearch(await embedder.embeddings.embedQuery("honey harvest of the beekeepers"), 1);
    expect(hits[0]!.id).toBe("plain.txt#0");
  });
});
