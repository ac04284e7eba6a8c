// Chats the bot can no longer write to (kicked from a group, blocked by a user), and a group that
// became a supergroup while its question was answered: against the local Bot API mock, so the
// 403 and the 400 with migrate_to_chat_id come back over HTTP as Telegram sends them.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { BotDeps } from "../../src/bot/bot-deps.js";
import { createBot } from "../../src/bot/create-bot.js";
import type { Answer, AskOptions } from "../../src/knowledge-base/knowledge-base.js";
import { createLogger } from "../../src/shared/logger.js";
import { type BotApiMock, type BotApiMockOptions, startBotApiMock } from "../helpers/bot-api-mock.js";
import { type HeldLlm, startHeldLlm } from "../helpers/held-llm.js";
import { answer, BOT_INFO, FakeKb, textUpdate, USER_ID } from "./harness.js";

const TOKEN = "123:GONE";
const GROUP = -100500; // the harness's group

let mock: BotApiMock | undefined;
let llm: HeldLlm | undefined;
afterEach(async () => {
  await mock?.close();
  await llm?.close();
  mock = llm = undefined;
});

async function botOnMock(respond: NonNullable<BotApiMockOptions["respond"]>, deps: Partial<BotDeps> = {}) {
  mock = await startBotApiMock({ token: TOKEN, respond });
  const lines: string[] = [];
  const logger = createLogger("debug", { destination: { write: (line: string) => void lines.push(line) } });
  const kb = new FakeKb();
  const bot = createBot(TOKEN, { kb, adminIds: new Set(), logger, maxUploadBytes: 1024, botInfo: BOT_INFO, apiRoot: mock.apiRoot, throttle: false, apiRetry: { baseDelayMs: 1 }, ...deps });
  const logs = () => lines.map((line) => JSON.parse(line) as { level: number; msg: string; [k: string]: unknown });
  return { bot, kb, mock, logs };
}

/** An answer shown as it is written: four drafts, 40 ms apart, then the answer. */
async function writtenAsItGoes(_question: string, options?: AskOptions): Promise<Answer> {
  for (let i = 0; i < 4; i++) {
    options?.onDraft?.(`Серджіо Гор ${"слово ".repeat(i + 1)}`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  return answer();
}

const forbidden = (description: string) => ({ status: 403, body: { ok: false, error_code: 403, description } });
const sends = (m: BotApiMock) => m.calls.filter((c) => c.method === "sendMessage");

describe("a chat under Telegram's flood control for longer than the bot waits", () => {
  const flooded = { status: 429, body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 400", parameters: { retry_after: 400 } } };

  it("one warning naming the chat, the call and retry_after; no apology tried into that chat", async () => {
    const tried: string[] = [];
    const { bot, logs } = await botOnMock((method, payload) => {
      if (payload.chat_id !== GROUP || method === "sendChatAction") return undefined;
      tried.push(method);
      return flooded;
    });
    await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
    expect(tried).toEqual(["sendMessage"]);
    const lines = logs().filter((l) => l.level >= 40);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, chat: GROUP, method: "sendMessage", retryAfter: 400 });
    expect(JSON.stringify(lines[0])).not.toContain("stack");
  });

  it("an answer shown as it is written: the half-written message is removed, nothing is sent anew, one warning", async () => {
    const tried: string[] = [];
    const { bot, kb, logs } = await botOnMock(
      (method, payload) => {
        if (payload.chat_id !== GROUP || method === "sendChatAction") return undefined;
        tried.push(method);
        // The first text so far is shown; then the group is held by flood control.
        return tried.length === 1 || method === "deleteMessage" ? undefined : flooded;
      },
      { streamTiming: { draftIntervalMs: 30, editIntervalMs: 30 } },
    );
    kb.reply = writtenAsItGoes;
    await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
    // The text so far once; the final answer once (a 429 to the text so far holds only the text so
    // far), refused for longer than the bot waits; then the half-written message removed.
    expect(tried).toEqual(["sendMessage", "editMessageText", "editMessageText", "deleteMessage"]);
    const lines = logs().filter((l) => l.level >= 40);
    expect(lines).toMatchObject([{ level: 40, chat: GROUP, method: "editMessageText", retryAfter: 400 }]);
  });
});

describe("a chat the bot may not write to", () => {
  it("kicked from a group: one info line naming the chat and the reason, no apology tried, no 'question answered'", async () => {
    const { bot, mock: api, logs } = await botOnMock((method, payload) =>
      method === "sendMessage" && payload.chat_id === GROUP ? forbidden("Forbidden: bot was kicked from the group chat") : undefined,
    );
    await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
    // The mock records only what it answered itself: no send reached it, the apology neither.
    expect(sends(api)).toEqual([]);
    const lines = logs();
    expect(lines.filter((l) => l.level >= 40)).toEqual([]); // no warning, no error (no "update failed", no "apology not sent")
    expect(lines.map((l) => l.msg)).not.toContain("question answered");
    const told = lines.filter((l) => l.msg === "the bot may not write to this chat; nothing was sent");
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ level: 30, chat: GROUP, reason: "Forbidden: bot was kicked from the group chat" });
    expect(JSON.stringify(told[0])).not.toContain("stack");
  });

  for (const description of ["Bad Request: not enough rights to send text messages to the chat", "Bad Request: have no rights to send a message", "Bad Request: CHAT_RESTRICTED"]) {
    it(`muted in a group (${description}): one info line, no apology tried, no 'question answered'`, async () => {
      const { bot, mock: api, logs } = await botOnMock((method, payload) =>
        method === "sendMessage" && payload.chat_id === GROUP ? { status: 400, body: { ok: false, error_code: 400, description } } : undefined,
      );
      await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
      expect(sends(api)).toEqual([]);
      const lines = logs();
      expect(lines.filter((l) => l.level >= 40)).toEqual([]);
      expect(lines.filter((l) => l.msg === "the bot may not write to this chat; nothing was sent")).toMatchObject([{ level: 30, chat: GROUP, reason: description }]);
    });
  }

  it("muted while an answer is shown as it is written: one info line, and nothing more is tried there", async () => {
    const tried: string[] = [];
    const { bot, kb, logs } = await botOnMock(
      (method, payload) => {
        if (payload.chat_id !== GROUP || method === "sendChatAction") return undefined;
        tried.push(method);
        // The first part is shown; then an admin mutes the bot.
        if (tried.length === 1) return undefined;
        return { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: not enough rights to send text messages to the chat" } };
      },
      { streamTiming: { draftIntervalMs: 30, editIntervalMs: 30 } },
    );
    kb.reply = writtenAsItGoes;
    await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
    const lines = logs();
    expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([]);
    expect(lines.filter((l) => l.msg === "the bot may not write to this chat; nothing was sent")).toHaveLength(1);
    expect(tried).toEqual(["sendMessage", "editMessageText"]); // no more edits, no removal, no answer sent anew, no apology
  });

  it("kicked from a group: /stats counts no question and lists no content gap for an answer never delivered", async () => {
    const { bot, kb } = await botOnMock((method, payload) =>
      method === "sendMessage" && payload.chat_id === GROUP ? forbidden("Forbidden: bot was kicked from the group chat") : undefined,
    );
    kb.reply = async () => answer({ notFound: true, answer: "Не знайдено." });
    await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
    expect(await bot.state.stats.snapshot(5)).toMatchObject({ questions: 0, notFound: 0, recentNotFound: [] });
    // The same question where the answer can be sent is counted (the test is not blind to counting).
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    expect(await bot.state.stats.snapshot(5)).toMatchObject({ questions: 1, notFound: 1 });
  });

  it("blocked by the user: the same, in a private chat", async () => {
    let tries = 0;
    const { bot, logs } = await botOnMock((method) => {
      if (method !== "sendMessage") return undefined;
      tries++;
      return forbidden("Forbidden: bot was blocked by the user");
    });
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    expect(tries).toBe(1); // the answer only: no apology after it
    const lines = logs();
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
    expect(lines.filter((l) => l.msg === "the bot may not write to this chat; nothing was sent")).toMatchObject([{ chat: USER_ID, reason: "Forbidden: bot was blocked by the user" }]);
  });

  it("kicked while an answer is shown as it is written: still one info line, and nothing more is tried there", async () => {
    const kicked = forbidden("Forbidden: bot was kicked from the group chat");
    let streamed = false;
    const tried: string[] = [];
    const { bot, kb, logs } = await botOnMock(
      (method, payload) => {
        if (payload.chat_id !== GROUP || method === "sendChatAction") return undefined;
        tried.push(method);
        // The first text so far is shown; then the bot is removed from the group.
        if (method === "sendMessage" && !streamed) {
          streamed = true;
          return undefined;
        }
        return kicked;
      },
      { streamTiming: { draftIntervalMs: 30, editIntervalMs: 30 } },
    );
    kb.reply = writtenAsItGoes;
    await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
    const lines = logs();
    expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([]);
    expect(lines.filter((l) => l.msg === "the bot may not write to this chat; nothing was sent")).toHaveLength(1);
    expect(tried).toEqual(["sendMessage", "editMessageText"]); // no removal, no final answer sent anew
  });

  it("blocked by the user while a draft is shown: one info line, and drafts are not given up for the other users", async () => {
    const { bot, kb, mock: api, logs } = await botOnMock(
      (method, payload) => (payload.chat_id === USER_ID && method !== "sendChatAction" ? forbidden("Forbidden: bot was blocked by the user") : undefined),
      { streamTiming: { draftIntervalMs: 30, editIntervalMs: 30 } },
    );
    kb.reply = async (_question: string, options?: AskOptions): Promise<Answer> => {
      options?.onDraft?.("Серджіо Гор");
      await new Promise((resolve) => setTimeout(resolve, 40));
      return answer();
    };
    for (let i = 0; i < 3; i++) await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    const lines = logs();
    expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([]);
    expect(lines.filter((l) => l.msg === "the bot may not write to this chat; nothing was sent")).toHaveLength(3);
    // Another user is still shown a draft.
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?", { fromId: 77 }));
    expect(api.calls.filter((c) => c.method === "sendMessageDraft" && c.payload.chat_id === 77)).not.toEqual([]);
  });

  it("blocked by the user while an LLM writes the answer: its request to the model is closed, not written to its end", async () => {
    // A model writing for minutes: a piece every second.
    llm = await startHeldLlm({ pieces: Array.from({ length: 200 }, (_, i) => `Серджіо Гор ${i} `), pieceDelayMs: 1_000 });
    llm.release();
    const { bot, logs } = await botOnMock((method, payload) => (payload.chat_id === USER_ID && method !== "sendChatAction" ? forbidden("Forbidden: bot was blocked by the user") : undefined), {
      kb: llm.kb,
    });
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    // Before: the update waited for the whole reply (200 s here), whose first draft was already refused.
    await vi.waitFor(() => expect(llm!.chats()[0]?.abandoned).toBe(true), { timeout: 10_000 });
    expect(logs().filter((l) => l.msg === "the bot may not write to this chat; nothing was sent")).toHaveLength(1);
    expect(logs().filter((l) => l.level >= 40)).toEqual([]);
    expect(llm.logs().filter((l) => l.level >= 40)).toEqual([]);
  }, 30_000);

  it("a failure that is not a 403 is still an error, apologised for", async () => {
    let tries = 0;
    const { bot, mock: api, logs } = await botOnMock((method) => {
      if (method !== "sendMessage" || tries++ > 0) return undefined;
      return { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: can't parse entities" } };
    });
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    expect(logs().map((l) => l.msg)).toContain("update failed");
    expect(sends(api).map((c) => c.payload.text)).toEqual(["Вибачте, щось пішло не так. Спробуйте ще раз пізніше."]);
  });
});

describe("a group upgraded to a supergroup while its question is answered", () => {
  const SUPERGROUP = -1009876543210;
  // What Telegram answers a send to the old group's id once it is a supergroup.
  const migrated = (method: string, payload: Record<string, unknown>) =>
    payload.chat_id === GROUP && method !== "sendChatAction"
      ? { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: group chat was upgraded to a supergroup chat", parameters: { migrate_to_chat_id: SUPERGROUP } } }
      : undefined;

  it("the answer is sent once more, to the new chat, without the reply (the old chat's message id), and that is logged", async () => {
    const { bot, mock: api, logs } = await botOnMock(migrated);
    await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
    const [sentOn, ...rest] = sends(api);
    expect(rest).toEqual([]);
    expect(sentOn?.payload.chat_id).toBe(SUPERGROUP);
    expect(sentOn?.payload.text).toContain("Серджіо Гор");
    expect(sentOn?.payload.reply_parameters).toBeUndefined();
    expect(sentOn?.payload.reply_markup).toBeDefined(); // the buttons go with it
    const lines = logs();
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
    expect(lines.filter((l) => l.msg === "the group is now a supergroup: sending to its new chat")).toMatchObject([{ level: 30, from: GROUP, to: SUPERGROUP }]);
    expect(lines.map((l) => l.msg)).toContain("question answered");
  });

  it("a reply to the answer in the new chat continues its conversation, and a vote on it lists its question", async () => {
    const { bot, kb, mock: api } = await botOnMock(migrated);
    await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
    const moved = sends(api)[0]?.result as { message_id: number; chat: { id: number } };
    expect(moved.chat.id).toBe(SUPERGROUP);
    const followUp = textUpdate("А коли він приїде?", { chat: "supergroup", replyTo: { message_id: moved.message_id, fromBot: true } });
    const message = followUp.message as unknown as { chat: { id: number }; reply_to_message: { chat: { id: number } } };
    message.chat = { ...message.chat, id: SUPERGROUP };
    message.reply_to_message.chat = message.chat;
    await bot.handleUpdate(followUp);
    expect(kb.asked.map((a) => a.options?.history?.map((t) => t.question))).toEqual([undefined, ["Хто такий Серджіо Гор?"]]);
    expect((await bot.state.feedback.vote(`${SUPERGROUP}:${moved.message_id}`, 8, -1)).listed).toBe(true);
  });

  it("an answer shown while it is written: its edits follow it to the new chat", async () => {
    const refused: string[] = [];
    const { bot, kb, mock: api } = await botOnMock(
      (method, payload) => {
        const answer = migrated(method, payload);
        if (answer) refused.push(method);
        return answer;
      },
      { streamTiming: { draftIntervalMs: 50, editIntervalMs: 50 } },
    );
    kb.reply = async (_question: string, options?: AskOptions): Promise<Answer> => {
      for (let i = 0; i < 6; i++) {
        options?.onDraft?.(`Серджіо Гор ${"слово ".repeat(i + 1)}`);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      return answer();
    };
    await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
    const posted = api.calls.filter((c) => c.method === "sendMessage" || c.method === "editMessageText");
    expect(posted.filter((c) => c.method === "sendMessage")).toHaveLength(1);
    expect(posted.filter((c) => c.method === "editMessageText").length).toBeGreaterThanOrEqual(1);
    expect(posted.every((c) => c.payload.chat_id === SUPERGROUP)).toBe(true);
    expect(String(posted.at(-1)?.payload.text)).toContain("<b>Джерела</b>");
    expect(refused).toEqual(["sendMessage"]); // only the first send went to the old chat
  });

  for (const when of ["before its answer", "while its answer is written"]) {
    it(`the bot may not write to the new chat (${when}): one info line naming it, no error, no apology tried`, async () => {
      const toNew: string[] = [];
      const { bot, kb, logs } = await botOnMock(
        (method, payload) => {
          if (payload.chat_id !== SUPERGROUP) return migrated(method, payload);
          toNew.push(method);
          // Kicked from the supergroup: at once, or once the answer's first part is shown there.
          return when === "before its answer" || toNew.length > 1 ? forbidden("Forbidden: bot was kicked from the supergroup chat") : undefined;
        },
        { streamTiming: { draftIntervalMs: 50, editIntervalMs: 50 } },
      );
      kb.reply = writtenAsItGoes;
      await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
      const lines = logs();
      expect(lines.filter((l) => l.level >= 40)).toEqual([]);
      const told = lines.filter((l) => l.msg === "the bot may not write to this chat; nothing was sent");
      expect(told).toMatchObject([{ level: 30, chat: SUPERGROUP, reason: "Forbidden: bot was kicked from the supergroup chat" }]);
      expect(JSON.stringify(told[0])).not.toContain("stack");
      // Nothing more was tried in the new chat after its refusal: no apology, no further edit.
      expect(toNew).toEqual(when === "before its answer" ? ["sendMessage"] : ["sendMessage", "editMessageText"]);
    });
  }
});
