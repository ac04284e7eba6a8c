// /reindex on a shared database (DATABASE_URL) that is down: the admin is told why, in the one
// line the start-up and `npm run ask` give ("Cannot use the database … (DATABASE_URL): …"). Before,
// the check for a build elsewhere failing made it "Sorry, something went wrong", and past that
// check the raw ECONNREFUSED was no error of ours, so the reply said "The re-index failed" with
// an unexpected error, the reason left in the server log.
import { describe, expect, it, vi } from "vitest";
import { createAnswerer } from "../../src/app/create-answerer.js";
import { loadConfig } from "../../src/config/config.js";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { openKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { silentLogger } from "../../src/shared/logger.js";
import { createPostgresStore, unusableDatabase } from "../../src/store/postgres/postgres-store.js";
import { createPgDatabase } from "../../src/store/postgres/sql-database.js";
import { postgresSharedArticles } from "../../src/store/postgres/uploaded-articles.js";
import { startPgliteServer } from "../helpers/pglite.js";
import { tempSeedsRemovedAfterAll } from "../helpers/temp-seeds.js";
import { ADMIN_ID, documentUpdate, makeBot, sent, textUpdate } from "./harness.js";

const embeddings = new LocalHashEmbeddings();
const embedder: Embedder = { id: embeddings.id, embeddings };
const tempSeeds = tempSeedsRemovedAfterAll();

describe("/reindex on a shared database that is down", () => {
  it("tells the admin the database cannot be used, naming DATABASE_URL", async () => {
    const server = await startPgliteServer();
    const db = createPgDatabase(server.url, { connectionTimeoutMs: 1_000 });
    const { seeds } = await tempSeeds();
    const kb = await openKnowledgeBase({
      seedsDir: seeds,
      maxArticleBytes: 100_000,
      store: createPostgresStore({ db, schema: "down", database: "postgres://bot@db.test/articles" }),
      sharedArticles: postgresSharedArticles(db, "down", "postgres://bot@db.test/articles"),
      embedder,
      answerer: await createAnswerer(loadConfig({}), silentLogger),
      logger: silentLogger,
    });
    await server.stop();
    try {
      const { bot, calls } = makeBot({ kb });
      await bot.handleUpdate(textUpdate("/reindex", { fromId: ADMIN_ID, languageCode: "en" }));
      const final = () => (sent(calls, "editMessageText").at(-1)?.payload.text as string | undefined) ?? "";
      await vi.waitFor(() => expect(final()).toContain("The re-index failed"), { timeout: 20_000 });
      expect(final()).toMatch(/\nReason: Cannot use the database postgres:\/\/bot@db\.test\/articles \(DATABASE_URL\): [^\n]*ECONNREFUSED[^\n]*$/);
    } finally {
      await db.end();
    }
  }, 60_000);

  it("after an upload the database stored, the database failing at the question for a build elsewhere: the upload is confirmed, the build says why it failed", async () => {
    const server = await startPgliteServer();
    const db = createPgDatabase(server.url, { connectionTimeoutMs: 1_000 });
    const { seeds } = await tempSeeds();
    const database = "postgres://bot@db.test/articles";
    const store = createPostgresStore({ db, schema: "flaky", database });
    // The database fails just then (a failover): the upload before was stored, the build after asks again.
    const down = unusableDatabase(Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432"), { code: "ECONNREFUSED" }), database)!;
    const kb = await openKnowledgeBase({
      seedsDir: seeds,
      maxArticleBytes: 100_000,
      store: { ...store, writerHolder: () => Promise.reject(down) },
      sharedArticles: postgresSharedArticles(db, "flaky", database),
      embedder,
      answerer: await createAnswerer(loadConfig({}), silentLogger),
      logger: silentLogger,
    });
    try {
      const article = new TextEncoder().encode("Пасічники Поділля зібрали рекордний урожай липового меду.");
      const { bot, calls } = makeBot({ kb, maxUploadBytes: 100_000, downloadFile: async () => article });
      await bot.handleUpdate(documentUpdate("honey.txt", { fromId: ADMIN_ID, languageCode: "en" }));
      const replies = () => sent(calls).map((c) => String(c.payload.text));
      expect(replies().join("\n")).not.toContain("something went wrong");
      expect(replies().at(-1)).toContain("honey.txt");
      const final = () => (sent(calls, "editMessageText").at(-1)?.payload.text as string | undefined) ?? "";
      await vi.waitFor(() => expect(final()).toContain("The re-index failed"), { timeout: 20_000 });
      expect(final()).toMatch(/\nReason: Cannot use the database postgres:\/\/bot@db\.test\/articles \(DATABASE_URL\): [^\n]*ECONNREFUSED/);
      const { rows } = await db.query<{ file_name: string }>("SELECT file_name FROM flaky.uploaded_articles");
      expect(rows.map((r) => r.file_name)).toEqual(["honey.txt"]);
    } finally {
      await db.end();
      await server.stop();
    }
  }, 60_000);
});
