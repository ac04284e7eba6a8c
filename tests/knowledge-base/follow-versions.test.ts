// Two processes on one database (here: two knowledge bases with their own `pg` pools on one
// PGlite server): a re-index by one is served by the other without a restart.
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/app/create-answerer.js";
import { loadConfig } from "../../src/config/config.js";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { openKnowledgeBase, type LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { silentLogger } from "../../src/shared/logger.js";
import { createPostgresStore } from "../../src/store/postgres/postgres-store.js";
import { createPgDatabase, type SqlDatabase } from "../../src/store/postgres/sql-database.js";
import { startPgliteServer } from "../helpers/pglite.js";
import { makeTempSeeds } from "../helpers/temp-seeds.js";

const embeddings = new LocalHashEmbeddings();
const embedder: Embedder = { id: embeddings.id, embeddings };
const QUESTION = "Коли відкрили новий міст через Дніпро?";

let server: Awaited<ReturnType<typeof startPgliteServer>>;
let root: string;
let seeds: string;
const pools: SqlDatabase[] = [];

beforeAll(async () => {
  server = await startPgliteServer();
  ({ root, seeds } = await makeTempSeeds());
}, 60_000);
afterAll(async () => {
  for (const pool of pools) await pool.end();
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

async function instance(followVersions?: { intervalMs: number }, where = { seeds: "", schema: "shared" }, counted?: { checks: number }): Promise<LocalKnowledgeBase> {
  const db = createPgDatabase(server.url);
  pools.push(db);
  const store = createPostgresStore({ db, schema: where.schema, database: "pglite" });
  return openKnowledgeBase({
    seedsDir: where.seeds || seeds,
    maxArticleBytes: 100_000,
    store: counted
      ? {
          ...store,
          servingVersion: () => {
            counted.checks++;
            return store.servingVersion!();
          },
        }
      : store,
    embedder,
    answerer: await createAnswerer(loadConfig({}), silentLogger),
    logger: silentLogger,
    ...(followVersions ? { followVersions } : {}),
  });
}

describe("several processes on one database", () => {
  it("serves a version another process built, without a restart (and only when following)", async () => {
    const follower = await instance({ intervalMs: 50 });
    const loner = await instance();
    const writer = await instance();
    const before = follower.info().version;
    expect(writer.info().version).toBe(before); // the second and third found the index current

    await writeFile(join(seeds, "bridge.txt"), " date 2026-03-01 Новий міст через Дніпро відкрили першого березня. Міст має шість смуг руху.");
    const summary = await writer.reindex();
    expect(summary.added).toBe(1);
    expect(summary.version).not.toBe(before);

    // A question past the interval checks first, and is answered from what it finds.
    const deadline = Date.now() + 10_000;
    while (follower.info().version !== summary.version && Date.now() < deadline) {
      await follower.ask(QUESTION);
      await new Promise((r) => setTimeout(r, 60));
    }
    expect(follower.info().version).toBe(summary.version);
    const answer = await follower.ask(QUESTION);
    expect(answer.notFound).toBe(false);
    expect(answer.citations[0]?.articleId).toBe("bridge.txt");

    await loner.ask(QUESTION);
    expect(loner.info().version).toBe(before); // not following: keeps what it loaded
  }, 60_000);

  it("refresh() serves the version another process built to an instance that had no question since (a source button, /latest)", async () => {
    const own = await makeTempSeeds();
    const where = { seeds: own.seeds, schema: "refresh" };
    const idle = await instance({ intervalMs: 50 }, where);
    const writer = await instance(undefined, where);
    await writeFile(join(own.seeds, "bridge.txt"), " date 2026-03-01 Новий міст через Дніпро відкрили першого березня.");
    const built = await writer.reindex();
    const bridge = (await writer.ask(QUESTION)).citations[0];
    expect(bridge?.articleId).toBe("bridge.txt");
    await new Promise((r) => setTimeout(r, 60));

    expect(idle.chunk(bridge!.chunkId)).toBeUndefined(); // still the version it loaded
    await idle.refresh();
    expect(idle.info().version).toBe(built.version);
    expect(idle.chunk(bridge!.chunkId)?.articleId).toBe("bridge.txt");
    expect(idle.latest(1)[0]?.articleId).toBe("bridge.txt");
    await rm(own.root, { recursive: true, force: true });
  }, 60_000);

  it("an instance idle past its interval answers from the serving version, though two re-indexes pruned the one it loaded", async () => {
    const own = await makeTempSeeds();
    const where = { seeds: own.seeds, schema: "idle" };
    const counted = { checks: 0 };
    // An interval well above what three answers take on a loaded machine (300 ms was not: the
    // "checked a moment ago" question below then checked again).
    const idle = await instance({ intervalMs: 1_500 }, where, counted);
    const writer = await instance(undefined, where);
    const loaded = idle.info().version;

    await writeFile(join(own.seeds, "bridge.txt"), " date 2026-03-01 Новий міст через Дніпро відкрили першого березня. Міст має шість смуг руху.");
    await writer.reindex();
    await writeFile(join(own.seeds, "dam.txt"), " date 2026-03-02 Греблю на річці Рось відремонтували за два місяці.");
    const last = await writer.reindex(); // keeps its version and the one before
    const { rows } = await pools.at(-1)!.query(`SELECT id FROM idle.versions WHERE id = $1`, [loaded]);
    expect(rows).toEqual([]); // the version the idle instance holds is gone
    await new Promise((r) => setTimeout(r, 1_600));

    // Three questions at once after the quiet spell: one check between them, and all answered.
    const answers = await Promise.all([idle.ask(QUESTION), idle.ask(QUESTION), idle.ask(QUESTION)]);
    expect(idle.info().version).toBe(last.version);
    expect(idle.info().version).not.toBe(loaded);
    for (const answer of answers) expect(answer.citations[0]?.articleId).toBe("bridge.txt");
    expect(counted.checks).toBe(1);
    // Checked a moment ago: the next question asks the database nothing more.
    await idle.ask(QUESTION);
    expect(counted.checks).toBe(1);
    await rm(own.root, { recursive: true, force: true });
  }, 60_000);
});
