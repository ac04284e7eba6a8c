// Two bot processes in webhook mode on one database (a PGlite socket server): the same updates
// posted to both are answered once each; an article uploaded to one (and its re-index) is served
// by the other without a restart; a /reindex while another instance builds is refused at once.
// With REAL_DATABASE_URL (scripts/real-postgres.sh) it runs on that server instead, in a schema
// of its own: there the two processes' statements really run at once.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPgDatabase } from "../../src/store/postgres/sql-database.js";
import { startPgliteServer } from "../helpers/pglite.js";
import type { RunningBot } from "../bot/spawn-bot.js";
import { useBotProcesses } from "../helpers/bot-processes.js";
import { freePort } from "../helpers/free-port.js";
import { figure } from "./figures.js";

const SECRET = "multi_secret";
const ADMIN = 42;

const REAL = process.env.REAL_DATABASE_URL?.trim() ?? "";
const SCHEMA = REAL ? `multi_instance_${process.pid}` : "article_qa";
let pg: { url: string; query: (sql: string) => Promise<unknown>; stop: () => Promise<void> };

interface Instance {
  bot: RunningBot;
  url: string;
}

let nextUpdate = 1;
const textUpdate = (chatId: number, text: string, extra: Record<string, unknown> = {}) => {
  const id = nextUpdate++;
  return {
    update_id: id,
    message: { message_id: id, date: 0, chat: { id: chatId, type: "private", first_name: "M" }, from: { id: chatId, is_bot: false, first_name: "M" }, text, ...extra },
  };
};
const post = (instance: Instance, body: unknown): Promise<number> =>
  fetch(instance.url, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body: JSON.stringify(body) }).then((r) => r.status);
const answered = (text: string) => (line: string) => line.includes(`"msg":"${text}"`);

beforeAll(async () => {
  if (REAL) {
    const db = createPgDatabase(REAL);
    pg = { url: REAL, query: (sql) => db.query(sql), stop: async () => {
      await db.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
      await db.end();
    } };
  } else {
    const server = await startPgliteServer({ maxConnections: 32 });
    pg = { url: server.url, query: (sql) => server.db.query(sql), stop: server.stop };
  }
}, 60_000);

afterAll(async () => {
  await pg?.stop();
});

// After the database's hooks: its bots are killed before the database stops (after-hooks run last first).
const bots = useBotProcesses({ token: "123456:MULTI-INSTANCE", env: { WEBHOOK_SECRET: SECRET, ADMIN_IDS: String(ADMIN) } });

async function startInstance(): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/tg`;
  const bot = await bots.start({ DATABASE_URL: pg.url, DATABASE_SCHEMA: SCHEMA, WEBHOOK_URL: url, PORT: String(port) });
  await vi.waitFor(() => expect(bot.logs()).toContain('"msg":"webhook server listening"'), { timeout: 20_000, interval: 100 });
  return { bot, url };
}

describe("two webhook instances on one database", () => {
  it("answer each update once, share a re-index and an upload, refuse a second /reindex anywhere", async () => {
    const started = Date.now();
    const a = await startInstance(); // builds the index into the database
    const b = await startInstance(); // finds it current
    const startMs = Date.now() - started;

    // The same 12 questions posted to both instances at once (as a load balancer retrying would).
    const chats = Array.from({ length: 12 }, (_, i) => 9_100 + i);
    const updates = chats.map((chat) => textUpdate(chat, "Хто такий Серджіо Гор?"));
    const statuses = await Promise.all(updates.flatMap((u) => [post(a, u), post(b, u)]));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await vi.waitFor(() => expect(chats.filter((c) => bots.api.sentMessages(c).length > 0)).toHaveLength(chats.length), { timeout: 30_000, interval: 200 });
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // room for a wrong second answer
    const twice = chats.filter((c) => bots.api.sentMessages(c).length !== 1);
    expect(twice).toEqual([]);
    const byA = a.bot.logs().split("\n").filter(answered("question answered")).length;
    const byB = b.bot.logs().split("\n").filter(answered("question answered")).length;
    expect(byA + byB).toBe(chats.length);

    // Another instance holds the writer lock: /reindex on B is refused at once.
    await pg.query(`INSERT INTO ${SCHEMA}.locks (name, holder, acquired_at, expires_at) VALUES ('index-writer', 'test', now(), now() + interval '1 minute')`);
    expect(await post(b, textUpdate(ADMIN, "/reindex", { entities: [{ type: "bot_command", offset: 0, length: 8 }] }))).toBe(200);
    await vi.waitFor(() => expect(JSON.stringify(bots.api.sentMessages(ADMIN).at(-1)?.payload.text)).toContain("інший екземпляр"), { timeout: 10_000, interval: 100 });
    await pg.query(`DELETE FROM ${SCHEMA}.locks WHERE holder = 'test'`);

    // An article uploaded to A: A re-indexes; B serves the new version without a restart.
    bots.api.files.set("documents/file.txt", " date 2026-03-01 Олена Коваль стала директоркою Київського зоопарку першого березня 2026 року. Вона керувала зоопарком у Миколаєві десять років.");
    const upload = {
      update_id: nextUpdate++,
      message: {
        message_id: 77_000,
        date: 0,
        chat: { id: ADMIN, type: "private", first_name: "A" },
        from: { id: ADMIN, is_bot: false, first_name: "A" },
        document: { file_id: "f1", file_unique_id: "u1", file_name: "zoo.txt", file_size: 200 },
      },
    };
    const reindexStarted = Date.now();
    expect(await post(a, upload)).toBe(200);
    await vi.waitFor(
      () => expect(bots.api.calls.some((c) => c.method === "editMessageText" && String(c.payload.text).includes("Додано: 1"))).toBe(true),
      { timeout: 60_000, interval: 200 },
    );
    const reindexMs = Date.now() - reindexStarted;
    const asker = 9_500;
    const followStarted = Date.now();
    await vi.waitFor(
      async () => {
        expect(await post(b, textUpdate(asker, "Хто стала директоркою Київського зоопарку?"))).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 700));
        expect(bots.api.sentMessages(asker).some((m) => String(m.payload.text).includes("Коваль"))).toBe(true);
      },
      { timeout: 30_000, interval: 500 },
    );
    const followMs = Date.now() - followStarted;
    expect(b.bot.logs()).toContain("switched to the index version another process built");

    figure(`two webhook instances on one ${REAL ? "real Postgres" : "PGlite"} database`, {
      updatesPostedToBoth: chats.length,
      answeredByA: byA,
      answeredByB: byB,
      answeredTwice: twice.length,
      startBothMs: startMs,
      uploadReindexOnAMs: reindexMs,
      servedByBAfterMs: followMs,
    });
  }, 180_000);
});
