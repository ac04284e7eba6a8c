// TERM_INDEX_VERSION changes with tokenization (bm25-6: Russian е folded onto и): an index whose
// terms were made by another tokenizer must count as stale, so that `ask`, the bot and ingest
// rebuild it, on either backend; and loading it as it is must be refused.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import { isIndexCurrent } from "../../src/ingest/index-status.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import type { IndexStore } from "../../src/store/index-store.js";
import { MANIFEST_FILE } from "../../src/store/manifest.js";
import { migrate, readMigrations } from "../../src/store/postgres/migrate.js";
import { createPostgresStore } from "../../src/store/postgres/postgres-store.js";
import { TERM_INDEX_VERSION } from "../../src/terms/term-index.js";
import { createPglite, pgliteDatabase } from "../helpers/pglite.js";
import { useTempSeeds } from "../helpers/temp-seeds.js";

const MAX = 100_000;
const embeddings = new LocalHashEmbeddings();
const embedder: Embedder = { id: embeddings.id, embeddings };
const OLD = "bm25-older";

const temp = useTempSeeds();

/** Builds, marks the serving index as made by another tokenizer, and checks it is stale; then that a build replaces it. */
async function staleAfterRetokenizing(store: IndexStore, markOld: () => Promise<void>): Promise<void> {
  const opts = { seedsDir: temp.seeds, store, embedder, maxArticleBytes: MAX };
  const first = await buildIndex(opts);
  expect(await isIndexCurrent(opts)).toBe(true);
  await markOld();
  expect(await isIndexCurrent(opts)).toBe(false);
  await expect(store.load(embedder)).rejects.toThrow(/term index|re-index/);
  const rebuilt = await buildIndex(opts);
  expect(rebuilt.version).not.toBe(first.version);
  expect((await store.serving())?.manifest.termIndexVersion).toBe(TERM_INDEX_VERSION);
  expect(await isIndexCurrent(opts)).toBe(true);
  await store.load(embedder);
}

describe("an index of another term index version", () => {
  it("is stale and rebuilt (files)", async () => {
    const dir = join(temp.root, "store");
    const store = createHnswStore(dir);
    await staleAfterRetokenizing(store, async () => {
      const version = (await readFile(join(dir, "CURRENT"), "utf8")).trim();
      const file = join(dir, version, MANIFEST_FILE);
      const manifest = JSON.parse(await readFile(file, "utf8"));
      await writeFile(file, JSON.stringify({ ...manifest, termIndexVersion: OLD }));
    });
  }, 60_000);

  it("is stale and rebuilt (Postgres)", async () => {
    const lite = await createPglite();
    try {
      const db = pgliteDatabase(lite);
      await migrate(db, "tiv", await readMigrations());
      const store = createPostgresStore({ db, schema: "tiv", database: "pglite" });
      await staleAfterRetokenizing(store, async () => {
        await lite.query(`UPDATE tiv.versions SET manifest = jsonb_set(manifest, '{termIndexVersion}', to_jsonb($1::text)) WHERE current`, [OLD]);
      });
    } finally {
      await lite.close();
    }
  }, 60_000);
});
