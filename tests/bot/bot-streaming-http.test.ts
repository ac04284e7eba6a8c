// Streamed answers over real HTTP (issue 13 item 1): the bot against a local Bot API mock (drafts,
// a 429 with retry_after, a server without drafts), against the telegram-test-api emulator (which
// has no drafts), and the whole pipeline: a real knowledge base whose LLM (the real OpenAI client
// against a local stub) streams, shown in Telegram as it is written.
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import { createBot } from "../../src/bot/create-bot.js";
import type { BotDeps } from "../../src/bot/bot-deps.js";
import { formatAnswer } from "../../src/bot/format-answer.js";
import { loadConfig } from "../../src/config/config.js";
import type { Answer, AskOptions } from "../../src/knowledge-base/knowledge-base.js";
import { silentLogger } from "../../src/shared/logger.js";
import { type BotApiMock, type BotApiMockOptions, startBotApiMock } from "../helpers/bot-api-mock.js";
import { type OpenAiStub, startOpenAiStub } from "../helpers/openai-stub.js";
import { answer, BOT_INFO, FakeKb, tagsBalanced, textUpdate, USER_ID } from "./harness.js";
import { REPO, TelegramServer, type Emulator } from "./spawn-bot.js";
import { freePort } from "../helpers/free-port.js";

const TOKEN = "123:STREAM";
const GROUP = -100500;
const FINAL = formatAnswer(answer(), "uk")[0];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let mock: BotApiMock | undefined;
let stub: OpenAiStub | undefined;
let emulator: Emulator | undefined;
afterEach(async () => {
  await mock?.close();
  await stub?.close();
  await emulator?.stop();
  mock = stub = emulator = undefined;
});

/** A knowledge-base reply that writes `words` one every `everyMs` through onDraft, then returns the usual answer. */
function writing(words: number, everyMs: number, first = "") {
  return async (_question: string, options?: AskOptions): Promise<Answer> => {
    let text = first;
    for (let i = 0; i < words; i++) {
      text += `слово${i} `;
      options?.onDraft?.(text);
      await sleep(everyMs);
    }
    return answer();
  };
}

async function botOnMock(mockOptions: Partial<BotApiMockOptions>, deps: Partial<BotDeps> = {}) {
  mock = await startBotApiMock({ token: TOKEN, ...mockOptions });
  const kb = new FakeKb();
  const bot = createBot(TOKEN, {
    kb,
    adminIds: new Set(),
    logger: silentLogger,
    maxUploadBytes: 1024,
    botInfo: BOT_INFO,
    apiRoot: mock.apiRoot,
    streamTiming: { draftIntervalMs: 100, editIntervalMs: 300 },
    // The stream's own pace is under test here; the whole-pipeline tests keep Telegram's pacing on.
    throttle: false,
    ...deps,
  });
  return { bot, kb, mock };
}

const shown = (m: BotApiMock) => m.calls.filter((c) => c.method !== "sendChatAction");

describe("streamed answers against a local Bot API server", () => {
  it("private chat: drafts over HTTP (escaped, one draft id), then the final message with its sources", async () => {
    const { bot, kb, mock: api } = await botOnMock({});
    kb.reply = writing(12, 40, "<b>Гор</b> & ");
    const update = textUpdate("Хто такий Серджіо Гор?");
    await bot.handleUpdate(update);
    const calls = shown(api);
    const drafts = calls.filter((c) => c.method === "sendMessageDraft");
    expect(drafts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(drafts.map((d) => d.payload.draft_id))).toEqual(new Set([update.update_id + 1]));
    expect(drafts[0]?.payload).toMatchObject({ chat_id: USER_ID, text: "&lt;b&gt;Гор&lt;/b&gt; &amp; слово0", parse_mode: "HTML" });
    expect(calls.at(-1)?.method).toBe("sendMessage");
    expect(calls.at(-1)?.payload.text).toBe(FINAL);
    expect(calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
  });

  it("private chat with Telegram's pacing on: the final answer is not held back behind a draft", async () => {
    const { bot, kb, mock: api } = await botOnMock({}, { throttle: true, streamTiming: { draftIntervalMs: 1_000, editIntervalMs: 3_000 } });
    kb.reply = writing(2, 550); // drafts at 0 and 1 s; the answer is ready at 1.1 s
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    const calls = shown(api);
    expect(calls.map((c) => c.method)).toEqual(["sendMessageDraft", "sendMessageDraft", "sendMessage"]);
    // Drafts do not take the chat's one-message-a-second slot (they were queued there before, and
    // the answer came at least 1 s after the last draft); 0.1 s here, 0.85 s allowed on a loaded machine.
    expect(calls[2]!.at - calls[1]!.at).toBeLessThan(850);
  });

  it("group: a 429 on an edit is waited out (retry_after), and the final edit still arrives", async () => {
    let refusedAt = 0;
    const { bot, kb, mock: api } = await botOnMock({
      respond: (method) => {
        if (method !== "editMessageText" || refusedAt) return undefined;
        refusedAt = Date.now();
        return { status: 429, body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } } };
      },
    });
    // ~2.4 s of writing: edits go on after retry_after (a final answer ready sooner is sent at once:
    // see the 30 s refusals below).
    kb.reply = writing(40, 60);
    await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
    const calls = shown(api);
    expect(refusedAt).toBeGreaterThan(0);
    const edits = calls.filter((c) => c.method === "editMessageText");
    // Nothing reached the chat between the refusal and retry_after.
    expect(calls.filter((c) => c.at > refusedAt && c.at < refusedAt + 1000)).toEqual([]);
    expect(edits[0]!.at - refusedAt).toBeGreaterThanOrEqual(1000);
    expect(edits.at(-1)?.payload).toMatchObject({ chat_id: GROUP, text: FINAL });
    expect(calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
  });

  it("group: the answer so far and 'typing…' refused with 429 are not sent again (the next edit has newer text); the final edit arrives", async () => {
    const refused = new Map<string, unknown>();
    const { bot, kb, mock: api } = await botOnMock({
      respond: (method, payload) => {
        if ((method !== "editMessageText" && method !== "sendChatAction") || refused.has(method)) return undefined;
        refused.set(method, payload.text);
        return { status: 429, body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } } };
      },
    });
    kb.reply = writing(30, 60); // ~1.8 s of writing: one "typing…", an edit every 0.3 s
    await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
    expect([...refused.keys()]).toEqual(["sendChatAction", "editMessageText"]);
    // Waited out, "typing…" came a second late and the refused edit went again with its old text.
    expect(api.calls.filter((c) => c.method === "sendChatAction")).toEqual([]);
    const edits = api.calls.filter((c) => c.method === "editMessageText");
    expect(edits.map((e) => e.payload.text)).not.toContain(refused.get("editMessageText"));
    expect(edits.at(-1)?.payload).toMatchObject({ chat_id: GROUP, text: FINAL });
  });

  it("a server without drafts (404): this answer and the next are shown by editing one message", async () => {
    const { bot, kb, mock: api } = await botOnMock({ drafts: false });
    kb.reply = writing(10, 50);
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    await bot.handleUpdate(textUpdate("А хто такий Гор?"));
    const methods = shown(api).map((c) => c.method);
    expect(methods.filter((m) => m === "sendMessageDraft")).toHaveLength(1); // asked once, remembered
    expect(methods.filter((m) => m === "sendMessage")).toHaveLength(2);
    const sends = shown(api).filter((c) => c.method === "sendMessage");
    for (const send of sends) expect(send.payload.text).toMatch(/^слово0( слово\d+)* …$/);
    const finals = shown(api).filter((c) => c.method === "editMessageText" && c.payload.text === FINAL);
    expect(finals).toHaveLength(2);
  });
});

describe("a 429 with a long retry_after on 'typing…' or on the answer so far does not hold the answer", () => {
  const refusal = (retryAfter: number) => ({ status: 429, body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } } });

  /** "answered", or "held" when `work` is still waiting after `ms` (held, it waited the 30 s of retry_after). */
  async function within(ms: number, work: Promise<unknown>): Promise<"answered" | "held"> {
    let timer: NodeJS.Timeout | undefined;
    const held = new Promise<"held">((resolve) => {
      timer = setTimeout(resolve, ms, "held");
    });
    try {
      return await Promise.race([work.then(() => "answered" as const), held]);
    } finally {
      clearTimeout(timer);
    }
  }

  it("'typing…' refused for 30 s: both of a private chat's questions are answered at once; 'typing…' is not tried again meanwhile", async () => {
    let typingTried = 0;
    const { bot, mock: api } = await botOnMock({
      respond: (method) => {
        if (method !== "sendChatAction") return undefined;
        typingTried++;
        return refusal(30);
      },
    });
    const first = bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    const second = bot.handleUpdate(textUpdate("А хто такий Гор?"));
    // Generous for a loaded machine: each takes a few milliseconds.
    expect(await within(5_000, Promise.all([first, second]))).toBe("answered");
    expect(api.sentMessages(USER_ID).map((c) => c.payload.text)).toEqual([FINAL, FINAL]);
    // Telegram asked for 30 s: the second question's "typing…" waits them out (dropped), unsent.
    expect(typingTried).toBe(1);
  });

  it("a draft refused for 30 s: the final answer is sent at once, with no draft after the refusal", async () => {
    let refusedAt = 0;
    const { bot, kb, mock: api } = await botOnMock({
      respond: (method) => {
        if (method !== "sendMessageDraft" || refusedAt) return undefined;
        refusedAt = Date.now();
        return refusal(30);
      },
    });
    kb.reply = writing(10, 60); // ~0.6 s of writing, a draft due every 0.1 s
    expect(await within(5_000, bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?")))).toBe("answered");
    expect(refusedAt).toBeGreaterThan(0);
    expect(shown(api).map((c) => [c.method, c.payload.text])).toEqual([["sendMessage", FINAL]]);
  });

  it("group: an edit of the answer so far refused for 30 s: no edit of it after the refusal, the final edit arrives at once", async () => {
    let refusedAt = 0;
    const { bot, kb, mock: api } = await botOnMock({
      respond: (method) => {
        if (method !== "editMessageText" || refusedAt) return undefined;
        refusedAt = Date.now();
        return refusal(30);
      },
    });
    kb.reply = writing(10, 60); // ~0.6 s of writing: the first words sent, an edit due every 0.3 s
    expect(await within(5_000, bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" })))).toBe("answered");
    expect(refusedAt).toBeGreaterThan(0);
    const after = shown(api).filter((c) => c.at >= refusedAt);
    expect(after.map((c) => [c.method, c.payload.text])).toEqual([["editMessageText", FINAL]]);
    expect(after[0]?.payload).toMatchObject({ chat_id: GROUP, message_id: 1 });
  });
});


describe("streamed answers against telegram-test-api (no drafts there)", () => {
  it("falls back to edits: the chat ends with one message holding the final answer", async () => {
    const port = await freePort();
    emulator = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 60 });
    await emulator.start();
    const kb = new FakeKb();
    kb.reply = writing(10, 50);
    const bot = createBot(TOKEN, { kb, adminIds: new Set(), logger: silentLogger, maxUploadBytes: 1024, botInfo: BOT_INFO, apiRoot: emulator.config.apiURL, streamTiming: { draftIntervalMs: 100, editIntervalMs: 200 } });
    const tried: string[] = [];
    bot.api.config.use((prev, method, payload, signal) => {
      tried.push(method);
      return prev(method, payload, signal);
    });
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?", { fromId: 6001 }));
    await bot.handleUpdate(textUpdate("Ще раз?", { fromId: 6001 }));
    const messages = emulator.storage.botMessages.filter((m) => Number((m.message as { chat_id: unknown }).chat_id) === 6001);
    expect(messages.map((m) => (m.message as { text: string }).text)).toEqual([FINAL, FINAL]);
    expect(tried.filter((m) => m === "sendMessageDraft")).toHaveLength(1);
    expect(tried.filter((m) => m === "editMessageText").length).toBeGreaterThanOrEqual(2);
  }, 20_000);
});

describe("the whole pipeline: an LLM streaming through the knowledge base into Telegram", () => {
  const REPLY = ["Серджіо Гор ", "– спеціальний посланець ", "США з питань ", "Південної та Центральної Азії [", "1]."];

  async function pipeline(chat: NonNullable<Parameters<typeof startOpenAiStub>[0]["chat"]>, timeoutMs = 10_000, seeds = path.join(REPO, "seeds")) {
    stub = await startOpenAiStub({ chat });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-stream-"));
    await fs.cp(seeds, path.join(dir, "seeds"), { recursive: true });
    const config = loadConfig({
      SEEDS_DIR: path.join(dir, "seeds"),
      VECTORSTORE_DIR: path.join(dir, "store"),
      LLM_MODEL: "openai:gpt-4.1-mini",
      OPENAI_BASE_URL: stub.baseUrl,
      LLM_TIMEOUT_MS: String(timeoutMs),
    });
    const kb = await createApp(config, { logger: silentLogger });
    return botOnMock({}, { kb, throttle: true });
  }

  it("private chat: the drafts grow with the model's reply; the final message has the checked citation and the source", async () => {
    // ~1.6 s of writing; the outgoing throttle lets one call a second into a private chat.
    const { bot, mock: api } = await pipeline(() => ({ pieces: REPLY, pieceDelayMs: 400 }));
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    const calls = shown(api);
    const drafts = calls.filter((c) => c.method === "sendMessageDraft").map((c) => String(c.payload.text));
    expect(drafts.length).toBeGreaterThanOrEqual(2);
    expect(drafts[0]).toMatch(/^Серджіо Гор/);
    for (let i = 1; i < drafts.length; i++) expect(drafts[i]!.startsWith(drafts[i - 1]!)).toBe(true);
    expect(drafts.some((d) => d.endsWith("["))).toBe(false); // never a half-written marker
    const final = calls.at(-1)!;
    expect(final.method).toBe("sendMessage");
    expect(final.payload.text).toMatch(/^Серджіо Гор – спеціальний посланець США з питань Південної та Центральної Азії \[1\]\.\n\n<b>Джерела<\/b>\n1\. .+, 4 лютого 2026$/);
    expect(tagsBalanced(String(final.payload.text))).toBe(true);
    const buttons = (final.payload.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard.flat().map((b) => b.text);
    expect(buttons).toEqual(["1 · Бішкек цього тижня приймає форум B5+1", "👍", "👎"]);
  }, 60_000);

  it("group: the model's stream breaks midway; the edited message ends as the extractive answer, never the half-written one", async () => {
    const { bot, mock: api } = await pipeline(() => ({ pieces: ["Серджіо Гор був ", "послом у Франції ", "[1]."], pieceDelayMs: 400, breakAfterPieces: 2 }));
    await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
    const calls = shown(api);
    expect(calls[0]).toMatchObject({ method: "sendMessage", payload: { text: "Серджіо Гор був …" } });
    const final = calls.at(-1)!;
    expect(final.method).toBe("editMessageText");
    expect(final.payload.message_id).toBe(1); // the mock's first message: the one sent with the first words
    expect(String(final.payload.text)).not.toContain("Франції");
    expect(String(final.payload.text)).toContain("Серджіо Гор");
    expect(String(final.payload.text)).toContain("<b>Джерела</b>");
    expect(calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
  }, 60_000);

  it("group: a one-word reply the model answers from an article off the conversation's topic is shown without the caution while written, and ends with it", async () => {
    // The model streams its answer citing the passage of the article titled `cited`.
    let cited = "Серджіо Гор відвідав Бішкек";
    let text = "Серджіо Гор — спеціальний посланець США";
    const { bot, mock: api } = await pipeline((body) => {
      const n = new RegExp(`^\\[(\\d+)\\] ${cited} \\(`, "mu").exec(String(body.messages.at(-1)?.content))?.[1];
      return n ? { pieces: [`${text} `, `[${n}].`], pieceDelayMs: 400 } : "NOT_FOUND";
    }, 10_000, "tests/fixtures/follow-ups");
    await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
    const envoy = shown(api).filter((c) => c.method === "sendMessage").at(-1)!;
    const before = shown(api).length;
    // Kharkiv's mayor is not what "А хто мер?" asks under an answer about the envoy.
    cited = "Харків відновлює школи після обстрілів";
    text = "Мер Харкова — Ігор Терехов";
    await bot.handleUpdate(textUpdate("А хто мер?", { chat: "group", replyTo: { message_id: (envoy.result as { message_id: number }).message_id, fromBot: true } }));
    const calls = shown(api).slice(before);
    const caution = "Прямої відповіді в статтях може не бути. Найближче, що в них є:";
    // The draft cannot know: the caution is decided from the finished answer's citations.
    expect(calls[0]).toMatchObject({ method: "sendMessage", payload: { text: "Мер Харкова — Ігор Терехов …" } });
    const final = calls.at(-1)!;
    expect(final.method).toBe("editMessageText");
    expect(String(final.payload.text)).toMatch(new RegExp(`^${caution}\\nМер Харкова — Ігор Терехов \\[1\\]\\.`, "u"));
  }, 60_000);
});
