// An update another instance took over while this one handled it (a shared update log: the lease
// here ran out, see src/state/postgres/postgres-update-log.ts) sends nothing more from here: the
// other instance answers it, and a second answer, or an apology, would only confuse.
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { formatAnswer } from "../../src/bot/format-answer.js";
import { MemoryBotState, MemoryUpdateLog } from "../../src/state/memory-bot-state.js";
import { messages } from "../../src/bot/messages.js";
import type { AskOptions } from "../../src/knowledge-base/knowledge-base.js";
import { type BotApiMock, startBotApiMock } from "../helpers/bot-api-mock.js";
import { recordingLogger } from "../helpers/recording-logger.js";
import { answer, BOT_INFO, FakeKb, makeBot, sent, textUpdate } from "./harness.js";

const TIMING = { draftIntervalMs: 60, editIntervalMs: 200 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An update log whose `taken` updates another instance took over. */
function takenLog() {
  const taken = new Set<number>();
  return Object.assign(new MemoryUpdateLog(), { taken, lost: (updateId: number) => taken.has(updateId) });
}

function takenBot() {
  const log = takenLog();
  const { logger, records } = recordingLogger();
  const made = makeBot({ streamTiming: TIMING, stateStore: new MemoryBotState({ updates: log }), logger });
  const visible = () => made.calls.filter((c) => c.method !== "sendChatAction");
  const texts = () => made.calls.map((c) => String(c.payload.text ?? ""));
  return { ...made, log, records, visible, texts };
}

describe("an update another instance took over", () => {
  it("being streamed in a group: the writing stops, the half-written message is removed, no final answer and no apology", async () => {
    const { bot, kb, log, records, visible, texts } = takenBot();
    const update = textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" });
    let written = 0;
    let aborted = false;
    kb.reply = async (_question: string, options?: AskOptions) => {
      let text = "";
      for (let i = 0; i < 100; i++) {
        if (options?.signal?.aborted) {
          aborted = true;
          throw options.signal.reason;
        }
        text += `слово${i} `;
        options?.onDraft?.(text);
        written++;
        if (i === 15) log.taken.add(update.update_id); // ~500 ms in: the first message and an edit or two shown
        await sleep(30);
      }
      return answer();
    };
    await bot.handleUpdate(update);

    expect(aborted).toBe(true);
    expect(written).toBeLessThan(40); // stopped at the next edit (200 ms), not after 100 words
    const calls = visible();
    expect(sent(calls)).toHaveLength(1); // the half-written message, no other
    expect(calls.at(-1)).toMatchObject({ method: "deleteMessage", payload: { message_id: 1001 } });
    expect(texts()).not.toContain(formatAnswer(answer(), "uk")[0]);
    expect(texts().some((t) => t === messages.apology("uk") || t === messages.apology("en"))).toBe(false);
    expect(records.filter((r) => r.level >= 40)).toEqual([]); // the warning is the update log's
  });

  it("answered without streaming: the final answer is not sent, nor an apology", async () => {
    const { bot, kb, log, records, visible } = takenBot();
    const update = textUpdate("Хто такий Серджіо Гор?");
    kb.reply = async () => {
      log.taken.add(update.update_id); // the lease lost while the answer was prepared
      return answer();
    };
    await bot.handleUpdate(update);
    expect(kb.asked).toHaveLength(1);
    expect(visible()).toEqual([]);
    expect(records.filter((r) => r.level >= 40)).toEqual([]);
  });

  it("taken over while it waited for its turn in the chat: not handled at all", async () => {
    const { bot, kb, log, calls } = takenBot();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = textUpdate("Хто такий Серджіо Гор?");
    kb.reply = async () => {
      await held;
      return answer();
    };
    const firstDone = bot.handleUpdate(first);
    const second: Update = textUpdate("А де він працює?");
    const secondDone = bot.handleUpdate(second); // the same sender: waits for the first
    await sleep(50);
    log.taken.add(second.update_id);
    release();
    await Promise.all([firstDone, secondDone]);
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Серджіо Гор?"]);
    expect(sent(calls)).toHaveLength(1); // the first's answer
  });
});

describe("an update taken over while its answer waits out Telegram's flood control", () => {
  let mock: BotApiMock | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  it("the answer is not sent after the wait, nor an apology; before, the retry sent it anyway", async () => {
    const log = takenLog();
    const update = textUpdate("Хто такий Серджіо Гор?");
    const tried: string[] = []; // the sends that reached the Bot API, answered or not
    mock = await startBotApiMock({
      token: "123:TAKEN",
      respond: (method) => {
        if (method !== "sendMessage") return undefined;
        tried.push(method);
        if (tried.length > 1) return undefined;
        // The lease is lost 200 ms into the 1 s wait Telegram asks for.
        setTimeout(() => log.taken.add(update.update_id), 200);
        return { status: 429, body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } } };
      },
    });
    const { logger, records } = recordingLogger();
    const kb = new FakeKb();
    const bot = createBot("123:TAKEN", { kb, adminIds: new Set(), logger, maxUploadBytes: 1024, botInfo: BOT_INFO, apiRoot: mock.apiRoot, stateStore: new MemoryBotState({ updates: log }) });
    await bot.handleUpdate(update);
    expect(kb.asked).toHaveLength(1);
    expect(log.taken.has(update.update_id)).toBe(true);
    expect(tried).toEqual(["sendMessage"]); // the 429'd attempt only
    expect(mock.sentMessages()).toEqual([]);
    expect(records.filter((r) => r.level >= 40)).toEqual([]);
  });

  /** A bot on the mock whose first sendMessage gets a 429 asking for `retryAfter` s, `onLimited` run then. */
  async function floodLimitedBot(retryAfter: number, onLimited: (log: ReturnType<typeof takenLog>) => void) {
    const log = takenLog();
    const tried: string[] = [];
    mock = await startBotApiMock({
      token: "123:TAKEN",
      respond: (method) => {
        if (method !== "sendMessage") return undefined;
        tried.push(method);
        if (tried.length > 1) return undefined;
        onLimited(log);
        const description = `Too Many Requests: retry after ${retryAfter}`;
        return { status: 429, body: { ok: false, error_code: 429, description, parameters: { retry_after: retryAfter } } };
      },
    });
    const { logger, records } = recordingLogger();
    const kb = new FakeKb();
    const bot = createBot("123:TAKEN", { kb, adminIds: new Set(), logger, maxUploadBytes: 1024, botInfo: BOT_INFO, apiRoot: mock.apiRoot, stateStore: new MemoryBotState({ updates: log }) });
    return { bot, kb, log, tried, records, mock };
  }

  it("already lost when the 429 comes back: gives up at once instead of waiting out the 3 s first", async () => {
    const update = textUpdate("Хто такий Серджіо Гор?");
    const { bot, kb, tried, records, mock } = await floodLimitedBot(3, (log) => log.taken.add(update.update_id));
    const started = Date.now();
    await bot.handleUpdate(update);
    expect(Date.now() - started).toBeLessThan(1_000); // before: 3 s, then the same refusal
    expect(kb.asked).toHaveLength(1);
    expect(tried).toEqual(["sendMessage"]);
    expect(mock.sentMessages()).toEqual([]);
    expect(records.filter((r) => r.level >= 40)).toEqual([]);
  });

  it("lost during the wait: gives up when the loss is learnt, not at the wait's end", async () => {
    const update = textUpdate("Хто такий Серджіо Гор?");
    const { bot, tried, mock } = await floodLimitedBot(3, (log) => setTimeout(() => log.taken.add(update.update_id), 200));
    const started = Date.now();
    await bot.handleUpdate(update);
    expect(Date.now() - started).toBeLessThan(1_500); // before: 3 s
    expect(tried).toEqual(["sendMessage"]);
    expect(mock.sentMessages()).toEqual([]);
  });

  it("lost while its message waits for a chat another update's 429 holds: gives up then, not after the hold", async () => {
    const first = textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" });
    const second = textUpdate("/ask А де він працює?", { chat: "group", fromId: 2 });
    const { bot, kb, log, tried, mock } = await floodLimitedBot(3, () => undefined);
    kb.reply = async (question: string) => {
      if (question.includes("працює")) {
        await sleep(100); // the first's 429 has held the chat by now
        setTimeout(() => log.taken.add(second.update_id), 200);
      }
      return answer();
    };
    const firstDone = bot.handleUpdate(first);
    await sleep(50);
    const started = Date.now();
    await bot.handleUpdate(second);
    expect(Date.now() - started).toBeLessThan(1_500); // before: the hold's 3 s
    await firstDone; // sent after its 3 s
    expect(tried).toEqual(["sendMessage", "sendMessage"]); // the first's two tries; the second's none
    expect(mock.sentMessages()).toHaveLength(1);
  });
});

describe("an update taken over while its message waits its turn in the outgoing throttle", () => {
  let mock: BotApiMock | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  it("gives up as soon as the loss is learnt, not at its turn (a group's answers go out a second apart), and sends nothing", async () => {
    const log = takenLog();
    mock = await startBotApiMock({ token: "123:TAKEN" });
    const { logger, records } = recordingLogger();
    const kb = new FakeKb();
    const bot = createBot("123:TAKEN", { kb, adminIds: new Set(), logger, maxUploadBytes: 1024, botInfo: BOT_INFO, apiRoot: mock.apiRoot, stateStore: new MemoryBotState({ updates: log }) });
    // Three members ask at once: their answers queue for the group's pace, the third's ≈2 s behind.
    const updates = [1, 2, 3].map((fromId) => textUpdate(`/ask Хто такий Серджіо Гор? ${fromId}`, { chat: "group", fromId }));
    setTimeout(() => log.taken.add(updates[2]!.update_id), 300);
    const started = Date.now();
    const doneAt = await Promise.all(updates.map((u) => bot.handleUpdate(u).then(() => Date.now() - started)));
    expect(doneAt[2]).toBeLessThan(900); // before: ≈2 s, at its turn, then the same refusal
    expect(kb.asked).toHaveLength(3);
    const sends = mock.calls.filter((c) => c.method === "sendMessage");
    expect(sends).toHaveLength(2); // the other two answers; none tried for the lost one
    expect(records.filter((r) => r.level >= 40)).toEqual([]);
  });
});
