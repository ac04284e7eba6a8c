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

async function instance(followVersions?: { intervalMs: number }): Promise<LocalKnowledgeBase> {
  const db = createPgDatabase(server.url);
  pools.push(db);
  return openKnowledgeBase({
    seedsDir: seeds,
    maxArticleBytes: 100_000,
    store: createPostgresStore({ db, schema: "shared", database: "pglite" }),
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

    // Questions poke the check; the switch happens in the background, never holding a question up.
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
});
