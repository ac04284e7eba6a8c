// The CLI with DATABASE_URL, over a PGlite socket server: eval builds its own schema per articles
// folder and prints the same metrics as with files; ingest and ask use the configured schema.
// Articles: three UA-SQuAD passages (FIdo-AI, derived from SQuAD 2.0), CC BY-SA 4.0.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { openConfiguredBotState } from "../../src/app/open-bot-state.js";
import { loadConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/shared/logger.js";
import { openFileBotState } from "../../src/state/file-bot-state.js";
import { openPostgresBotState } from "../../src/state/postgres/postgres-bot-state.js";
import { evalSchemaName } from "../../src/store/postgres/namespace.js";
import { createPgDatabase } from "../../src/store/postgres/sql-database.js";
import { postgresSharedArticles } from "../../src/store/postgres/uploaded-articles.js";
import { startPgliteServer } from "../helpers/pglite.js";
import { lastLine, OFFLINE_ENV, runCliInProcess } from "../helpers/run-cli.js";

const ARTICLES: Record<string, string> = {
  "uk_squad-168":
    'У 1900 році газета Los Angeles Times визначила південну Каліфорнію як "сім округів Лос-Анджелес, Сан-Бернардіно, Орандж, Ріверсайд, Сан-Дієго, Вентура та Санта-Барбара." У 1999 році Times додав новий округ - Імперіал до цього списку.',
  "uk_squad-089":
    "Багато місцевих жителів і туристи часто відвідують південне узбережжя Каліфорнії заради його популярних пляжів, а пустельне місто Палм-Спрінгс популярне завдяки відпочинковій атмосфері та недалеким відкритим просторам.",
  "bees": "Пасічники Поділля цього року зібрали рекордний урожай липового меду. Найбільша пасіка області налічує понад триста вуликів.",
};
const QUESTIONS = [
  { id: "q1", article_id: "uk_squad-168", question: "Яка газета визначила південну Каліфорнію?", answers: ["Los Angeles Times"] },
  { id: "q2", article_id: "uk_squad-089", question: "Як називається пустельне місто?", answers: ["Палм-Спрінгс"] },
  { id: "q3", article_id: "bees", question: "Скільки вуликів налічує найбільша пасіка?", answers: ["понад триста"] },
  { id: "q4", article_id: null, question: "Who sold the rights to the Canary Islands?", answers: [] },
];

let server: Awaited<ReturnType<typeof startPgliteServer>>;
let root: string;
const env = () => ({ ...process.env, ...OFFLINE_ENV, DATABASE_URL: server.url, VECTORSTORE_DIR: join(root, "must-stay-unused") });

beforeAll(async () => {
  server = await startPgliteServer();
  root = await mkdtemp(join(tmpdir(), "pg-cli-"));
  await mkdir(join(root, "articles"));
  for (const [id, text] of Object.entries(ARTICLES)) await writeFile(join(root, "articles", `${id}.txt`), text);
  await writeFile(join(root, "questions.jsonl"), QUESTIONS.map((q) => JSON.stringify(q)).join("\n"));
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

const schemas = async () =>
  (await server.db.query<{ name: string }>("SELECT schema_name AS name FROM information_schema.schemata ORDER BY 1")).rows.map((r) => r.name);

describe("the CLI with DATABASE_URL", () => {
  it("eval builds its index in a schema of its own and prints the same metrics as with files", async () => {
    const args = ["--articles", join(root, "articles"), "--questions", join(root, "questions.jsonl"), "--json"];
    const files = await runCliInProcess("eval", [...args, "--store", join(root, "files")]);
    const pg = await runCliInProcess("eval", args, { env: env() });
    expect(pg.code).toBe(0);
    expect(pg.stderr).toContain(`(schema ${evalSchemaName(join(root, "articles"))})`);
    const metrics = (out: string): Record<string, number> => {
      const { questions, metrics: m } = JSON.parse(lastLine(out)) as { questions: number; metrics: Record<string, number> };
      const { p50Ms: _p50, p95Ms: _p95, ...rest } = m;
      return { questions, ...rest };
    };
    expect(metrics(pg.stdout)).toEqual(metrics(files.stdout));
    expect(metrics(pg.stdout)["hit@1"]).toBe(1);
    expect(await schemas()).toContain(evalSchemaName(join(root, "articles")));
    expect(await schemas()).not.toContain("article_qa"); // never the bot's namespace
  }, 60_000);

  it("ingest and ask use the configured schema; VECTORSTORE_DIR stays unused", async () => {
    const e = { ...env(), SEEDS_DIR: join(root, "articles"), DATABASE_SCHEMA: "newsroom" };
    const ingest = await runCliInProcess("ingest", ["--json"], { env: e });
    expect(ingest.code).toBe(0);
    expect(JSON.parse(lastLine(ingest.stdout))).toMatchObject({ articles: 3, added: 3 });
    const ask = await runCliInProcess("ask", ["--json", "Скільки вуликів налічує найбільша пасіка?"], { env: e });
    expect(ask.code).toBe(0);
    const answer = JSON.parse(lastLine(ask.stdout)) as { notFound: boolean; citations: { articleId: string }[] };
    expect(answer.notFound).toBe(false);
    expect(answer.citations[0]?.articleId).toBe("bees.txt");
    expect(await schemas()).toContain("newsroom");
    const { rows } = await server.db.query<{ version: number }>("SELECT version FROM newsroom.schema_migrations");
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5]);
    await expect(import("node:fs/promises").then((fs) => fs.stat(join(root, "must-stay-unused")))).rejects.toThrow();
  }, 60_000);

  it("ask only reads the version the database serves: no build from this folder, no uploads written into it", async () => {
    const served = { ...env(), SEEDS_DIR: join(root, "articles"), DATABASE_SCHEMA: "served" };
    expect((await runCliInProcess("ingest", ["--json"], { env: served })).code).toBe(0);
    const db = createPgDatabase(server.url);
    const current = async () => (await db.query<{ id: string }>("SELECT id FROM served.versions WHERE current")).rows[0]?.id;
    const version = await current();
    await postgresSharedArticles(db, "served", "pglite").save("upload.txt", new TextEncoder().encode("Новий міст через Дніпро відкрили першого березня."));
    // A laptop checkout whose folder lacks the articles the database serves: a build from it would drop them for every instance.
    const laptop = join(root, "laptop");
    await mkdir(laptop);
    await writeFile(join(laptop, "other.txt"), "Футбольний клуб зіграв унічию у неділю ввечері.");
    const ask = await runCliInProcess("ask", ["--json", "Скільки вуликів налічує найбільша пасіка?"], { env: { ...served, SEEDS_DIR: laptop } });
    expect(ask.code).toBe(0);
    expect((JSON.parse(lastLine(ask.stdout)) as { citations: { articleId: string }[] }).citations[0]?.articleId).toBe("bees.txt");
    expect(await current()).toBe(version);
    expect(await readdir(laptop)).toEqual(["other.txt"]);

    const empty = await runCliInProcess("ask", ["--json", "Скільки вуликів?"], { env: { ...served, SEEDS_DIR: laptop, DATABASE_SCHEMA: "nothing_served" } });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^No index in .*\(schema nothing_served\); run `npm run ingest` to build it\.\n$/);
    // Nothing created on the way: no schema, no tables, no migrations recorded.
    expect(await schemas()).not.toContain("nothing_served");
    // Tables of an older release: not migrated by a reader either.
    await db.query("CREATE SCHEMA old_served; CREATE TABLE old_served.schema_migrations (version integer PRIMARY KEY, name text NOT NULL); INSERT INTO old_served.schema_migrations VALUES (1, 'index')");
    const old = await runCliInProcess("ask", ["--json", "Скільки вуликів?"], { env: { ...served, SEEDS_DIR: laptop, DATABASE_SCHEMA: "old_served" } });
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(/^The index tables in .*\(schema old_served\) are older than this code; run `npm run ingest` to update them\.\n$/);
    expect((await db.query<{ version: number }>("SELECT version FROM old_served.schema_migrations")).rows.map((r) => r.version)).toEqual([1]);
    expect(await readdir(laptop)).toEqual(["other.txt"]);
    await db.end();
  }, 60_000);

  it("moves a file index into Postgres without embedding again (--from-store copies its embedding cache)", async () => {
    const seeds = join(root, "articles");
    const files = join(root, "file-index");
    const offline = { ...process.env, ...OFFLINE_ENV, SEEDS_DIR: seeds };
    expect((await runCliInProcess("ingest", ["--store", files, "--json"], { env: offline })).code).toBe(0);
    const moved = await runCliInProcess("ingest", ["--from-store", files, "--json"], { env: { ...env(), SEEDS_DIR: seeds, DATABASE_SCHEMA: "moved" } });
    expect(moved.code).toBe(0);
    expect(JSON.parse(lastLine(moved.stdout))).toMatchObject({ articles: 3, added: 3, embedded: 0 });
    const fresh = await runCliInProcess("ingest", ["--json"], { env: { ...env(), SEEDS_DIR: seeds, DATABASE_SCHEMA: "fresh" } });
    expect(JSON.parse(lastLine(fresh.stdout)).embedded).toBeGreaterThan(0); // without it, everything is embedded
    const refused = await runCliInProcess("ingest", ["--from-store", files], { env: offline });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("set DATABASE_URL");
  }, 60_000);

  it("moves the bot's state files too (--from-store DIR takes DIR/state): conversations, stats, votes, updates; once", async () => {
    const seeds = join(root, "articles");
    const files = join(root, "file-index-with-state");
    const offline = { ...process.env, ...OFFLINE_ENV, SEEDS_DIR: seeds };
    expect((await runCliInProcess("ingest", ["--store", files, "--json"], { env: offline })).code).toBe(0);
    const update = (id: number) => ({ update_id: id, message: { message_id: id, date: 0, chat: { id: 5, type: "private", first_name: "U" }, text: "q" } }) as Update;
    const fileState = await openFileBotState(join(files, "state"));
    await fileState.conversations.set("5:100", [{ question: "Хто такий Гор?", answer: "Посланець [1]." }]);
    await fileState.stats.record("Хто переміг?", true, true);
    await fileState.feedback.register("-1:7", "Хто переміг?");
    await fileState.feedback.vote("-1:7", 3, -1);
    await fileState.updates.claim([update(1), update(2)]);
    fileState.updates.markDone(1); // 2 stays unfinished: answered by the bot on Postgres

    const move = () => runCliInProcess("ingest", ["--from-store", files, "--json"], { env: { ...env(), SEEDS_DIR: seeds, DATABASE_SCHEMA: "moved_state" } });
    // Not while a bot still runs on the files: it would go on writing them after the move.
    const busy = await move();
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain("is in use by another bot process");
    expect(busy.stderr).toContain("stop the bot before moving its state");
    expect(existsSync(join(files, "state", "MOVED_TO_DATABASE"))).toBe(false);
    const probe = createPgDatabase(server.url);
    const built = await probe.query<{ t: string | null }>(`SELECT to_regclass('moved_state.versions')::text AS t`);
    await probe.end();
    expect(built.rows[0]?.t).toBeNull(); // refused before the index build, not after it
    await fileState.close();

    const moved = await move();
    expect(moved.stderr).toBe("");
    expect(moved.code).toBe(0);
    expect(JSON.parse(lastLine(moved.stdout)).movedState).toEqual({ conversations: 1, passageKeys: 0, questions: 1, votes: 1, handledUpdates: 1, unfinishedUpdates: 1 });
    expect(await readFile(join(files, "state", "MOVED_TO_DATABASE"), "utf8")).toContain("schema moved_state");
    // The bot on the database reminds to move leftover state files, but not once they were moved.
    const warnings = async (stateDir: string): Promise<string> => {
      let out = "";
      const logger = createLogger("warn", { destination: { write: (line: string) => { out += line; } } });
      const state = await openConfiguredBotState(loadConfig({ DATABASE_URL: server.url, DATABASE_SCHEMA: "moved_state", STATE_DIR: stateDir }), logger);
      await state.close();
      return out;
    };
    expect(await warnings(join(files, "state"))).toBe("");
    const unmoved = join(root, "unmoved-state");
    await (await openFileBotState(unmoved)).close();
    await writeFile(join(unmoved, "bot-state.json"), "{}");
    expect(await warnings(unmoved)).toContain(`--from-state ${unmoved}`);
    const again = await move(); // nothing twice, counters not added again
    expect(JSON.parse(lastLine(again.stdout)).movedState).toEqual({ conversations: 0, passageKeys: 0, questions: 0, votes: 0, handledUpdates: 0, unfinishedUpdates: 0 });

    const db = createPgDatabase(server.url);
    const pgState = await openPostgresBotState({ db, schema: "moved_state", database: "pglite" });
    expect(await pgState.conversations.get("5:100")).toEqual([{ question: "Хто такий Гор?", answer: "Посланець [1]." }]);
    expect(await pgState.stats.snapshot(5)).toMatchObject({ questions: 1, notFound: 1, recentNotFound: ["Хто переміг?"] });
    expect(await pgState.feedback.summary()).toEqual({ up: 0, down: 1, worst: [{ question: "Хто переміг?", up: 0, down: 1 }] });
    expect(await pgState.updates.claim([update(1)])).toEqual([]);
    expect((await pgState.updates.reclaim(3)).replay.map((u) => u.update_id)).toEqual([2]);
    await pgState.close();
    await db.end();
  }, 60_000);

  it("says plainly when the database cannot be reached, in ask and ingest, with no other warning first", async () => {
    const e = { ...env(), SEEDS_DIR: join(root, "articles"), DATABASE_URL: "postgres://bot:s3cret@127.0.0.1:1/none" };
    const ask = await runCliInProcess("ask", ["--json", "anything?"], { env: e });
    const ingest = await runCliInProcess("ingest", ["--json"], { env: e });
    for (const run of [ask, ingest]) {
      expect(run.code).toBe(1);
      // The only line: the error (no "could not remove what an interrupted index build left behind").
      expect(run.stderr).toMatch(/^Cannot use the database postgres:\/\/bot@127\.0\.0\.1:1\/none \(DATABASE_URL\): .*ECONNREFUSED.*\n$/);
      expect(JSON.parse(lastLine(run.stdout)).error).toMatch(/^Cannot use the database/);
      expect(run.stderr + run.stdout).not.toContain("s3cret");
    }
  }, 60_000);
});
