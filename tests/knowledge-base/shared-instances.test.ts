// Two instances on one database with their own seeds folders: an article uploaded on one is
// indexed (and kept) by the other's re-index too, and one removed on one is deleted from the
// other's folder (never restored) until it is uploaded again; a re-index is refused while
// another instance holds the writer lock.
import { readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
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
import { tempSeedsRemovedAfterAll } from "../helpers/temp-seeds.js";

const embeddings = new LocalHashEmbeddings();
const embedder: Embedder = { id: embeddings.id, embeddings };
const SCHEMA = "shared_uploads";

let server: Awaited<ReturnType<typeof startPgliteServer>>;
const tempSeeds = tempSeedsRemovedAfterAll();
const pools: SqlDatabase[] = [];

beforeAll(async () => {
  server = await startPgliteServer();
}, 60_000);
afterAll(async () => {
  for (const pool of pools) await pool.end();
  await server?.stop();
});

async function instance(seedsDir: string, followVersions?: { intervalMs: number }): Promise<LocalKnowledgeBase> {
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
    ...(followVersions ? { followVersions } : {}),
  });
}

describe("instances sharing a database", () => {
  it("an upload on one instance is indexed by the other's re-index and written into its seeds folder", async () => {
    const a = await tempSeeds();
    const b = await tempSeeds();
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
    const c = await tempSeeds();
    const third = await instance(c.seeds);
    expect(third.info().version).toBe(second.info().version);
  });

  it("a removal on one instance deletes the other's copy and is never restored; uploading the file again brings it back", async () => {
    const a = await tempSeeds();
    const b = await tempSeeds();
    const first = await instance(a.seeds);
    const second = await instance(b.seeds);
    const port = new TextEncoder().encode(" date 2026-03-02 Новий річковий порт у Херсоні прийняв перше судно.");
    await first.addArticle("Порт.txt", port);
    await first.reindex();
    await second.reindex();
    expect(await readdir(b.seeds)).toContain("Порт.txt");
    const rowsOf = async (table: string) =>
      (await server.db.query<{ file_name: string }>(`SELECT file_name FROM ${SCHEMA}.${table} WHERE file_name = ANY($1) ORDER BY 1`, [["Порт.txt", "bees.md"]])).rows.map((r) => r.file_name);

    // An upload and an article put there by hand (bees.md is in both folders from the start).
    await first.removeArticle("Порт.txt");
    await first.removeArticle("bees.md");
    expect(await readdir(a.seeds)).not.toContain("Порт.txt");
    expect(await rowsOf("uploaded_articles")).toEqual([]);
    expect(await rowsOf("removed_articles")).toEqual(["bees.md", "Порт.txt"]);
    const summary = await first.reindex();
    expect(summary.removed).toBe(2);
    // The other instance's copies are deleted before it builds, not written back into the index.
    expect((await second.reindex()).removed).toBe(0);
    expect(await readdir(b.seeds)).not.toContain("Порт.txt");
    expect(await readdir(b.seeds)).not.toContain("bees.md");
    expect(second.info().articles).toBe(first.info().articles);
    // An instance starting from a folder that still has them (a baked-in copy, with a fresh
    // mtime as a new image or clone gives) deletes them first: the same content is the removed article.
    const c = await tempSeeds();
    await writeFile(join(c.seeds, "Порт.txt"), port);
    const third = await instance(c.seeds);
    expect(await readdir(c.seeds)).not.toContain("Порт.txt");
    expect(await readdir(c.seeds)).not.toContain("bees.md");
    expect(third.info().version).toBe(second.info().version);
    // Other content under a removed name is another article: kept and indexed.
    await writeFile(join(c.seeds, "bees.md"), "# Бджоли\n\nБджоли запилюють сади навесні.");
    expect((await third.reindex()).added).toBe(1);
    expect(await readdir(c.seeds)).toContain("bees.md");
    await rm(join(c.seeds, "bees.md"));
    await third.reindex();

    // Uploaded again: the removal is forgotten, and every instance has it once more.
    await second.addArticle("Порт.txt", port);
    expect(await rowsOf("removed_articles")).toEqual(["bees.md"]);
    expect((await second.reindex()).added).toBe(1);
    await first.reindex();
    expect(await readdir(a.seeds)).toContain("Порт.txt");
    expect(first.info().articles).toBe(second.info().articles);
  });

  it("/remove on an instance that never built since the upload or removal elsewhere lists and removes what it serves", async () => {
    const a = await tempSeeds();
    const b = await tempSeeds();
    const first = await instance(a.seeds);
    const second = await instance(b.seeds, { intervalMs: 0 });
    // Uploaded and indexed on the first; the second follows the version, its folder unchanged.
    await first.addArticle("Пором.txt", new TextEncoder().encode(" date 2026-03-03 Новий пором через Дунай запустили третього березня."));
    await first.removeArticle("trains.txt");
    await first.reindex();
    const files = await second.articleFiles();
    // Before: the upload was missing (so "/remove Пором.txt" there said there is no such file)
    // and the removed article still listed.
    expect(files.find((f) => f.fileName === "Пором.txt")?.title).toBeDefined();
    expect(files.map((f) => f.fileName)).not.toContain("trains.txt");
    await second.removeArticle("Пором.txt");
    expect(await readdir(b.seeds)).not.toContain("Пором.txt");
    expect((await first.reindex()).removed).toBe(1);
    expect(await readdir(a.seeds)).not.toContain("Пором.txt");
    await server.db.query(`DELETE FROM ${SCHEMA}.removed_articles WHERE file_name = 'trains.txt'`);
  });

  it("a removal that cannot be carried out here (a symlink by that name) is reported, and the start goes on", async () => {
    const a = await tempSeeds();
    const outside = join(a.root, "outside.txt");
    await writeFile(outside, "Not an article of this folder.");
    await symlink(outside, join(a.seeds, "linked.txt"));
    const db = createPgDatabase(server.url);
    pools.push(db);
    const shared = postgresSharedArticles(db, SCHEMA, "pglite");
    await shared.remove("linked.txt", new TextEncoder().encode("Not an article of this folder."));
    const restored = await shared.restore(a.seeds);
    expect(restored.removed).not.toContain("linked.txt"); // (bees.md, removed by the test above, may be)
    expect(restored.failed).toEqual([expect.stringMatching(/^linked\.txt: Not removing that file: a symbolic link/)]);
    expect(await readFile(outside, "utf8")).toBe("Not an article of this folder.");
    await instance(a.seeds); // starts, the link still there
    expect(await readdir(a.seeds)).toContain("linked.txt");
    await db.query(`DELETE FROM ${SCHEMA}.removed_articles WHERE file_name = 'linked.txt'`);
  });

  it("a re-index is refused at once while another instance holds the writer lock", async () => {
    const { seeds } = await tempSeeds();
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
    // Refused, not waited for: generous for a loaded machine, where waiting for the lock takes 60 s or more.
    expect(Date.now() - started).toBeLessThan(10_000);
    await release?.release();
    expect(await kb.isReindexingElsewhere()).toBe(false);
  });

  it("a re-index whose check found no build, but that finds the writer lock taken when it goes to build, is refused too, not left waiting", async () => {
    const { seeds } = await tempSeeds();
    const db = createPgDatabase(server.url);
    pools.push(db);
    // Without writerHolder: the check passes, as when another instance took the lock just after it.
    const { writerHolder: _checked, ...store } = createPostgresStore({ db, schema: SCHEMA, database: "pglite" });
    const kb = await openKnowledgeBase({ seedsDir: seeds, maxArticleBytes: 100_000, store, embedder, answerer: await createAnswerer(loadConfig({}), silentLogger), logger: silentLogger });
    await writeFile(join(seeds, "Новина.txt"), "Нову бібліотеку відкрили у Львові в понеділок."); // work to do
    const release = (await acquireRowLock(db, `"${SCHEMA}".locks`, WRITER_LOCK, { wait: false }))!;
    // Waiting, it would build once the other build is done (let go here, so the test ends).
    const letGo = setTimeout(() => void release.release(), 3_000);
    const outcome = await kb.reindex().then(() => "built after waiting", (error: unknown) => error);
    clearTimeout(letGo);
    await release.release();
    expect(outcome).toBeInstanceOf(ReindexInProgressError);
    expect((outcome as ReindexInProgressError).elsewhere).toBe(true);
  });
});
