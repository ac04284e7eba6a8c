// Two instances on one database with their own seeds folders: an article uploaded on one is
// indexed (and kept) by the other's re-index too; a re-index is refused while another instance
// holds the writer lock.
import { readdir, rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/app/create-answerer.js";
import { loadConfig } from "../../src/config/config.js";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { ReindexInProgressError } from "../../src/knowledge-base/knowledge-base.js";
import { openKnowledgeBase, type LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { silentLogger } from "../../src/shared/logger.js";
import { createPostgresStore } from "../../src/store/postgres/postgres-store.js";
import { createPgDatabase, type SqlDatabase } from "../../src/store/postgres/sql-database.js";
import { postgresSharedArticles } from "../../src/store/postgres/uploaded-articles.js";
import { acquireRowLock, WRITER_LOCK } from "../../src/store/postgres/write-lock.js";
import { startPgliteServer } from "../helpers/pglite.js";
import { makeTempSeeds } from "../helpers/temp-seeds.js";

const embeddings = new LocalHashEmbeddings();
const embedder: Embedder = { id: embeddings.id, embeddings };
const SCHEMA = "shared_uploads";

let server: Awaited<ReturnType<typeof startPgliteServer>>;
const roots: string[] = [];
const pools: SqlDatabase[] = [];

beforeAll(async () => {
  server = await startPgliteServer();
}, 60_000);
afterAll(async () => {
  for (const pool of pools) await pool.end();
  await server?.stop();
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

async function instance(seedsDir: string): Promise<LocalKnowledgeBase> {
  const db = createPgDatabase(server.url);
  pools.push(db);
  return openKnowledgeBase({
    seedsDir,
    maxArticleBytes: 100_000,
    store: createPostgresStore({ db, schema: SCHEMA, database: "pglite" }),
    embedder,
    answerer: await createAnswerer(loadConfig({}), silentLogger),
    logger: silentLogger,
    sharedArticles: postgresSharedArticles(db, SCHEMA, "pglite"),
  });
}

describe("instances sharing a database", () => {
  it("an upload on one instance is indexed by the other's re-index and written into its seeds folder", async () => {
    const a = await makeTempSeeds();
    const b = await makeTempSeeds();
    roots.push(a.root, b.root);
    const first = await instance(a.seeds);
    const second = await instance(b.seeds);
    await first.addArticle("Міст.txt", new TextEncoder().encode(" date 2026-03-01 Новий міст через Дніпро відкрили першого березня."));
    expect((await first.reindex()).added).toBe(1);
    // The second instance's folder never had the file: its re-index must not drop the article.
    const summary = await second.reindex();
    expect(summary.removed).toBe(0);
    expect(await readdir(b.seeds)).toContain("Міст.txt");
    expect(second.info().articles).toBe(first.info().articles);
    // A third instance starting from a folder without it finds the index current (nothing rebuilt).
    const c = await makeTempSeeds();
    roots.push(c.root);
    const third = await instance(c.seeds);
    expect(third.info().version).toBe(second.info().version);
  });

  it("a re-index is refused at once while another instance holds the writer lock", async () => {
    const { root, seeds } = await makeTempSeeds();
    roots.push(root);
    const kb = await instance(seeds);
    const db = createPgDatabase(server.url);
    pools.push(db);
    const release = await acquireRowLock(db, `"${SCHEMA}".locks`, WRITER_LOCK, { wait: false });
    expect(release).not.toBeNull();
    expect(await kb.isReindexingElsewhere()).toBe(true);
    const started = Date.now();
    const refused = await kb.reindex().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ReindexInProgressError);
    expect((refused as ReindexInProgressError).elsewhere).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000); // refused, not waited for
    await release?.();
    expect(await kb.isReindexingElsewhere()).toBe(false);
  });
});
