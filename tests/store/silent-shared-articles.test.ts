// The uploads kept in a shared database (save on upload, remove on /remove, restore before the
// listing and each build) on a database gone silent (a network cut, a failover: connections stay
// open, nothing comes back). Each fails at the statement limit the bot's state has, with the
// one-line "Cannot use the database … (DATABASE_URL)" message, instead of holding /remove's
// listing, the upload or the removal for ever.
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import { closeConfiguredDatabase } from "../../src/app/database.js";
import { loadConfig } from "../../src/config/config.js";
import { silentLogger } from "../../src/shared/logger.js";
import { createPgDatabase, type PgDatabase } from "../../src/store/postgres/sql-database.js";
import { postgresSharedArticles } from "../../src/store/postgres/uploaded-articles.js";
import { startPgliteServer } from "../helpers/pglite.js";
import { type SilenceableProxy, startSilenceableProxy } from "../helpers/silenceable-proxy.js";
import { makeTempSeeds } from "../helpers/temp-seeds.js";

const LIMIT_MS = 200;

let server: Awaited<ReturnType<typeof startPgliteServer>>;
let proxy: SilenceableProxy;
let url: string;
let db: PgDatabase;
let temp: Awaited<ReturnType<typeof makeTempSeeds>>;

beforeAll(async () => {
  server = await startPgliteServer();
  proxy = await startSilenceableProxy(server.url);
  url = proxy.url;
  db = createPgDatabase(url, { connectionTimeoutMs: 1_000 });
  temp = await makeTempSeeds();
}, 60_000);

afterAll(async () => {
  if (proxy) proxy.mode = "open";
  await db?.end();
  await closeConfiguredDatabase(url);
  proxy?.close();
  await server?.stop();
  if (temp) await rm(temp.root, { recursive: true, force: true });
});

// Without a limit a silent database is waited for for ever; with it, an operation ends soon after
// the limit. So one ending within this much is bounded: far above the limits, far below the test's timeout.
const BOUNDED_MS = 30_000;

/** What `promise` rejected with; fails (rather than hangs the test) past BOUNDED_MS. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${BOUNDED_MS} ms`)), BOUNDED_MS);
  });
  return Promise.race([promise.then(() => new Error("it did not fail"), (e: unknown) => e), guard]).finally(() => clearTimeout(timer));
}

const BYTES = new TextEncoder().encode("Новий міст через Дніпро відкрили першого березня.");
const unusable = (database: string) => new RegExp(`^Cannot use the database ${database} \\(DATABASE_URL\\): [^\\n]+$`);

describe("shared uploads on a silent database", () => {
  it("save, remove and restore each fail with the one-line database message", async () => {
    const shared = postgresSharedArticles(db.withTimeout(LIMIT_MS), "silent_uploads", "proxy", db);
    await shared.save("bridge.txt", BYTES); // migrated, a connection open and answering
    proxy.mode = "silent";
    try {
      for (const [what, operation] of [
        ["save", () => shared.save("bridge.txt", BYTES)],
        ["remove", () => shared.remove("bridge.txt", BYTES)],
        ["restore", () => shared.restore(temp.seeds)],
      ] as const) {
        expect((await rejection(operation())) as Error, what).toMatchObject({ name: "IndexError", message: expect.stringMatching(unusable("proxy")) });
      }
    } finally {
      proxy.mode = "open";
    }
  });

  it("are limited as the bot runs them: /remove's listing fails instead of waiting for ever", async () => {
    const config = loadConfig({ DATABASE_URL: url, DATABASE_SCHEMA: "silent_app", SEEDS_DIR: temp.seeds, EMBEDDINGS_PROVIDER: "local", LLM_MODEL: "" });
    const kb = await createApp(config, { logger: silentLogger });
    await kb.articleFiles(); // a connection open and answering
    proxy.mode = "silent";
    try {
      const error = (await rejection(kb.articleFiles())) as Error;
      expect(error.message).toMatch(unusable("postgres://postgres@127\\.0\\.0\\.1:\\d+/postgres"));
    } finally {
      proxy.mode = "open";
    }
  }, 60_000);
});
