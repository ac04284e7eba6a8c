// Several members asking in one group at once, against the local Bot API mock, with answers held
// open as a slow LLM's are: one member's answer must not hold back another's, while each member's
// own questions, and a reply to an answer still being written, keep their order.
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { BotDeps } from "../../src/bot/bot-deps.js";
import { createBot } from "../../src/bot/create-bot.js";
import { MemoryBotState } from "../../src/state/memory-bot-state.js";
import { silentLogger } from "../../src/shared/logger.js";
import { type BotApiMock, startBotApiMock } from "../helpers/bot-api-mock.js";
import { answer, BOT_INFO, FakeKb, textUpdate } from "./harness.js";

const TOKEN = "123:MEMBERS";
const GROUP = -100500; // the harness's group
const A = 7;
const B = 8;
const HELD = "Хто такий Серджіо Гор?";

let mock: BotApiMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

/** A bot whose knowledge base holds the answer to HELD until `release`; other questions are answered at once. */
async function groupBot(onHeld: (options: Parameters<FakeKb["ask"]>[1]) => void = () => {}, options: Partial<BotDeps> = {}) {
  mock = await startBotApiMock({ token: TOKEN });
  const kb = new FakeKb();
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  kb.reply = async (question, options) => {
    if (question !== HELD) return answer({ answer: `Відповідь на «${question}» [1].` });
    onHeld(options);
    await held;
    return answer({ answer: "Серджіо Гор – посланець [1]." });
  };
  const bot = createBot(TOKEN, {
    kb,
    adminIds: new Set(),
    logger: silentLogger,
    maxUploadBytes: 1024,
    botInfo: BOT_INFO,
    apiRoot: mock.apiRoot,
    throttle: false,
    streamTiming: { draftIntervalMs: 10, editIntervalMs: 10 },
    ...options,
  });
  // The ids of the messages whose sending the bot has heard back about: the mock records a call
  // when it arrives, before the bot reads the reply, and a member cannot reply sooner than that.
  const received = new Set<number>();
  bot.api.config.use(async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    const id = result.ok ? (result.result as { message_id?: unknown }).message_id : undefined;
    if (typeof id === "number") received.add(id);
    return result;
  });
  return { bot, kb, api: mock, release, received };
}

const ask = (text: string, fromId: number, replyTo?: number) =>
  textUpdate(text, { chat: "group", fromId, ...(replyTo !== undefined ? { replyTo: { message_id: replyTo, fromBot: true } } : {}) });
/** The messages the bot sent into the group replying to `messageId`, in order. */
const repliesTo = (api: BotApiMock, messageId: number) => api.sentMessages(GROUP).filter((c) => (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId);
const messageIdOf = (update: ReturnType<typeof textUpdate>) => update.message!.message_id;

describe("members of one group asking at once", () => {
  it("another member's question is answered while the first member's answer is still being written", async () => {
    const { bot, kb, api, release } = await groupBot();
    const first = ask(`@articles_test_bot ${HELD}`, A);
    const second = ask("@articles_test_bot Де був форум?", B);
    const handled = [bot.handleUpdate(first), bot.handleUpdate(second)];
    await vi.waitFor(() => expect(repliesTo(api, messageIdOf(second))).toHaveLength(1), { timeout: 5_000 });
    expect(repliesTo(api, messageIdOf(first))).toHaveLength(0);
    release();
    await Promise.all(handled);
    expect(String(repliesTo(api, messageIdOf(first)).at(-1)?.payload.text)).toContain("посланець");
    expect(kb.asked.map((a) => a.question)).toEqual([HELD, "Де був форум?"]);
  });

  it("one member's two questions are still answered in the order they were asked", async () => {
    const { bot, kb, api, release } = await groupBot();
    const first = ask(`@articles_test_bot ${HELD}`, A);
    const again = ask("@articles_test_bot Коли був форум?", A);
    const other = ask("@articles_test_bot Де був форум?", B);
    const handled = [first, again, other].map((u) => bot.handleUpdate(u));
    // Once another member is answered, the second question still waits for the first's answer.
    await vi.waitFor(() => expect(repliesTo(api, messageIdOf(other))).toHaveLength(1), { timeout: 5_000 });
    expect(kb.asked.map((a) => a.question)).toEqual([HELD, "Де був форум?"]);
    release();
    await Promise.all(handled);
    const order = api.sentMessages(GROUP).map((c) => (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id);
    expect(order.lastIndexOf(messageIdOf(first))).toBeLessThan(order.indexOf(messageIdOf(again)));
  });

  it("another member's reply to an answer still being written is answered as its follow-up, once it is written", async () => {
    const { bot, kb, api, release, received } = await groupBot((options) => options?.onDraft?.("Серджіо Гор —"));
    const first = ask(`@articles_test_bot ${HELD}`, A);
    const handled = [bot.handleUpdate(first)];
    // The answer so far is in the group: B replies to it before it is finished.
    await vi.waitFor(() => expect(repliesTo(api, messageIdOf(first))).toHaveLength(1), { timeout: 5_000 });
    const shown = (repliesTo(api, messageIdOf(first))[0]!.result as { message_id: number }).message_id;
    await vi.waitFor(() => expect(received.has(shown)).toBe(true), { timeout: 5_000 });
    handled.push(bot.handleUpdate(ask("А де він працює?", B, shown)));
    release();
    await Promise.all(handled);
    const followUp = kb.asked.find((a) => a.question === "А де він працює?");
    expect(followUp?.options?.history?.map((turn) => turn.question)).toEqual([HELD]);
  });
});

describe("a member pointing the bot at another member's follow-up", () => {
  /** Member `fromId`'s `text` in the chat of `message` (someone's message there), replying to it. */
  const replyingTo = (text: string, fromId: number, message: object): Update => {
    const update = textUpdate(text, { chat: "group", fromId });
    return { ...update, message: { ...update.message, chat: (message as { chat: unknown }).chat, reply_to_message: message } } as unknown as Update;
  };
  const FOLLOW_UP = "А з ким він зустрівся?";

  it("asks it in the conversation it continues, the question and answer it replied to, as its author's reply was asked", async () => {
    const { bot, kb, api } = await groupBot();
    const first = ask("@articles_test_bot Хто такий Гор?", A);
    await bot.handleUpdate(first);
    const answered = (repliesTo(api, messageIdOf(first))[0]!.result as { message_id: number }).message_id;
    const followUp = ask(FOLLOW_UP, A, answered);
    await bot.handleUpdate(followUp);
    expect(kb.asked.at(-1)?.options?.history?.map((turn) => turn.question)).toEqual(["Хто такий Гор?"]);
    const conversation = kb.asked.at(-1)?.options?.history;

    // «@bot» (or a bare /ask) under A's follow-up asks it as A did; a question of B's own is asked
    // in that conversation, with A's follow-up as context.
    await bot.handleUpdate(replyingTo("@articles_test_bot", B, followUp.message!));
    await bot.handleUpdate(replyingTo("/ask", B, followUp.message!));
    await bot.handleUpdate(replyingTo("@articles_test_bot а коли це було?", B, followUp.message!));
    expect(kb.asked.slice(-3).map((a) => [a.question, a.options?.history])).toEqual([
      [FOLLOW_UP, conversation],
      [FOLLOW_UP, conversation],
      ["а коли це було?", [...conversation!, { question: FOLLOW_UP, answer: "", context: true }]],
    ]);
    // Each answered, replying to B.
    expect(api.sentMessages(GROUP).slice(-3).map((c) => String(c.payload.text))).toEqual(Array(3).fill(expect.stringContaining("<b>Джерела</b>")));
  });

  it("a message of the same number in another group brings nothing of this group's conversation", async () => {
    const { bot, kb, api } = await groupBot();
    const first = ask("@articles_test_bot Хто такий Гор?", A);
    await bot.handleUpdate(first);
    const answered = (repliesTo(api, messageIdOf(first))[0]!.result as { message_id: number }).message_id;
    const followUp = ask(FOLLOW_UP, A, answered);
    await bot.handleUpdate(followUp);
    const elsewhere = { id: -100600, type: "supergroup", title: "Other" };
    const { reply_to_message: _replied, ...message } = followUp.message!;
    await bot.handleUpdate(replyingTo("@articles_test_bot", B, { ...message, chat: elsewhere, from: { id: 9, is_bot: false, first_name: "C" } }));
    expect(kb.asked.at(-1)).toEqual({ question: FOLLOW_UP, options: { lang: "uk", onDraft: expect.any(Function), signal: expect.any(AbortSignal) } });
  });

  it("asks one told to wait (over its asker's share of the group) in its conversation too", async () => {
    const { bot, kb, api } = await groupBot();
    // A's share of the group: three at once; the follow-up to the third answer is over it.
    for (const q of ["Хто такий Гор?", "Де був форум?", "Коли був форум?"]) await bot.handleUpdate(ask(`@articles_test_bot ${q}`, A));
    const third = (api.sentMessages(GROUP).at(-1)!.result as { message_id: number }).message_id;
    const followUp = ask(FOLLOW_UP, A, third);
    await bot.handleUpdate(followUp);
    expect(String(api.sentMessages(GROUP).at(-1)?.payload.text)).toMatch(/^Забагато запитів/);
    await bot.handleUpdate(replyingTo("@articles_test_bot", B, followUp.message!));
    expect(kb.asked.at(-1)?.question).toBe(FOLLOW_UP);
    expect(kb.asked.at(-1)?.options?.history?.map((turn) => turn.question)).toEqual(["Коли був форум?"]);
  });

  it("a flood's follow-ups dropped (nothing sent) write nothing, and push no older conversation out of the ones kept", async () => {
    // Room for six conversations: the three answers, the follow-up told to wait and its "wait"
    // notice (a reply to it asks again), one more.
    const stateStore = new MemoryBotState({ limits: { conversations: 6 } });
    const { bot, kb, api } = await groupBot(undefined, { stateStore });
    for (const q of ["Хто такий Гор?", "Де був форум?", "Коли був форум?"]) await bot.handleUpdate(ask(`@articles_test_bot ${q}`, A));
    const first = (api.sentMessages(GROUP)[0]!.result as { message_id: number }).message_id;
    await bot.handleUpdate(ask(FOLLOW_UP, A, first)); // told to wait
    const writes = vi.spyOn(stateStore.conversations, "set");
    for (let i = 0; i < 5; i++) await bot.handleUpdate(ask(FOLLOW_UP, A, first));
    expect(api.sentMessages(GROUP)).toHaveLength(4); // three answers and one "wait"
    expect(writes).not.toHaveBeenCalled();
    // The first answer's conversation is still there: B's follow-up to it continues it.
    await bot.handleUpdate(ask("А де він працює?", B, first));
    expect(kb.asked.at(-1)?.question).toBe("А де він працює?");
    expect(kb.asked.at(-1)?.options?.history?.map((turn) => turn.question)).toEqual(["Хто такий Гор?"]);
  });
});
