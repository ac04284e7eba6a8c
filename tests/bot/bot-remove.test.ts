// /remove over HTTP against the local Bot API mock: an admin removes an article after confirming
// it, and the re-index takes it out of the answers; [Cancel], non-admins and names that lead out
// of the seeds folder (or are hidden files or symlinks) change nothing; without a file it says
// how to use it and lists the closest names.
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import type { BotDeps } from "../../src/bot/bot-deps.js";
import { createBot } from "../../src/bot/create-bot.js";
import type { KnowledgeBase } from "../../src/knowledge-base/knowledge-base.js";
import { silentLogger } from "../../src/shared/logger.js";
import { recordingLogger } from "../helpers/recording-logger.js";
import { type BotApiMock, type BotApiMockOptions, type MockCall, startBotApiMock } from "../helpers/bot-api-mock.js";
import { makeTempSeeds } from "../helpers/temp-seeds.js";
import { ADMIN_ID, BOT_INFO, CHUNK, callbackUpdate, FakeKb, tagsBalanced, textUpdate, USER_ID } from "./harness.js";

const TOKEN = "123:REMOVE";

let mock: BotApiMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function botOn(kb: KnowledgeBase, deps: Partial<BotDeps> = {}, respond?: BotApiMockOptions["respond"]) {
  mock = await startBotApiMock({ token: TOKEN, ...(respond ? { respond } : {}) });
  const bot = createBot(TOKEN, {
    kb,
    adminIds: new Set([ADMIN_ID]),
    logger: silentLogger,
    maxUploadBytes: 100_000,
    botInfo: BOT_INFO,
    apiRoot: mock.apiRoot,
    throttle: false,
    progressIntervalMs: 0,
    ...deps,
  });
  return { bot, api: mock };
}

const textOf = (call: MockCall | undefined): string => String(call?.payload.text ?? "");
const calls = (api: BotApiMock, method: string): MockCall[] => api.calls.filter((c) => c.method === method);
const messageId = (call: MockCall | undefined): number => {
  if (!call) throw new Error("no such message");
  return (call.result as { message_id: number }).message_id;
};
/** A message's inline keyboard as sent, row by row (an empty row too). */
const keyboardRows = (call: MockCall | undefined): { text: string; callback_data: string }[][] =>
  (call?.payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard ?? [];
/** The [Remove] and [Cancel] buttons of a confirmation, as [text, callback data]. */
const buttons = (call: MockCall | undefined): [string, string][] =>
  keyboardRows(call)
    .flat()
    .map((b) => [b.text, b.callback_data]);
/** The callback data of the buttons for `fileName` (its key is a hash of the name). */
const keyOf = (fileName: string): string => createHash("sha256").update(fileName).digest("base64url").slice(0, 16);

/** parent/seeds is the seeds folder (CHUNK's article, forum.txt, news/bridge.md); parent/outside.txt must never be touched. */
async function seedsFolder() {
  const parent = await fs.mkdtemp(path.join(os.tmpdir(), "bot-remove-"));
  const seeds = path.join(parent, "seeds");
  await fs.mkdir(path.join(seeds, "news"), { recursive: true });
  await fs.writeFile(path.join(parent, "outside.txt"), "Outside the seeds folder.");
  await fs.writeFile(path.join(seeds, CHUNK.articleId), CHUNK.text);
  await fs.writeFile(path.join(seeds, "forum.txt"), "An article about a forum.");
  await fs.writeFile(path.join(seeds, "news", "bridge.md"), "An article about a bridge.");
  return { parent, seeds };
}

/** Every file under `dir` with its content (links as where they point), to see that nothing changed. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, { recursive: true })) {
    const full = path.join(dir, entry);
    const info = await fs.lstat(full);
    if (info.isSymbolicLink()) out[entry] = `-> ${await fs.readlink(full)}`;
    else if (info.isFile()) out[entry] = await fs.readFile(full, "utf8");
  }
  return out;
}

describe("/remove", () => {
  it("an admin removes an article after confirming it; the re-index drops it and the next question no longer cites it", async () => {
    const { seeds, config } = await makeTempSeeds();
    const kb = await createApp(config, { logger: silentLogger });
    const { bot, api } = await botOn(kb);
    const question = "Скільки вуликів налічує найбільша пасіка?";
    await bot.handleUpdate(textUpdate(question));
    expect(textOf(api.sentMessages(USER_ID).at(-1))).toContain("Бджільництво на Поділлі");

    await bot.handleUpdate(textUpdate("/remove bees.md", { fromId: ADMIN_ID }));
    const confirm = api.sentMessages(ADMIN_ID).at(-1);
    expect(textOf(confirm)).toBe(
      "Видалити цю статтю?\n<b>Бджільництво на Поділлі</b>, 1 червня 2025\nФайл: <code>bees.md</code>\nФайл буде видалено з теки статей, а переіндексація після цього прибере статтю з відповідей.",
    );
    expect(buttons(confirm)).toEqual([
      ["Видалити", `rm:${keyOf("bees.md")}:${Math.trunc((await fs.stat(path.join(seeds, "bees.md"))).mtimeMs).toString(36)}`],
      ["Скасувати", `rm:no:${keyOf("bees.md")}`],
    ]);
    for (const [, data] of buttons(confirm)) expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    // Asking deletes nothing.
    expect(await fs.readdir(seeds)).toContain("bees.md");

    await bot.handleUpdate(callbackUpdate(`rm:${keyOf("bees.md")}`, messageId(confirm), ADMIN_ID));
    expect(await fs.readdir(seeds)).not.toContain("bees.md");
    const [started] = calls(api, "editMessageText");
    expect(started?.payload).toMatchObject({ chat_id: ADMIN_ID, message_id: messageId(confirm), text: "Видалено <code>bees.md</code>. Переіндексація…" });
    expect(started?.payload.reply_markup).toBeUndefined(); // the buttons are gone
    await vi.waitFor(() => expect(textOf(calls(api, "editMessageText").at(-1))).toContain("Переіндексацію завершено"), { timeout: 20_000, interval: 50 });
    const summary = textOf(calls(api, "editMessageText").at(-1));
    expect(summary).toContain("Статей: 2");
    expect(summary).toContain("Додано: 0, змінено: 0, видалено: 1, без змін: 2");
    expect(kb.info().titles).not.toContain("Бджільництво на Поділлі");

    await bot.handleUpdate(textUpdate(question));
    const after = textOf(api.sentMessages(USER_ID).at(-1));
    expect(after).not.toContain("Бджільництво");
    expect(after).not.toContain("триста");
  });

  it("a file replaced since the confirmation was shown is not removed unseen", async () => {
    const { seeds, config } = await makeTempSeeds();
    const kb = await createApp(config, { logger: silentLogger });
    const { bot, api } = await botOn(kb);
    await bot.handleUpdate(textUpdate("/remove bees.md", { fromId: ADMIN_ID }));
    const [[, remove]] = buttons(api.sentMessages(ADMIN_ID).at(-1)) as [[string, string]];
    const later = new Date(Date.now() + 60_000);
    await fs.writeFile(path.join(seeds, "bees.md"), "# Бджоли\n\nНова стаття під тією самою назвою.");
    await fs.utimes(path.join(seeds, "bees.md"), later, later);
    await bot.handleUpdate(callbackUpdate(remove, 1, ADMIN_ID));
    expect(calls(api, "answerCallbackQuery").at(-1)?.payload).toMatchObject({ show_alert: true, text: expect.stringContaining("Файл змінився") });
    expect(await fs.readdir(seeds)).toContain("bees.md");
  });

  it("the last article is not removed: the index needs one, and the removed one would go on being served", async () => {
    const { seeds, config } = await makeTempSeeds();
    for (const name of await fs.readdir(seeds)) if (name !== "bees.md") await fs.rm(path.join(seeds, name), { recursive: true });
    const kb = await createApp(config, { logger: silentLogger });
    const { bot, api } = await botOn(kb);
    await bot.handleUpdate(textUpdate("/remove bees.md", { fromId: ADMIN_ID }));
    expect(textOf(api.sentMessages(ADMIN_ID).at(-1))).toContain("Це остання стаття");
    expect(buttons(api.sentMessages(ADMIN_ID).at(-1))).toEqual([]);
    // A confirmation asked while there were two, tapped after the other one went.
    await bot.handleUpdate(callbackUpdate(`rm:${keyOf("bees.md")}`, 1, ADMIN_ID));
    expect(calls(api, "answerCallbackQuery").at(-1)?.payload).toMatchObject({ show_alert: true, text: expect.stringContaining("Це остання стаття") });
    expect(await fs.readdir(seeds)).toEqual(["bees.md"]);
    // An empty file is no article: it does not count as one left.
    await fs.writeFile(path.join(seeds, "empty.txt"), "");
    await bot.handleUpdate(textUpdate("/remove bees.md", { fromId: ADMIN_ID }));
    expect(textOf(api.sentMessages(ADMIN_ID).at(-1))).toContain("Це остання стаття");
  });

  it("two admins removing the last two articles at once: one is removed, the other is refused as the last", async () => {
    const { seeds, config } = await makeTempSeeds();
    const [keep, ...others] = (await fs.readdir(seeds)).sort();
    for (const name of others.slice(1)) await fs.rm(path.join(seeds, name), { recursive: true });
    const pair: [string, string] = [keep!, others[0]!];
    const kb = await createApp(config, { logger: silentLogger });
    const other = ADMIN_ID + 1;
    const { bot, api } = await botOn(kb, { adminIds: new Set([ADMIN_ID, other]) });
    await Promise.all([
      bot.handleUpdate(callbackUpdate(`rm:${keyOf(pair[0])}`, 1, ADMIN_ID)),
      bot.handleUpdate(callbackUpdate(`rm:${keyOf(pair[1])}`, 1, other)),
    ]);
    expect((await fs.readdir(seeds)).filter((n) => pair.includes(n))).toHaveLength(1);
    const alerts = calls(api, "answerCallbackQuery").filter((c) => String(c.payload.text ?? "").includes("Це остання стаття"));
    expect(alerts).toHaveLength(1);
  });

  it("a tap Telegram no longer accepts, on a confirmation it cannot edit, still re-indexes: the status goes to a new message", async () => {
    const { seeds, config } = await makeTempSeeds();
    const kb = await createApp(config, { logger: silentLogger });
    const tooOld = { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" } };
    const cannotEdit = { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: message can't be edited" } };
    const { bot, api } = await botOn(kb, {}, (method) => (method === "answerCallbackQuery" ? tooOld : method === "editMessageText" ? cannotEdit : undefined));
    await bot.handleUpdate(callbackUpdate(`rm:${keyOf("bees.md")}`, 1, ADMIN_ID));
    expect(await fs.readdir(seeds)).not.toContain("bees.md");
    await vi.waitFor(() => expect(textOf(api.sentMessages(ADMIN_ID).at(-1))).toContain("Переіндексацію завершено"), { timeout: 20_000, interval: 50 });
    expect(kb.info().titles).not.toContain("Бджільництво на Поділлі");
  });

  it("picking a file and [Cancel], tapped too late for Telegram to acknowledge ('query is too old'), still edit the message", async () => {
    const { seeds } = await seedsFolder();
    const kb = new FakeKb(seeds);
    const tooOld = { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" } };
    const { bot, api } = await botOn(kb, {}, (method) => (method === "answerCallbackQuery" ? tooOld : undefined));
    await bot.handleUpdate(textUpdate("/remove news", { fromId: ADMIN_ID }));
    const listing = api.sentMessages(ADMIN_ID).at(-1);
    await bot.handleUpdate(callbackUpdate(`rm:ask:${keyOf("news/bridge.md")}`, messageId(listing), ADMIN_ID));
    expect(textOf(calls(api, "editMessageText").at(-1))).toMatch(/^Видалити цю статтю\?\n/);
    await bot.handleUpdate(callbackUpdate(`rm:no:${keyOf("news/bridge.md")}`, messageId(listing), ADMIN_ID));
    expect(textOf(calls(api, "editMessageText").at(-1))).toBe("Скасовано: <code>news/bridge.md</code> лишається, нічого не змінено.");
    expect(calls(api, "editMessageText")).toHaveLength(2);
    expect(kb.removed).toEqual([]);
  });

  it("a refusal on a tap too late for Telegram ('query is too old') is one info line, no failed update with its stack and no apology", async () => {
    const { seeds } = await seedsFolder();
    const { logger, records: lines } = recordingLogger();
    const tooOld = { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" } };
    const notices: unknown[] = [];
    const { bot } = await botOn(new FakeKb(seeds), { logger }, (method, payload) => {
      if (method !== "answerCallbackQuery") return undefined;
      notices.push(payload.text);
      return tooOld;
    });
    await bot.handleUpdate(callbackUpdate(`rm:${keyOf("gone.md")}`, 1, ADMIN_ID));
    await bot.handleUpdate(callbackUpdate(`rm:${keyOf("forum.txt")}`, 1, USER_ID));
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [30, "refusing a removal tap: the tap could not be acknowledged; going on anyway"],
      [30, "refusing a removal tap: the tap could not be acknowledged; going on anyway"],
    ]);
    expect(notices).toEqual(["Цього файлу вже немає; нічого не змінено.", "Вибачте, це можуть лише адміністратори бота."]); // no apology after them
    expect(await fs.readdir(seeds)).toContain("forum.txt");
  });

  it("[Cancel] says nothing changed, and changes nothing; a second tap on a confirmation finds the file gone", async () => {
    const { seeds } = await seedsFolder();
    const kb = new FakeKb(seeds);
    const { bot, api } = await botOn(kb);
    await bot.handleUpdate(textUpdate("/remove forum.txt", { fromId: ADMIN_ID, languageCode: "en" }));
    const confirm = api.sentMessages(ADMIN_ID).at(-1);
    expect(textOf(confirm)).toContain("Remove this article?\n<i>(not in the index)</i>\nFile: <code>forum.txt</code>");
    expect(buttons(confirm).map(([text]) => text)).toEqual(["Remove", "Cancel"]);

    const before = await snapshot(seeds);
    await bot.handleUpdate(callbackUpdate(`rm:no:${keyOf("forum.txt")}`, messageId(confirm), ADMIN_ID));
    expect(calls(api, "editMessageText").map((c) => c.payload)).toEqual([
      { chat_id: ADMIN_ID, message_id: messageId(confirm), text: "Скасовано: <code>forum.txt</code> лишається, нічого не змінено.", parse_mode: "HTML" },
    ]);
    expect(await snapshot(seeds)).toEqual(before);
    expect(kb.removed).toEqual([]);
    expect(kb.reindexCalls).toBe(0);

    // Removed after all (a second confirmation), then a late tap on the first one's [Remove].
    await bot.handleUpdate(textUpdate("/remove forum.txt", { fromId: ADMIN_ID }));
    await bot.handleUpdate(callbackUpdate(`rm:${keyOf("forum.txt")}`, messageId(api.sentMessages(ADMIN_ID).at(-1)), ADMIN_ID));
    await vi.waitFor(() => expect(textOf(calls(api, "editMessageText").at(-1))).toContain("Переіндексацію завершено"));
    const edits = calls(api, "editMessageText").length;
    await bot.handleUpdate(callbackUpdate(`rm:${keyOf("forum.txt")}`, messageId(confirm), ADMIN_ID));
    expect(calls(api, "answerCallbackQuery").at(-1)?.payload).toMatchObject({ text: "Цього файлу вже немає; нічого не змінено.", show_alert: true });
    expect(calls(api, "editMessageText")).toHaveLength(edits);
    expect(kb.removed).toEqual(["forum.txt"]);
    expect(kb.reindexCalls).toBe(1);
  });

  it("a non-admin's /remove, and a non-admin tapping [Remove], change nothing; in a group it is private-only", async () => {
    const { seeds } = await seedsFolder();
    const kb = new FakeKb(seeds);
    const { bot, api } = await botOn(kb);
    const before = await snapshot(seeds);
    await bot.handleUpdate(textUpdate("/remove forum.txt", { fromId: USER_ID }));
    await bot.handleUpdate(textUpdate("/remove", { fromId: USER_ID, languageCode: "en" }));
    expect(api.sentMessages(USER_ID).map(textOf)).toEqual(["Вибачте, це можуть лише адміністратори бота.", "Sorry, only the bot's administrators can do this."]);
    // The admin's button, tapped by someone else (forged: they never see it).
    await bot.handleUpdate(callbackUpdate(`rm:${keyOf("forum.txt")}`, 5, USER_ID));
    expect(calls(api, "answerCallbackQuery").at(-1)?.payload).toMatchObject({ text: "Вибачте, це можуть лише адміністратори бота.", show_alert: true });
    await bot.handleUpdate(textUpdate("/remove forum.txt", { fromId: ADMIN_ID, chat: "group", languageCode: "en" }));
    await bot.handleUpdate(textUpdate("/remove@articles_test_bot forum.txt", { fromId: USER_ID, chat: "supergroup", languageCode: "en" }));
    expect(api.sentMessages(-100500).map(textOf)).toEqual(["Please send this command to me in a private chat.", "Sorry, only the bot's administrators can do this."]);
    expect(await snapshot(seeds)).toEqual(before);
    expect(kb.removed).toEqual([]);
    expect(kb.reindexCalls).toBe(0);
    expect(calls(api, "editMessageText")).toEqual([]);
  });

  it("refuses names that lead out of the seeds folder, hidden files and symlinks; nothing anywhere changes", async () => {
    const { parent, seeds } = await seedsFolder();
    await fs.writeFile(path.join(seeds, ".hidden.txt"), "A hidden file.");
    await fs.symlink("forum.txt", path.join(seeds, "alias.txt"));
    await fs.symlink(path.join(parent, "outside.txt"), path.join(seeds, "out.txt"));
    await fs.symlink("news", path.join(seeds, "mirror"));
    const kb = new FakeKb(seeds);
    const { bot, api } = await botOn(kb, { commandRateLimit: { burst: 20, refillMs: 1_000 } });
    const before = await snapshot(parent);
    const names = ["../../etc/passwd", "../outside.txt", "news/../../outside.txt", path.join(parent, "outside.txt"), ".hidden.txt", "alias.txt", "out.txt", "mirror/bridge.md", "x".repeat(5_000)];
    for (const name of names) await bot.handleUpdate(textUpdate(`/remove ${name}`, { fromId: ADMIN_ID }));
    const replies = api.sentMessages(ADMIN_ID);
    expect(replies).toHaveLength(names.length);
    for (const [i, reply] of replies.entries()) {
      expect(textOf(reply), names[i]).toMatch(/^Немає файлу статті <code>.*<\/code>, який я можу видалити\./);
      // The listing's buttons offer removable files only.
      for (const [text, data] of buttons(reply)) {
        expect(["000_eb2b5d22429fdfa6.txt", "forum.txt", "news/bridge.md"], names[i]).toContain(text);
        expect(data).toBe(`rm:ask:${keyOf(text)}`);
      }
      expect(textOf(reply).length).toBeLessThan(4096);
    }
    // Buttons made up for them find nothing to remove either.
    for (const name of ["alias.txt", "out.txt", "../outside.txt", ".hidden.txt"]) {
      for (const data of [`rm:${keyOf(name)}`, `rm:ask:${keyOf(name)}`]) {
        await bot.handleUpdate(callbackUpdate(data, 5, ADMIN_ID));
        expect(calls(api, "answerCallbackQuery").at(-1)?.payload).toMatchObject({ text: "Цього файлу вже немає; нічого не змінено.", show_alert: true });
      }
    }
    expect(await snapshot(parent)).toEqual(before);
    expect(kb.removed).toEqual([]);
    expect(kb.reindexCalls).toBe(0);
  });

  it("without a file: how to use it and the newest names (at most 10), else the names containing the argument, escaped", async () => {
    const { seeds } = await seedsFolder();
    const old = new Date("2025-01-01T00:00:00Z");
    for (const name of await fs.readdir(seeds, { recursive: true })) await fs.utimes(path.join(seeds, name), old, old);
    for (let i = 1; i <= 11; i++) {
      const file = path.join(seeds, `batch${String(i).padStart(2, "0")}.txt`);
      await fs.writeFile(file, "Text.");
      await fs.utimes(file, new Date(Date.UTC(2026, 0, i)), new Date(Date.UTC(2026, 0, i)));
    }
    await fs.writeFile(path.join(seeds, "a<b>&.txt"), "Text.");
    const kb = new FakeKb(seeds);
    const { bot, api } = await botOn(kb);

    await bot.handleUpdate(textUpdate("/remove", { fromId: ADMIN_ID }));
    const usage = textOf(api.sentMessages(ADMIN_ID)[0]);
    expect(usage).toMatch(/^Щоб видалити статтю, надішліть <code>\/remove файл<\/code>/);
    expect(usage).toContain("Файли статей, змінені найпізніше:\n• <code>a&lt;b&gt;&amp;.txt</code>\n• <code>batch11.txt</code>\n• <code>batch10.txt</code>");
    expect(usage.match(/^• /gm)).toHaveLength(10);
    expect(usage).not.toContain("forum.txt");
    expect(tagsBalanced(usage)).toBe(true);

    await bot.handleUpdate(textUpdate("/remove FORUM", { fromId: ADMIN_ID, languageCode: "en" }));
    await bot.handleUpdate(textUpdate("/remove 000_", { fromId: ADMIN_ID, languageCode: "en" }));
    const [, forum = "", titled = ""] = api.sentMessages(ADMIN_ID).map(textOf);
    expect(forum).toMatch(/^There is no article file <code>FORUM<\/code> that I can remove\.\nTo remove an article/);
    expect(forum).toContain("Files with <code>FORUM</code> in the name:\n• <code>forum.txt</code>");
    expect(forum.match(/^• /gm)).toHaveLength(1);
    expect(titled).toContain(`• <code>${CHUNK.articleId}</code> — Форум B5+1 &lt;b&gt;&amp; партнери`);
    expect(tagsBalanced(titled)).toBe(true);

    // A name written on macOS (NFD) is found by a part typed in Telegram (NFC); a name too long
    // to be removed by /remove is not offered.
    await fs.writeFile(path.join(seeds, "Київ новини.md".normalize("NFD")), "Text.");
    const deep = path.join(seeds, "d".repeat(200), `${"e".repeat(110)}.txt`);
    await fs.mkdir(path.dirname(deep));
    await fs.writeFile(deep, "Text.");
    await bot.handleUpdate(textUpdate("/remove Київ", { fromId: ADMIN_ID, languageCode: "en" }));
    const kyiv = textOf(api.sentMessages(ADMIN_ID).at(-1));
    expect(kyiv).toContain("Files with <code>Київ</code> in the name:\n• <code>");
    expect(kyiv.match(/^• /gm)).toHaveLength(1);
    await bot.handleUpdate(textUpdate("/remove eeee", { fromId: ADMIN_ID, languageCode: "en" }));
    expect(textOf(api.sentMessages(ADMIN_ID).at(-1))).not.toContain("eeee.txt");
  });

  it("a file picked from the listing's buttons is asked about as /remove <file> asks; the last article is not offered for removal", async () => {
    const { seeds } = await seedsFolder();
    const kb = new FakeKb(seeds);
    const { bot, api } = await botOn(kb);
    await bot.handleUpdate(textUpdate("/remove news", { fromId: ADMIN_ID }));
    const listing = api.sentMessages(ADMIN_ID).at(-1);
    expect(buttons(listing)).toEqual([["news/bridge.md", `rm:ask:${keyOf("news/bridge.md")}`]]);
    expect(keyboardRows(listing)).toHaveLength(1); // no empty row after it

    // Only the admin who asked, in their chat, may pick.
    await bot.handleUpdate(callbackUpdate(`rm:ask:${keyOf("news/bridge.md")}`, messageId(listing), USER_ID));
    expect(calls(api, "editMessageText")).toEqual([]);

    await bot.handleUpdate(callbackUpdate(`rm:ask:${keyOf("news/bridge.md")}`, messageId(listing), ADMIN_ID));
    const [picked] = calls(api, "editMessageText");
    expect(picked?.payload).toMatchObject({ chat_id: ADMIN_ID, message_id: messageId(listing) });
    expect(textOf(picked)).toMatch(/^Видалити цю статтю\?\n/);
    expect(textOf(picked)).toContain("Файл: <code>news/bridge.md</code>");
    const version = Math.trunc((await fs.stat(path.join(seeds, "news/bridge.md"))).mtimeMs).toString(36);
    expect(buttons(picked)).toEqual([
      ["Видалити", `rm:${keyOf("news/bridge.md")}:${version}`],
      ["Скасувати", `rm:no:${keyOf("news/bridge.md")}`],
    ]);
    expect(kb.removed).toEqual([]); // picking removes nothing

    // The one indexed article (the fake's only titled file): picking it says why it stays.
    await bot.handleUpdate(callbackUpdate(`rm:ask:${keyOf(CHUNK.articleId)}`, messageId(listing), ADMIN_ID));
    expect(textOf(calls(api, "editMessageText").at(-1))).toMatch(/^Це остання стаття/);
    expect(buttons(calls(api, "editMessageText").at(-1))).toEqual([]);
  });

  it("the listing's buttons are the files its text names, in its order, a row each with no empty row after them", async () => {
    const { seeds } = await seedsFolder();
    const old = new Date("2025-01-01T00:00:00Z");
    for (const name of await fs.readdir(seeds, { recursive: true })) await fs.utimes(path.join(seeds, name), old, old);
    // Nine names near the 300-character limit, newest first, then a short one: the text has room
    // for eight of the long ones, skips the ninth and still names the short one after it.
    const dir = path.join("long", "x".repeat(140));
    await fs.mkdir(path.join(seeds, dir), { recursive: true });
    const names = [...Array.from({ length: 9 }, (_, i) => path.join(dir, `${"y".repeat(145)}-${i + 1}.txt`)), "short.txt"];
    for (const [i, name] of names.entries()) {
      await fs.writeFile(path.join(seeds, name), "Text.");
      await fs.utimes(path.join(seeds, name), new Date(Date.UTC(2026, 0, 20 - i)), new Date(Date.UTC(2026, 0, 20 - i)));
    }
    const { bot, api } = await botOn(new FakeKb(seeds));
    await bot.handleUpdate(textUpdate("/remove", { fromId: ADMIN_ID }));
    const listing = api.sentMessages(ADMIN_ID).at(-1);
    const named = [...textOf(listing).matchAll(/^• <code>([^<]*)<\/code>/gm)].map((m) => m[1]);
    expect(named).toEqual([...names.slice(0, 8), "short.txt"]);
    expect(keyboardRows(listing).map((row) => row.map((b) => b.callback_data))).toEqual(named.map((name) => [`rm:ask:${keyOf(name ?? "")}`]));

    // Nothing to list: no keyboard at all, not an empty one.
    await fs.rm(seeds, { recursive: true });
    await fs.mkdir(seeds);
    await bot.handleUpdate(textUpdate("/remove", { fromId: ADMIN_ID }));
    expect(textOf(api.sentMessages(ADMIN_ID).at(-1))).toContain("У теці статей немає файлів");
    expect(api.sentMessages(ADMIN_ID).at(-1)?.payload.reply_markup).toBeUndefined();
  });

  it("the buttons of long names that share their first 60 characters still tell them apart: the middle is cut, the end kept", async () => {
    const { seeds } = await seedsFolder();
    const names = ["part 1", "part 2"].map((part) => `news/${"Форум B5+1 у Бішкеку: американські компанії та інвестиції, "}${part}.md`);
    for (const name of names) await fs.writeFile(path.join(seeds, name), "Text.");
    const { bot, api } = await botOn(new FakeKb(seeds));
    await bot.handleUpdate(textUpdate("/remove Бішкеку", { fromId: ADMIN_ID }));
    const labels = new Map(buttons(api.sentMessages(ADMIN_ID).at(-1)).map(([label, data]) => [data, label]));
    const [first = "", second = ""] = names.map((name) => labels.get(`rm:ask:${keyOf(name)}`) ?? "");
    expect(first).toMatch(/^news\/Форум B5\+1 .*….* part 1\.md$/);
    expect(second).toMatch(/ part 2\.md$/);
    for (const label of [first, second]) expect(Array.from(label)).toHaveLength(60);
  });

  it("indexes a removal as it does an upload: after the running build, or left for /reindex when another process builds", async () => {
    const { seeds } = await seedsFolder();
    const kb = new FakeKb(seeds);
    const { bot, api } = await botOn(kb);
    kb.holdReindex = true;
    await bot.handleUpdate(textUpdate("/reindex", { fromId: ADMIN_ID }));
    await vi.waitFor(() => expect(kb.releaseReindex).toBeDefined());
    await bot.handleUpdate(textUpdate("/remove forum.txt", { fromId: ADMIN_ID }));
    await bot.handleUpdate(callbackUpdate(`rm:${keyOf("forum.txt")}`, messageId(api.sentMessages(ADMIN_ID).at(-1)), ADMIN_ID));
    expect(textOf(calls(api, "editMessageText").at(-1))).toBe("Видалено <code>forum.txt</code>. Зараз триває переіндексація; оновлю індекс одразу після неї.");
    const first = kb.releaseReindex;
    first?.();
    await vi.waitFor(() => expect(kb.releaseReindex).not.toBe(first));
    expect(textOf(api.sentMessages(ADMIN_ID).at(-1))).toBe("Переіндексація після змін у файлах: видалено <code>forum.txt</code>…");
    kb.releaseReindex?.();
    await vi.waitFor(() => expect(kb.isReindexing()).toBe(false));
    expect(kb.reindexCalls).toBe(2);

    kb.reindexingElsewhere = true;
    await bot.handleUpdate(textUpdate("/remove news/bridge.md", { fromId: ADMIN_ID }));
    await bot.handleUpdate(callbackUpdate(`rm:${keyOf("news/bridge.md")}`, messageId(api.sentMessages(ADMIN_ID).at(-1)), ADMIN_ID));
    expect(textOf(calls(api, "editMessageText").at(-1))).toBe(
      "Видалено <code>news/bridge.md</code>. Переіндексація вже триває і може цього не врахувати; надішліть /reindex, коли вона завершиться, щоб оновити індекс.",
    );
    expect(kb.removed).toEqual(["forum.txt", "news/bridge.md"]);
    expect(kb.reindexCalls).toBe(2);
  });

  it("/help lists /remove for admins in a private chat only", async () => {
    const { bot, api } = await botOn(new FakeKb());
    await bot.handleUpdate(textUpdate("/help", { fromId: ADMIN_ID }));
    await bot.handleUpdate(textUpdate("/help", { fromId: USER_ID }));
    expect(textOf(api.sentMessages(ADMIN_ID)[0])).toContain("/remove <i>файл</i>: видалити статтю (я перепитаю)");
    expect(textOf(api.sentMessages(USER_ID)[0])).not.toContain("/remove");
  });
});
