// Forum supergroups (a group with topics, as newsrooms often run their chats): whatever the bot
// sends because of something in a topic lands in that topic; the General topic has no thread id;
// a topic closed or deleted costs one log line, never an apology sent into it.
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import type { BotDeps } from "../../src/bot/bot-deps.js";
import { createBot } from "../../src/bot/create-bot.js";
import { VOTE_DOWN, VOTE_UP } from "../../src/bot/features/feedback.js";
import { passageCallbackData, passageHash } from "../../src/bot/passage-keys.js";
import type { Answer, AskOptions } from "../../src/knowledge-base/knowledge-base.js";
import { createLogger } from "../../src/shared/logger.js";
import { type BotApiMock, type BotApiMockOptions, startBotApiMock } from "../helpers/bot-api-mock.js";
import { answer, BOT_INFO, CHUNK, FakeKb, makeBot } from "./harness.js";
import { commandEntities } from "../helpers/command-entities.js";

const FORUM = { id: -1001234567, type: "supergroup", title: "Newsroom", is_forum: true };
const TOPIC = 55;
const USER = { id: 7, is_bot: false, first_name: "U" };
// Telegram gives a topic's message that replies to nothing the topic's first (service) message as its reply.
const TOPIC_ROOT = { message_id: TOPIC, date: 0, chat: FORUM, from: { id: 8, is_bot: false, first_name: "C" }, message_thread_id: TOPIC, is_topic_message: true, forum_topic_created: { name: "Politics", icon_color: 1 } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let updateId = 7_000_000;
let messageId = 70_000;

/** A message of user 7 in the topic (`extra` overrides, e.g. another reply). */
function inTopic(text: string, extra: Record<string, unknown> = {}): Update {
  return {
    update_id: updateId++,
    message: { message_id: messageId++, date: 0, chat: FORUM, from: USER, text, message_thread_id: TOPIC, is_topic_message: true, reply_to_message: TOPIC_ROOT, ...commandEntities(text), ...extra },
  } as unknown as Update;
}

/** One of the bot's answers in the topic, as a reply or a button's callback shows it. */
const answerInTopic = (id: number, thread: Record<string, unknown> = { message_thread_id: TOPIC, is_topic_message: true }) => ({
  message_id: id,
  date: 0,
  chat: FORUM,
  from: { id: BOT_INFO.id, is_bot: true, first_name: "Articles" },
  text: "Серджіо Гор – спеціальний посланець США [1].",
  ...thread,
  reply_markup: { inline_keyboard: [[{ text: "👍", callback_data: VOTE_UP }, { text: "👎", callback_data: VOTE_DOWN }]] },
});

const ROOMY = { groupRateLimit: { burst: 100, refillMs: 1_000 }, rateLimit: { burst: 100, refillMs: 1_000 }, commandRateLimit: { burst: 100, refillMs: 1_000 } };

describe("in a forum topic", () => {
  it("answers, hints, /help, /latest, refusals, long and streamed answers, follow-ups, edits and passages all go to the topic", async () => {
    const { bot, kb, calls } = makeBot({ ...ROOMY, streamTiming: { draftIntervalMs: 10, editIntervalMs: 20 } });
    const inputs = ["/ask Хто такий Гор?", "@articles_test_bot Хто такий Гор?", "@articles_test_bot", "/ask", "/help", "/latest", "/stats@articles_test_bot", "/foo@articles_test_bot"];
    for (const text of inputs) await bot.handleUpdate(inTopic(text));
    await bot.handleUpdate(inTopic("а хто його призначив?", { reply_to_message: answerInTopic(1001) }));
    kb.reply = async () => answer({ answer: `Гор [1]. ${"дуже довгий текст ".repeat(400)}` });
    const long = inTopic("/ask Хто такий Гор?");
    await bot.handleUpdate(long);
    await bot.handleUpdate({ update_id: updateId++, edited_message: { ...(long as { message: object }).message, text: "/ask Хто такий Серджіо Гор?", edit_date: 1 } } as unknown as Update);
    kb.reply = async (_q: string, options?: AskOptions): Promise<Answer> => {
      options?.onDraft?.("Серджіо");
      await sleep(40);
      options?.onDraft?.("Серджіо Гор");
      await sleep(40);
      return answer();
    };
    await bot.handleUpdate(inTopic("/ask Хто такий Гор?"));
    const data = await passageCallbackData(bot.state, { n: 1, chunkId: CHUNK.id, hash: passageHash(CHUNK.text) });
    await bot.handleUpdate({ update_id: updateId++, callback_query: { id: "q", chat_instance: "ci", from: USER, data, message: answerInTopic(1001) } } as unknown as Update);

    const posted = calls.filter((c) => c.method === "sendMessage" || c.method === "sendChatAction");
    // Every input above got something (the test is not blind), and all of it in the topic.
    expect(posted.filter((c) => c.method === "sendMessage").length).toBeGreaterThanOrEqual(inputs.length + 7);
    expect(posted.filter((c) => c.payload.message_thread_id !== TOPIC)).toEqual([]);
    expect(calls.some((c) => c.method === "editMessageText")).toBe(true); // the streamed answer was edited in place
  });

  it("a question in the General topic is answered there, with no thread id", async () => {
    const { bot, calls } = makeBot(ROOMY);
    await bot.handleUpdate({ update_id: updateId++, message: { message_id: messageId++, date: 0, chat: FORUM, from: USER, text: "@articles_test_bot Хто такий Гор?" } } as unknown as Update);
    const posted = calls.filter((c) => c.method === "sendMessage" || c.method === "sendChatAction");
    expect(posted.map((c) => c.method)).toEqual(["sendChatAction", "sendMessage"]);
    expect(posted.filter((c) => c.payload.message_thread_id !== undefined)).toEqual([]);
  });

  it("a follow-up in the General topic shows 'typing…' there: its reply chain's id is no topic to name", async () => {
    const { bot, kb, calls } = makeBot(ROOMY);
    // Telegram gives a reply in General the id of its reply chain as message_thread_id, without is_topic_message.
    const earlier = answerInTopic(1001, {});
    await bot.handleUpdate({ update_id: updateId++, message: { message_id: messageId++, date: 0, chat: FORUM, from: USER, text: "а хто його призначив?", message_thread_id: 1001, reply_to_message: earlier } } as unknown as Update);
    expect(kb.asked).toHaveLength(1);
    const posted = calls.filter((c) => c.method === "sendMessage" || c.method === "sendChatAction");
    expect(posted.map((c) => c.method)).toEqual(["sendChatAction", "sendMessage"]);
    expect(posted.filter((c) => c.payload.message_thread_id !== undefined)).toEqual([]);
  });
});

let mock: BotApiMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function botOnMock(respond: NonNullable<BotApiMockOptions["respond"]>, deps: Partial<BotDeps> = {}) {
  const token = "123:FORUM";
  mock = await startBotApiMock({ token, respond });
  const lines: string[] = [];
  const logger = createLogger("debug", { destination: { write: (line: string) => void lines.push(line) } });
  const kb = new FakeKb();
  const bot = createBot(token, { kb, adminIds: new Set(), logger, maxUploadBytes: 1024, botInfo: BOT_INFO, apiRoot: mock.apiRoot, throttle: false, apiRetry: { baseDelayMs: 1 }, ...deps });
  const logs = () => lines.map((line) => JSON.parse(line) as { level: number; msg: string; [k: string]: unknown });
  return { bot, kb, mock, logs };
}

const badRequest = (description: string) => ({ status: 400, body: { ok: false, error_code: 400, description } });
const TOPIC_GONE_TEXT = "the forum topic is closed or deleted; nothing was sent there";

describe("a topic closed or deleted while its question is answered", () => {
  for (const description of ["Bad Request: TOPIC_CLOSED", "Bad Request: message thread not found", "Bad Request: TOPIC_DELETED"]) {
    it(`${description}: one info line naming the chat and topic, no apology tried into it, the bot answers on elsewhere`, async () => {
      const { bot, mock: api, logs } = await botOnMock((method, payload) =>
        method === "sendMessage" && payload.message_thread_id === TOPIC ? badRequest(description) : undefined,
      );
      await bot.handleUpdate(inTopic("/ask Хто такий Серджіо Гор?"));
      const lines = logs();
      expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([]); // no "update failed", no "apology not sent"
      expect(lines.map((l) => l.msg)).not.toContain("question answered");
      const told = lines.filter((l) => l.msg === TOPIC_GONE_TEXT);
      expect(told).toHaveLength(1);
      expect(told[0]).toMatchObject({ level: 30, chat: FORUM.id, topic: TOPIC, reason: description });
      expect(JSON.stringify(told[0])).not.toContain("stack");

      // The General topic is still answered.
      await bot.handleUpdate({ update_id: updateId++, message: { message_id: messageId++, date: 0, chat: FORUM, from: USER, text: "/ask Хто такий Гор?", entities: [{ type: "bot_command", offset: 0, length: 4 }] } } as unknown as Update);
      expect(api.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === FORUM.id)).toHaveLength(1);
    });
  }

  it("closed while an answer is shown as it is written: still one info line, and nothing more is tried there", async () => {
    const tried: string[] = [];
    let shown = false;
    const { bot, kb, logs } = await botOnMock(
      (method, payload) => {
        if (payload.chat_id !== FORUM.id || method === "sendChatAction") return undefined;
        tried.push(method);
        if (method === "sendMessage" && !shown) {
          shown = true;
          return undefined;
        }
        return badRequest("Bad Request: TOPIC_CLOSED");
      },
      { streamTiming: { draftIntervalMs: 30, editIntervalMs: 30 } },
    );
    kb.reply = async (_question: string, options?: AskOptions): Promise<Answer> => {
      for (let i = 0; i < 4; i++) {
        options?.onDraft?.(`Серджіо Гор ${"слово ".repeat(i + 1)}`);
        await sleep(40);
      }
      return answer();
    };
    await bot.handleUpdate(inTopic("/ask Хто такий Серджіо Гор?"));
    const lines = logs();
    expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([]);
    expect(lines.filter((l) => l.msg === TOPIC_GONE_TEXT)).toHaveLength(1);
    expect(tried).toEqual(["sendMessage", "editMessageText"]); // no removal, no final answer sent anew, no apology
  });
});

describe("a long passage tapped under an answer in a topic", () => {
  // A passage too long for one message, cited in its middle: several parts.
  const LONG = { ...CHUNK, id: "long.txt#0", text: `${"Перше речення уривка. ".repeat(250)}Серджіо Гор – посланець. ${"Останнє речення. ".repeat(300)}` };
  const ANSWER_ID = 1001;

  // Telegram places a message sent without a thread where the message it replies to is (the
  // topic), and one that replies to nothing in General; the mock answers so, and notes where each went.
  async function tapUnder(message: Record<string, unknown>, answerInGeneral = false): Promise<(number | undefined)[]> {
    const landed: { text: string; thread: number | undefined }[] = [];
    let nextId = 90_000;
    const { bot, kb } = await botOnMock((method, payload) => {
      if (method !== "sendMessage") return undefined;
      const replyTo = (payload.reply_parameters as { message_id?: number } | undefined)?.message_id;
      const thread = payload.message_thread_id !== undefined ? Number(payload.message_thread_id) : replyTo === ANSWER_ID && !answerInGeneral ? TOPIC : undefined;
      landed.push({ text: String(payload.text), thread });
      const where = thread === undefined ? {} : { message_thread_id: thread, is_topic_message: true };
      return { status: 200, body: { ok: true, result: { message_id: nextId++, date: 1, chat: FORUM, text: payload.text, ...where } } };
    });
    kb.chunks.set(LONG.id, LONG);
    const start = LONG.text.indexOf("Серджіо");
    const data = await passageCallbackData(bot.state, { n: 1, chunkId: LONG.id, hash: passageHash(LONG.text), quote: { start, end: start + 25 } });
    await bot.handleUpdate({ update_id: updateId++, callback_query: { id: "q", chat_instance: "ci", from: USER, data, message } } as unknown as Update);
    const parts = landed.filter((m) => m.text.includes("уривка") || m.text.includes("Останнє") || m.text.startsWith("<b>1 · "));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    return parts.map((m) => m.thread);
  }

  it("the answer as Telegram shows it: every part in the topic", async () => {
    expect(new Set(await tapUnder(answerInTopic(ANSWER_ID)))).toEqual(new Set([TOPIC]));
  });

  it("the answer too old for Telegram to show (an inaccessible message, date 0): every part where the first went, the topic", async () => {
    expect(new Set(await tapUnder({ message_id: ANSWER_ID, date: 0, chat: FORUM }))).toEqual(new Set([TOPIC]));
  });

  // Its reply chain's id as message_thread_id, without is_topic_message.
  it("an answer in General as Telegram shows it: every part in General", async () => {
    expect(new Set(await tapUnder(answerInTopic(ANSWER_ID, { message_thread_id: ANSWER_ID }), true))).toEqual(new Set([undefined]));
  });

  it("an answer in General no longer shown: every part in General", async () => {
    expect(new Set(await tapUnder({ message_id: ANSWER_ID, date: 0, chat: FORUM }, true))).toEqual(new Set([undefined]));
  });
});
