// One contract, three implementations of the bot's state: memory (tests), files (STATE_DIR),
// Postgres (PGlite in-process). Then what only the persistent ones do: survive a reopen.
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Update } from "grammy/types";
import { afterAll, describe, expect, it } from "vitest";
import { readJournalFile } from "../../src/bot/update-journal.js";
import { openConfiguredBotState } from "../../src/app/open-bot-state.js";
import { loadConfig } from "../../src/config/config.js";
import { AppError } from "../../src/shared/errors.js";
import { createLogger } from "../../src/shared/logger.js";
import type { BotStateStore } from "../../src/state/bot-state-store.js";
import { ExpiringMemoryMap } from "../../src/state/expiring-memory-map.js";
import { damageReason, setAsideDamaged } from "../../src/state/feedback-file.js";
import { openFileBotState } from "../../src/state/file-bot-state.js";
import { MemoryBotState } from "../../src/state/memory-bot-state.js";
import { openPostgresBotState } from "../../src/state/postgres/postgres-bot-state.js";
import { acquireWriteLock } from "../../src/store/hnsw/write-lock.js";
import { createPgDatabase, type SqlDatabase, type SqlQueryable } from "../../src/store/postgres/sql-database.js";
import { createPglite, pgliteDatabase } from "../helpers/pglite.js";

const REPO = path.join(import.meta.dirname, "..", "..");
const update = (id: number): Update => ({ update_id: id, message: { message_id: id, date: 0, chat: { id: 1, type: "private", first_name: "U" }, text: `q${id}` } }) as Update;
const dirs: string[] = [];
const tempDir = async (): Promise<string> => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-state-"));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

let pglite: Promise<SqlDatabase> | undefined;
let schemas = 0;

/** Opens a store; `reopen` opens another on the same files or database (a restart, or a second instance). */
type Backend = () => Promise<{ store: BotStateStore; reopen: () => Promise<BotStateStore> }>;

const backends: [string, Backend][] = [
  ["memory", async () => ({ store: new MemoryBotState(), reopen: async () => new MemoryBotState() })],
  [
    "files",
    async () => {
      const dir = await tempDir();
      return { store: await openFileBotState(dir), reopen: () => openFileBotState(dir) };
    },
  ],
  [
    "postgres",
    async () => {
      // One PGlite for the file (starting one takes seconds), a schema per test.
      pglite ??= createPglite().then(pgliteDatabase);
      const db = await pglite;
      const schema = `bot_test_${++schemas}`;
      const open = () => openPostgresBotState({ db, schema, database: "pglite" });
      return { store: await open(), reopen: open };
    },
  ],
];

// A real server too, when one is given (scripts/real-postgres.sh; not in npm test or CI): real
// concurrency, where PGlite runs one statement at a time.
const REAL = process.env.REAL_DATABASE_URL?.trim() ?? "";
const run = `${process.pid}_${Date.now().toString(36)}`;
if (REAL) {
  backends.push([
    "real postgres",
    async () => {
      real ??= createPgDatabase(REAL);
      const db = real;
      const schema = `bot_state_test_${run}_${++schemas}`;
      const open = () => openPostgresBotState({ db, schema, database: "real" });
      return { store: await open(), reopen: open };
    },
  ]);
}
let real: SqlDatabase | undefined;
afterAll(async () => {
  if (!real) return;
  const { rows } = await real.query<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1", [`bot_state_test_${run}_%`]);
  for (const { name } of rows) await real.exec(`DROP SCHEMA "${name}" CASCADE`);
  await real.end();
});

describe.each(backends)("bot state (%s)", (name, backend) => {
  it("rate limits: a burst, one warning, silence until one is served; asked again at once after it, warned again; users apart; limiters apart", async () => {
    const { store } = await backend();
    const rate = { burst: 2, refillMs: 1_000 };
    const take = (user: number, now: number, limiter = "question") => store.rateLimits.take(limiter, user, rate, now);
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push((await take(1, 0)).decision);
    expect(decisions).toEqual(["allow", "allow", "warn", "drop"]);
    expect((await take(1, 250)).waitMs).toBe(750);
    expect((await take(2, 0)).decision).toBe("allow");
    expect((await take(1, 0, "passage")).decision).toBe("allow");
    // Waited as told and served: that flood is over. Asked again at once, told again, once
    // (README: "says once that they should wait"), never left in silence.
    expect((await take(1, 1_000)).decision).toBe("allow");
    expect(await take(1, 1_000)).toEqual({ decision: "warn", waitMs: 1_000 });
    expect((await take(1, 1_500)).decision).toBe("drop");
    expect((await take(1, 2_000)).decision).toBe("allow");
    expect((await take(1, 2_000)).decision).toBe("warn");
    // Refilled completely (2 tokens by 4 s): a burst again, then one warning.
    const again = [];
    for (let i = 0; i < 4; i++) again.push((await take(1, 4_000)).decision);
    expect(again).toEqual(["allow", "allow", "warn", "drop"]);
    await store.close();
  });

  it("conversations and passage keys: kept by key", async () => {
    const { store } = await backend();
    await store.conversations.set("-5:10", [{ question: "Хто такий Гор?", answer: "Посланець [1]." }]);
    await store.passageKeys.set("abc", { n: 1, chunkId: "a.txt#3", hash: "AAAAAAAA", quote: { start: 1, end: 5 } });
    expect(await store.conversations.get("-5:10")).toEqual([{ question: "Хто такий Гор?", answer: "Посланець [1]." }]);
    expect(await store.conversations.get("-5:11")).toBeUndefined();
    expect(await store.passageKeys.get("abc")).toEqual({ n: 1, chunkId: "a.txt#3", hash: "AAAAAAAA", quote: { start: 1, end: 5 } });
    await store.close();
  });

  it("stats: counts every question, keeps only group questions as gaps, newest first", async () => {
    const { store } = await backend();
    await store.stats.record("мій діагноз?", true, false);
    await store.stats.record("Хто переміг?", true, true);
    await store.stats.record("Хто такий Гор?", false, true);
    await store.stats.record("Що таке квазар?", true, true);
    const stats = await store.stats.snapshot(5);
    expect(stats).toMatchObject({ questions: 4, notFound: 3, recentNotFound: ["Що таке квазар?", "Хто переміг?"] });
    expect(stats.since).toBeLessThanOrEqual(Date.now());
    expect(JSON.stringify(stats)).not.toContain("діагноз");
    await store.close();
  });

  it("stats: an edited question's outcome replaces its first one, as one question; its gap goes or moves with it", async () => {
    const { store, reopen } = await backend();
    await store.stats.record("Хто переміг?", true, true);
    await store.stats.record("Хто такий Гор?", true, true); // the typo…
    await store.stats.record("мій діагноз?", true, false);
    await store.stats.revise({ question: "Хто такий Гор?", notFound: true }, "Хто такий Серджіо Гор?", false, true); // …fixed, answered
    await store.stats.revise({ question: "мій діагноз?", notFound: true }, "мій діагноз, точно?", false, false);
    expect(await store.stats.snapshot(5)).toMatchObject({ questions: 3, notFound: 1, recentNotFound: ["Хто переміг?"] });
    // The other way round: an answered question edited into one that finds nothing becomes a gap.
    await store.stats.record("Що таке зірка?", false, true);
    await store.stats.revise({ question: "Що таке зірка?", notFound: false }, "Що таке квазар?", true, true);
    // Still not found after the edit: the gap shows the latest text, once.
    await store.stats.revise({ question: "Що таке квазар?", notFound: true }, "Що таке пульсар?", true, true);
    const stats = await store.stats.snapshot(5);
    expect(stats).toMatchObject({ questions: 4, notFound: 2, recentNotFound: ["Що таке пульсар?", "Хто переміг?"] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.close();
    if (name === "memory") return;
    const again = await reopen();
    expect(await again.stats.snapshot(5)).toMatchObject({ questions: 4, notFound: 2, recentNotFound: ["Що таке пульсар?", "Хто переміг?"] });
    await again.close();
  });

  it("feedback: one vote per user per answer, worst group questions first; a vote says whether its question is listed", async () => {
    const { store } = await backend();
    await store.feedback.register("-1:1", "Що таке квазар?");
    await store.feedback.register("7:2", null);
    const listed = (outcome: string) => ({ outcome, listed: true });
    const unlisted = (outcome: string) => ({ outcome, listed: false });
    expect(await store.feedback.vote("-1:1", 1, -1)).toEqual(listed("new"));
    expect(await store.feedback.vote("-1:1", 1, -1)).toEqual(listed("same"));
    expect(await store.feedback.vote("-1:1", 2, 1)).toEqual(listed("new"));
    expect(await store.feedback.vote("-1:1", 2, -1)).toEqual(listed("changed"));
    expect(await store.feedback.vote("7:2", 7, -1)).toEqual(unlisted("new")); // a private chat's: only counted
    // An answer the state does not know (forgotten): counted under no question, whoever votes.
    expect(await store.feedback.vote("-1:9", 3, 1)).toEqual(unlisted("new"));
    expect(await store.feedback.vote("-1:9", 3, -1)).toEqual(unlisted("changed"));
    expect(await store.feedback.vote("-1:9", 4, 1)).toEqual(unlisted("new"));
    expect(await store.feedback.summary()).toEqual({ up: 1, down: 4, worst: [{ question: "Що таке квазар?", up: 0, down: 2 }] });
    // Registered again (an edited question's answer edited into its message): a new answer, no votes yet.
    await store.feedback.register("-1:1", "Що таке пульсар?");
    expect(await store.feedback.summary()).toEqual({ up: 1, down: 2, worst: [] });
    expect(await store.feedback.vote("-1:1", 1, -1)).toEqual(listed("new"));
    // Bounded: at most 200 voters per answer; those in keep changing their vote.
    for (let user = 1_000; user < 1_200; user++) expect(await store.feedback.vote("-1:50", user, 1)).toEqual(unlisted("new"));
    // One more is not kept, and says so ("not-kept"), so its thanks does not call it counted.
    expect(await store.feedback.vote("-1:50", 5_000, -1)).toEqual(unlisted("not-kept"));
    expect(await store.feedback.vote("-1:50", 1_000, -1)).toEqual(unlisted("changed"));
    expect((await store.feedback.summary()).up).toBe(1 + 199);
    await store.close();
  });

  it("updates: each id claimed once, across calls and within one batch", async () => {
    const { store } = await backend();
    expect((await store.updates.claim([update(1), update(2), update(1)])).map((u) => u.update_id)).toEqual([1, 2]);
    expect((await store.updates.claim([update(2), update(3)])).map((u) => u.update_id)).toEqual([3]);
    store.updates.markDone(1);
    await store.close();
  });

  it.runIf(name !== "memory")("survives a restart: conversations, stats, votes, buckets, handled updates", async () => {
    const { store, reopen } = await backend();
    await store.conversations.set("-5:10", [{ question: "Хто такий Гор?", answer: "Посланець [1]." }]);
    await store.stats.record("Хто переміг?", true, true);
    await store.feedback.register("-1:1", "Хто переміг?");
    await store.feedback.vote("-1:1", 1, -1);
    const rate = { burst: 1, refillMs: 60_000 };
    const t0 = Date.now();
    expect((await store.rateLimits.take("question", 1, rate, t0)).decision).toBe("allow");
    await store.updates.claim([update(5)]);
    store.updates.markDone(5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.close();
    if (name === "files") expect((await fs.stat(path.join(store.location, "bot-state.json"))).mode & 0o777).toBe(0o600); // people's questions

    const again = await reopen();
    expect(await again.conversations.get("-5:10")).toEqual([{ question: "Хто такий Гор?", answer: "Посланець [1]." }]);
    expect(await again.stats.snapshot(5)).toMatchObject({ questions: 1, notFound: 1, recentNotFound: ["Хто переміг?"] });
    expect((await again.feedback.summary()).down).toBe(1);
    expect((await again.rateLimits.take("question", 1, rate, t0 + 10)).decision).toBe("warn");
    expect(await again.updates.claim([update(5), update(6)])).toEqual([update(6)]);
    await again.close();
  });
});

describe("bot state in files: one process per STATE_DIR", () => {
  it("a second open of a folder in use is refused with one line naming it; the first keeps journaling", async () => {
    const dir = await tempDir();
    const first = await openFileBotState(dir);
    await first.updates.claim([update(1)]);
    const error = await openFileBotState(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as Error).message).toMatch(new RegExp(`^STATE_DIR ${dir} is in use by another bot process \\(pid ${process.pid} on [^\n]*\\): stop that one`));
    // Before, the second open compacted the journal under the first: update 2 went to a file no longer linked.
    await first.updates.claim([update(2)]);
    expect([...(await readJournalFile(path.join(dir, "updates", "updates.jsonl")))!.pending.keys()]).toEqual([1, 2]);
    await first.close();
    const second = await openFileBotState(dir); // released on close
    expect((await second.updates.reclaim(3)).replay.map((u) => u.update_id)).toEqual([1, 2]);
    await second.close();
  });

  it("opening removes the temp files crashed saves left of its files, and nothing else", async () => {
    const dir = await tempDir();
    const left = ["bot-state.json.1a2b3c4d.tmp", "feedback.json.5e6f7a8b.tmp"]; // conversations, votes
    const others = ["CURRENT.1a2b3c4d.tmp", "notes.tmp", "bot-state.json.tmp"]; // not from its saves (STATE_DIR may be shared)
    for (const name of [...left, ...others]) await fs.writeFile(path.join(dir, name), "partial");
    const state = await openFileBotState(dir);
    const names = await fs.readdir(dir);
    for (const name of left) expect(names).not.toContain(name);
    for (const name of others) expect(names).toContain(name);
    await state.close();
  });

  it("a damaged state file (half-written JSON) starts empty, is kept aside and reported, not overwritten", async () => {
    const dir = await tempDir();
    const damaged = { "bot-state.json": '{"conversations":[["1:2",{"value":[{"q', "feedback.json": '{"answers":[["a1",{"question":null,"vo' };
    for (const [name, text] of Object.entries(damaged)) await fs.writeFile(path.join(dir, name), text);
    const reported: string[] = [];
    const state = await openFileBotState(dir, { onDamaged: (file, keptAs) => reported.push(`${path.basename(file)} -> ${path.basename(keptAs)}`) });
    expect(reported.sort()).toEqual([
      expect.stringMatching(/^bot-state\.json -> bot-state\.json\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/),
      expect.stringMatching(/^feedback\.json -> feedback\.json\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/),
    ]);
    await state.stats.record("q", false, false);
    await state.feedback.register("a2", null);
    await state.close();
    for (const [name, text] of Object.entries(damaged)) expect(await fs.readFile(path.join(dir, reported.find((r) => r.startsWith(`${name} `))!.split(" -> ")[1]!), "utf8")).toBe(text);
    expect(JSON.parse(await fs.readFile(path.join(dir, "bot-state.json"), "utf8")).stats.questions).toBe(1);
  });

  it("a state file damaged again later does not replace the one kept the first time", async () => {
    const dir = await tempDir();
    const texts = ['{"conversations":[["1:2",{"value":[{"q', '{"stats":{"questions":3', '{"stats":'];
    for (const text of texts) {
      await fs.writeFile(path.join(dir, "bot-state.json"), text);
      const state = await openFileBotState(dir);
      await state.close();
    }
    const kept = (await fs.readdir(dir)).filter((name) => name.startsWith("bot-state.json.damaged"));
    expect(kept).toHaveLength(3);
    expect((await Promise.all(kept.map((name) => fs.readFile(path.join(dir, name), "utf8")))).sort()).toEqual([...texts].sort());
  });

  it("two files damaged in the same millisecond get names of their own", async () => {
    const dir = await tempDir();
    const now = new Date("2026-02-04T10:00:00Z");
    const keptAs: string[] = [];
    for (const text of ["{", "[1,"]) {
      await fs.writeFile(path.join(dir, "feedback.json"), text);
      await setAsideDamaged(path.join(dir, "feedback.json"), new SyntaxError("Unexpected end of JSON input"), (_f, kept) => keptAs.push(path.basename(kept)), now);
    }
    expect(keptAs).toEqual(["feedback.json.damaged-2026-02-04T10-00-00.000Z", "feedback.json.damaged-2026-02-04T10-00-00.000Z-2"]);
    expect(await fs.readFile(path.join(dir, keptAs[0]!), "utf8")).toBe("{");
    expect(await fs.readFile(path.join(dir, keptAs[1]!), "utf8")).toBe("[1,");
  });

  it("the warning about a damaged state file says why without quoting it (it holds users' questions)", async () => {
    const dir = await tempDir();
    // Node's JSON.parse message for these quotes the text around the fault: "..."helter?"},]}]]}" is not valid JSON.
    await fs.writeFile(path.join(dir, "bot-state.json"), '{"conversations":[["1:2",{"value":[{"q":"where is the shelter?"},\u0001]}]]}');
    await fs.writeFile(path.join(dir, "feedback.json"), '{"answers":[["a1",{"question":"where is the shelter?","vo');
    const lines: string[] = [];
    const logger = createLogger("info", { destination: { write: (line: string) => void lines.push(line) } });
    const state = await openConfiguredBotState(loadConfig({ STATE_DIR: dir }), logger);
    await state.close();
    const warnings = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => String(l.msg).includes("could not be read"));
    expect(warnings.map((w) => [path.basename(String(w.file)), w.reason]).sort()).toEqual([
      ["bot-state.json", "not valid JSON"],
      ["feedback.json", "not valid JSON (at offset 57)"],
    ]);
    expect(lines.join("")).not.toMatch(/shelter|helter|\?"\}/);
  });

  it("a damaged state file's reason gives JSON's offset when there is one, and never its text", () => {
    const parseError = (text: string): unknown => {
      try {
        JSON.parse(text);
      } catch (error) {
        return error;
      }
      throw new Error("parsed");
    };
    expect(damageReason(parseError('{"q":"where is the shelter?" "n":1}'))).toMatch(/^not valid JSON( \(at offset \d+\))?$/);
    expect(damageReason(parseError('{"q": tru, "a":"the shelter"}'))).toBe("not valid JSON");
    expect(damageReason(Object.assign(new Error("EISDIR: illegal operation on a directory, read '/srv/state/bot-state.json'"), { code: "EISDIR" }))).toBe(
      "could not be read (EISDIR)",
    );
    expect(damageReason(new TypeError("conversations is not iterable"))).toBe("valid JSON, but not in the form this version reads");
  });

  it("does not hold the index's lock when STATE_DIR is the index folder itself", async () => {
    const dir = await tempDir();
    const state = await openFileBotState(dir);
    const release = await acquireWriteLock(dir, { wait: false });
    expect(release).not.toBeNull(); // a build (the start, /reindex) can still run
    await release!();
    await state.close();
  });

  it("another live process holding it refuses this one; once it is killed, the folder opens at once", async () => {
    const dir = await tempDir();
    const code = `const { openFileBotState } = await import(${JSON.stringify(path.join(REPO, "src", "state", "file-bot-state.ts"))});
      await openFileBotState(${JSON.stringify(dir)});
      process.stdout.write("open");
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { cwd: REPO });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.once("data", () => resolve());
        child.once("exit", (exitCode) => reject(new Error(`the child exited (${exitCode})`)));
      });
      const waits: string[] = [];
      const started = Date.now();
      const error = await openFileBotState(dir, { onWait: (holder) => waits.push(holder) }).catch((e: unknown) => e);
      expect((error as Error).message).toContain(`is in use by another bot process (pid ${child.pid} on`);
      expect(Date.now() - started).toBeLessThan(15_000); // its heartbeat showed it alive: no 30 s wait
      expect(waits).toHaveLength(1);
    } finally {
      child.kill("SIGKILL");
    }
    await new Promise((resolve) => child.once("exit", resolve));
    const started = Date.now();
    const state = await openFileBotState(dir); // its process is gone: the lock is taken over
    expect(Date.now() - started).toBeLessThan(10_000); // generous for a loaded machine; not the 30 s of a dead holder on another host
    await state.close();
  }, 30_000);
});

/** One PGlite (or one real-server pool) shared by the Postgres tests of this file. */
async function sharedDatabase(kind: string): Promise<SqlDatabase> {
  if (kind !== "pglite") {
    real ??= createPgDatabase(REAL);
    return real;
  }
  pglite ??= createPglite().then(pgliteDatabase);
  return pglite;
}

describe.each(REAL ? ["pglite", "real postgres"] : ["pglite"])("bot state in Postgres (%s), two instances", (kind) => {
  it("the same updates offered to both: each claimed by exactly one; a dead instance's are taken over after its lease", async () => {
    const db = await sharedDatabase(kind);
    const schema = kind === "pglite" ? "bot_two" : `bot_state_test_${run}_two`;
    const open = () => openPostgresBotState({ db, schema, database: "pglite", updateLeaseMs: 200 });
    const [a, b] = [await open(), await open()];
    const ids = Array.from({ length: 30 }, (_, i) => i + 1);
    const [byA, byB] = await Promise.all([a.updates.claim(ids.map(update)), b.updates.claim(ids.map(update))]);
    const all = [...byA, ...byB].map((u) => u.update_id).sort((x, y) => x - y);
    expect(all).toEqual(ids);
    for (const u of byB) b.updates.markDone(u.update_id);
    // A "dies" with its updates unfinished: B finds nothing while A's lease runs, then takes them over.
    await a.close();
    expect((await b.updates.reclaim(3)).replay).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const taken = await b.updates.reclaim(3);
    expect(taken.replay.map((u) => u.update_id)).toEqual(byA.map((u) => u.update_id));
    expect((await b.updates.reclaim(3)).replay).toEqual([]); // now leased by B
    await b.close();
  });
});

describe.each(REAL ? ["pglite", "real postgres"] : ["pglite"])("bot state in Postgres (%s), changes at once", (kind) => {
  it("two instances changing the same rows at once lose nothing: one budget, every count, every vote", async () => {
    const db = await sharedDatabase(kind);
    // Two pools: statements really run at once on a real server.
    const schema = kind === "pglite" ? "bot_race" : `bot_state_test_${run}_race`;
    const other = kind === "pglite" ? db : createPgDatabase(REAL);
    const a = await openPostgresBotState({ db, schema, database: kind });
    const b = await openPostgresBotState({ db: other, schema, database: kind });
    const now = Date.now();
    const rate = { burst: 5, refillMs: 60_000 };
    const takes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).rateLimits.take("question", 7, rate, now)));
    expect(takes.filter((t) => t.decision === "allow")).toHaveLength(5);
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).stats.record("q", i % 4 === 0, false)));
    expect(await a.stats.snapshot(5)).toMatchObject({ questions: 40, notFound: 10 });
    await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).feedback.vote("-1:1", i, i % 3 === 0 ? 1 : -1)));
    expect(await b.feedback.summary()).toMatchObject({ up: 10, down: 20 });
    await a.close();
    await b.close();
    if (other !== db) await other.end();
  });
});

describe("bot state in Postgres (pglite), a stats change that fails midway", () => {
  /** A store whose database drops the connection at a gap insert, once armed. */
  const flakyStore = async (schema: string) => {
    const db = await sharedDatabase("pglite");
    let failGapInsert = false;
    const flaky = (q: SqlQueryable): SqlQueryable => ({
      ...q,
      query: async <R>(text: string, params?: readonly unknown[]) => {
        if (failGapInsert && /INSERT INTO \S+gaps/.test(text)) throw new Error("connection terminated unexpectedly");
        return q.query<R>(text, params);
      },
    });
    const store = await openPostgresBotState({ db: { ...db, ...flaky(db), transaction: (work) => db.transaction((tx) => work(flaky(tx))) }, schema, database: "pglite" });
    const arm = () => {
      failGapInsert = true;
    };
    return { store, arm };
  };

  it("a group question that found nothing: neither counted nor kept as a gap, so counts and gaps still agree", async () => {
    const { store, arm } = await flakyStore("bot_record_fails");
    await store.stats.record("Що таке зірка?", false, true);
    arm();
    await expect(store.stats.record("Що таке квазар?", true, true)).rejects.toThrow("connection terminated");
    expect(await store.stats.snapshot(5)).toMatchObject({ questions: 1, notFound: 0, recentNotFound: [] });
    await store.close();
  });

  it("an edit's revise changes nothing: the count it made before the failure is undone, so counts and gaps still agree", async () => {
    const { store, arm } = await flakyStore("bot_revise_fails");
    await store.stats.record("Що таке зірка?", false, true);
    arm();
    // Answered, then edited into a question that finds nothing: one more not found, and its gap.
    await expect(store.stats.revise({ question: "Що таке зірка?", notFound: false }, "Що таке квазар?", true, true)).rejects.toThrow("connection terminated");
    expect(await store.stats.snapshot(5)).toMatchObject({ questions: 1, notFound: 0, recentNotFound: [] });
    await store.close();
  });
});

describe("ExpiringMemoryMap", () => {
  it("forgets entries after their time and the oldest beyond its capacity", async () => {
    let now = 0;
    const map = new ExpiringMemoryMap<number>(2, 1_000, () => now);
    await map.set("a", 1);
    await map.set("b", 2);
    await map.set("a", 3); // refreshes "a"
    await map.set("c", 4);
    expect([await map.get("a"), await map.get("b"), await map.get("c"), map.size]).toEqual([3, undefined, 4, 2]);
    now = 1_001;
    expect(await map.get("a")).toBeUndefined();
  });
});
