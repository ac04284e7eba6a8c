// The uploads kept in a shared database (save on upload, remove on /remove, restore before the
// listing and each build) on a database gone silent (a network cut, a failover: connections stay
// open, nothing comes back). Each fails at the statement limit the bot's state has, with the
// one-line "Cannot use the database … (DATABASE_URL)" message, instead of holding /remove's
// listing, the upload or the removal for ever.
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import { loadConfig } from "../../src/config/config.js";
import { silentLogger } from "../../src/shared/logger.js";
import { postgresSharedArticles } from "../../src/store/postgres/uploaded-articles.js";
import { rejection, unusable, useSilentDatabase } from "../helpers/silent-database.js";

const LIMIT_MS = 200;

const silent = useSilentDatabase();
const BYTES = new TextEncoder().encode("Новий міст через Дніпро відкрили першого березня.");


describe("shared uploads on a silent database", () => {
  it("save, remove and restore each fail with the one-line database message", async () => {
    const shared = postgresSharedArticles(silent.db.withTimeout(LIMIT_MS), "silent_uploads", "proxy", silent.db);
    await shared.save("bridge.txt", BYTES); // migrated, a connection open and answering
    silent.proxy.mode = "silent";
    try {
      for (const [what, operation] of [
        ["save", () => shared.save("bridge.txt", BYTES)],
        ["remove", () => shared.remove("bridge.txt", BYTES)],
        ["restore", () => shared.restore(silent.temp.seeds)],
      ] as const) {
        expect((await rejection(operation())) as Error, what).toMatchObject({ name: "IndexError", message: expect.stringMatching(unusable("proxy")) });
      }
    } finally {
      silent.proxy.mode = "open";
    }
  });

  it("are limited as the bot runs them: /remove's listing fails instead of waiting for ever", async () => {
    const config = loadConfig({ DATABASE_URL: silent.url, DATABASE_SCHEMA: "silent_app", SEEDS_DIR: silent.temp.seeds, EMBEDDINGS_PROVIDER: "local", LLM_MODEL: "" });
    const kb = await createApp(config, { logger: silentLogger });
    await kb.articleFiles(); // a connection open and answering
    silent.proxy.mode = "silent";
    try {
      const error = (await rejection(kb.articleFiles())) as Error;
      expect(error.message).toMatch(unusable("postgres://postgres@127\\.0\\.0\\.1:\\d+/postgres"));
    } finally {
      silent.proxy.mode = "open";
    }
  }, 60_000);
});
