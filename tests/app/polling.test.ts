// Polling asks Telegram only for the update types in ALLOWED_UPDATES, and Telegram (here the
// local mock, which drops the others as Telegram does) never delivers the rest: every kind of
// update a feature handles must be on that list, or the feature is dead in production (edited
// questions were: `edited_message` was missing).
import { afterEach, describe, expect, it, vi } from "vitest";
import { startPolling } from "../../src/app/polling.js";
import { createBot } from "../../src/bot/create-bot.js";
import { openUpdateIntake } from "../../src/bot/update-intake.js";
import { silentLogger } from "../../src/shared/logger.js";
import { MemoryUpdateLog } from "../../src/state/memory-bot-state.js";
import { type BotApiMock, startBotApiMock } from "../helpers/bot-api-mock.js";
import { BOT_INFO, FakeKb, USER_ID } from "../bot/harness.js";

const TOKEN = "123:POLLING";
let api: BotApiMock | undefined;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  await api?.close();
  api = stop = undefined;
});

describe("polling", () => {
  it("receives a message, a button tap and an inline query, and answers each", async () => {
    api = await startBotApiMock({ token: TOKEN });
    const bot = createBot(TOKEN, { kb: new FakeKb(), adminIds: new Set(), logger: silentLogger, maxUploadBytes: 1024, botInfo: BOT_INFO, apiRoot: api.apiRoot });
    const intake = await openUpdateIntake(bot, new MemoryUpdateLog(), silentLogger);
    stop = await startPolling(bot, intake, silentLogger);

    const from = { id: USER_ID, is_bot: false, first_name: "U" };
    api.pushText(USER_ID, "Хто такий Серджіо Гор?");
    api.push({ callback_query: { id: "cb1", from, chat_instance: "1", data: "v:+", message: { message_id: 5, date: 0, chat: { id: USER_ID, type: "private", first_name: "U" }, text: "…" } } });
    api.push({ inline_query: { id: "iq1", from, query: "Хто такий Серджіо Гор?", offset: "" } });

    await vi.waitFor(() => expect(api!.calls.map((c) => c.method)).toEqual(expect.arrayContaining(["sendMessage", "answerCallbackQuery", "answerInlineQuery"])), { timeout: 10_000, interval: 50 });
    expect(api.calls.find((c) => c.method === "answerInlineQuery")?.payload.inline_query_id).toBe("iq1");
  });

  it("receives an edited question and answers it again by editing the answer", async () => {
    api = await startBotApiMock({ token: TOKEN });
    const kb = new FakeKb();
    const bot = createBot(TOKEN, { kb, adminIds: new Set(), logger: silentLogger, maxUploadBytes: 1024, botInfo: BOT_INFO, apiRoot: api.apiRoot });
    const intake = await openUpdateIntake(bot, new MemoryUpdateLog(), silentLogger);
    stop = await startPolling(bot, intake, silentLogger);

    const question = api.pushText(USER_ID, "Хто такий Серджо Гор?");
    await vi.waitFor(() => expect(api!.sentMessages(USER_ID)).toHaveLength(1), { timeout: 10_000, interval: 50 });
    api.pushEdit(question, "Хто такий Серджіо Гор?");
    await vi.waitFor(() => expect(api!.calls.map((c) => c.method)).toContain("editMessageText"), { timeout: 10_000, interval: 50 });
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Серджо Гор?", "Хто такий Серджіо Гор?"]);
  });
});
