// Source buttons tapped in a group, where the passage is posted for everyone: against the local
// Bot API mock, the answer's own button data and message id.
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { silentLogger } from "../../src/shared/logger.js";
import { type BotApiMock, startBotApiMock } from "../helpers/bot-api-mock.js";
import { BOT_INFO, FakeKb, textUpdate, USER_ID } from "./harness.js";

const TOKEN = "123:TAPS";
const GROUP = -100500; // the harness's group

let mock: BotApiMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

let clock = 1_000_000;
let updateId = 700_000;

async function botOnMock() {
  mock = await startBotApiMock({ token: TOKEN });
  const bot = createBot(TOKEN, { kb: new FakeKb(), adminIds: new Set(), logger: silentLogger, maxUploadBytes: 1024, botInfo: BOT_INFO, apiRoot: mock.apiRoot, throttle: false, now: () => clock });
  return { bot, mock };
}

/** Asks in `chat`; returns the answer's message id and its first source button's data. */
async function ask(bot: Awaited<ReturnType<typeof botOnMock>>["bot"], api: BotApiMock, chat: "group" | "private"): Promise<{ answerId: number; data: string }> {
  await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat }));
  const last = api.sentMessages().at(-1)!;
  const markup = last.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] };
  return { answerId: (last.result as { message_id: number }).message_id, data: markup.inline_keyboard[0]![0]!.callback_data };
}

function tap(data: string, answerId: number, chat: "group" | "private", from: { id: number; language_code?: string }): Update {
  const chatObject = chat === "group" ? { id: GROUP, type: "group", title: "G" } : { id: from.id, type: "private", first_name: "U" };
  return {
    update_id: updateId++,
    callback_query: {
      id: `cb${updateId}`,
      chat_instance: "ci",
      from: { is_bot: false, first_name: "U", ...from },
      data,
      message: { message_id: answerId, date: 0, chat: chatObject, from: { id: BOT_INFO.id, is_bot: true, first_name: "Articles" }, text: "answer" },
    },
  } as unknown as Update;
}

/** The passages posted: messages under the answer that start with a source's header ("1 · title"). */
const passages = (api: BotApiMock, answerId: number) =>
  api.sentMessages().filter((c) => String(c.payload.text).startsWith("<b>1 · ") && (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id === answerId);
const toasts = (api: BotApiMock) => api.calls.filter((c) => c.method === "answerCallbackQuery").map((c) => c.payload.text);

describe("source buttons in a group", () => {
  it("one post per answer and source: a member's triple tap and another member's tap get a toast in their language", async () => {
    const { bot, mock: api } = await botOnMock();
    const { answerId, data } = await ask(bot, api, "group");
    // Three taps within a second by one member, handled as they come.
    await Promise.all([0, 1, 2].map(() => bot.handleUpdate(tap(data, answerId, "group", { id: USER_ID, language_code: "uk" }))));
    await bot.handleUpdate(tap(data, answerId, "group", { id: 8, language_code: "en" }));
    expect(passages(api, answerId)).toHaveLength(1);
    expect(toasts(api)).toEqual([undefined, "Уривок уже вище ↑", "Уривок уже вище ↑", "The passage is already above ↑"]);
  });

  it("two members tapping the same button at once: one post, the other gets a toast", async () => {
    const { bot, mock: api } = await botOnMock();
    const { answerId, data } = await ask(bot, api, "group");
    await Promise.all([USER_ID, 8].map((id) => bot.handleUpdate(tap(data, answerId, "group", { id, language_code: "uk" }))));
    expect(passages(api, answerId)).toHaveLength(1);
    expect(toasts(api)).toEqual([undefined, "Уривок уже вище ↑"]);
  });

  it("the same source under another answer is posted, and the same one again after 10 minutes", async () => {
    const { bot, mock: api } = await botOnMock();
    const first = await ask(bot, api, "group");
    const second = await ask(bot, api, "group");
    await bot.handleUpdate(tap(first.data, first.answerId, "group", { id: USER_ID }));
    await bot.handleUpdate(tap(second.data, second.answerId, "group", { id: USER_ID }));
    expect(passages(api, first.answerId)).toHaveLength(1);
    expect(passages(api, second.answerId)).toHaveLength(1);
    clock += 10 * 60 * 1000 + 1;
    await bot.handleUpdate(tap(first.data, first.answerId, "group", { id: 8 }));
    expect(passages(api, first.answerId)).toHaveLength(2);
  });

  it("a private chat is as before: every tap shows the passage", async () => {
    const { bot, mock: api } = await botOnMock();
    const { answerId, data } = await ask(bot, api, "private");
    await bot.handleUpdate(tap(data, answerId, "private", { id: USER_ID }));
    await bot.handleUpdate(tap(data, answerId, "private", { id: USER_ID }));
    expect(passages(api, answerId)).toHaveLength(2);
  });
});
