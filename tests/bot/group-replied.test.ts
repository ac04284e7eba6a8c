// A member mentions the bot (or sends /ask) in reply to another member's message: «@bot», «@bot
// глянь» under «Кто-нибудь знает, почему закрыли станцию Виноградар?» asks that message.
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { validateQuestion } from "../../src/knowledge-base/validate-question.js";
import { answer, BOT_INFO, makeBot, sent } from "./harness.js";
import { commandEntities } from "../helpers/command-entities.js";

const GROUP = { id: -100700, type: "supergroup", title: "Київ" };
const DMITRY = { id: 31, is_bot: false, first_name: "Dmitry", language_code: "ru" };
const OKSANA = { id: 32, is_bot: false, first_name: "Oksana", language_code: "uk" };
const ASKED = "Кто-нибудь знает, почему закрыли станцию Виноградар?";
const MENTION = `@${BOT_INFO.username}`;

let updateId = 700_000;
let messageId = 7_000;

/** Oksana's message `text` in GROUP, replying to `replied` (Dmitry's message with `repliedText` by default). */
function replyBy(text: string, replied: Record<string, unknown> = { text: ASKED }, extra: Record<string, unknown> = {}): Update {
  return {
    update_id: updateId++,
    message: {
      message_id: messageId++,
      date: 0,
      chat: GROUP,
      from: OKSANA,
      text,
      ...commandEntities(text),
      reply_to_message: { message_id: 5, date: 0, chat: GROUP, from: DMITRY, ...replied },
      ...extra,
    },
  } as unknown as Update;
}

const textOf = (call: { payload: Record<string, unknown> } | undefined) => String(call?.payload.text);

describe("a mention replying to another member's message", () => {
  it("with nothing of its own to ask («@bot», «@bot глянь», «@bot what do you think?», /ask) asks that message, in the asker's language", async () => {
    const { bot, kb, calls } = makeBot({ rateLimit: { burst: 10, refillMs: 60_000 }, groupRateLimit: { burst: 10, refillMs: 60_000 } });
    kb.reply = async () => answer({ notFound: true, citations: [] });
    for (const text of [MENTION, `${MENTION} глянь`, `${MENTION} подивись, будь ласка`, `${MENTION} что скажешь?`, `${MENTION} what do you think?`, "/ask", `/ask@${BOT_INFO.username} check this`]) {
      await bot.handleUpdate(replyBy(text));
    }
    expect(kb.asked.map((a) => a.question)).toEqual(Array(7).fill(ASKED));
    expect(kb.asked.map((a) => a.options?.history)).toEqual(Array(7).fill(undefined));
    // Oksana's words tell the language; without any, her language_code (uk), not Dmitry's Russian.
    const replies = sent(calls).map(textOf);
    expect(replies.map((t) => (t.includes("У статтях немає відповіді") ? "uk" : t.includes("The articles do not cover") ? "en" : t))).toEqual(["uk", "uk", "uk", "uk", "en", "uk", "en"]);
    // Each answer replies to Oksana's message.
    expect(sent(calls).every((c) => (c.payload.reply_parameters as { message_id: number } | undefined)?.message_id !== 5)).toBe(true);
  });

  it("that asks something of its own is asked that, with the message it replies to as context", async () => {
    const { bot, kb } = makeBot();
    await bot.handleUpdate(replyBy(`${MENTION} а коли її відкриють?`));
    expect(kb.asked).toEqual([{ question: "а коли її відкриють?", options: { history: [{ question: ASKED, answer: "", context: true }], lang: "uk", onDraft: expect.any(Function), signal: expect.any(AbortSignal) } }]);
  });

  it("a replied-to message too long for a question is refused as too long when asked, and left out as context", async () => {
    const { bot, kb, calls } = makeBot();
    kb.reply = async (question) => {
      validateQuestion(question); // as the knowledge base does
      return answer();
    };
    const long = `Станцію Виноградар закрили. ${"Деталі. ".repeat(200)}`;
    await bot.handleUpdate(replyBy(MENTION, { text: long }));
    expect(textOf(sent(calls)[0])).toContain("Питання задовге");
    await bot.handleUpdate(replyBy(`${MENTION} чому закрили?`, { text: long }));
    expect(kb.asked[1]).toEqual({ question: "чому закрили?", options: { lang: "uk", onDraft: expect.any(Function), signal: expect.any(AbortSignal) } });
  });

  it("quoting a part of the message (Telegram's reply with a quote) reads that part: one sentence of a long post is asked, not the whole post refused as too long", async () => {
    const { bot, kb, calls } = makeBot();
    kb.reply = async (question) => {
      validateQuestion(question); // as the knowledge base does
      return answer();
    };
    const sentence = "Чому закрили станцію Виноградар?";
    const long = `Новини дня. ${"Деталі. ".repeat(200)}${sentence} ${"Ще деталі. ".repeat(50)}`;
    await bot.handleUpdate(replyBy(MENTION, { text: long }, { quote: { text: sentence, position: long.indexOf(sentence), is_manual: true } }));
    await bot.handleUpdate(replyBy(`${MENTION} а коли відкриють?`, { text: long }, { quote: { text: sentence, position: long.indexOf(sentence), is_manual: true } }));
    expect(kb.asked.map((a) => [a.question, a.options?.history])).toEqual([
      [sentence, undefined],
      ["а коли відкриють?", [{ question: sentence, answer: "", context: true }]],
    ]);
    expect(sent(calls).map(textOf).join("\n")).not.toContain("задовге");
  });

  it("never reads a message of another chat, nor one without text: a bare mention then gets the hint", async () => {
    const { bot, kb, calls } = makeBot();
    const other = { id: -100999, type: "supergroup", title: "Private" };
    // A reply to another chat's message comes as external_reply (and a quote), with no reply_to_message.
    const external = replyBy(MENTION) as unknown as { message: Record<string, unknown> };
    delete external.message.reply_to_message;
    external.message.external_reply = { origin: { type: "user", date: 0, sender_user: DMITRY }, chat: other, message_id: 9 };
    external.message.quote = { text: "секретний план", position: 0 };
    await bot.handleUpdate(external as unknown as Update);
    await bot.handleUpdate(replyBy(MENTION, { sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } }));
    expect(kb.asked).toEqual([]);
    expect(sent(calls)).toHaveLength(2);
    expect(sent(calls).map(textOf).join("\n")).not.toContain("секретний");
  });

  it("a replied-to command asks only what /ask for this bot asks: another bot's command gets the hint", async () => {
    const { bot, kb, calls } = makeBot({ rateLimit: { burst: 10, refillMs: 60_000 } });
    const command = (text: string) => ({ text, entities: [{ type: "bot_command", offset: 0, length: /^\/\S+/.exec(text)?.[0].length ?? 0 }] });
    await bot.handleUpdate(replyBy(MENTION, command("/ask Хто такий Гор?")));
    await bot.handleUpdate(replyBy(MENTION, command(`/ask@${BOT_INFO.username} Хто такий Гор?`)));
    await bot.handleUpdate(replyBy(`${MENTION} а де він працює?`, command("/ask Хто такий Гор?")));
    await bot.handleUpdate(replyBy(MENTION, command("/start@other_bot")));
    await bot.handleUpdate(replyBy(MENTION, command("/weather Київ")));
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Гор?", "Хто такий Гор?", "а де він працює?"]);
    expect(kb.asked[2]?.options?.history).toEqual([{ question: "Хто такий Гор?", answer: "", context: true }]);
    // The last two: the hint for a bare mention.
    expect(sent(calls)).toHaveLength(5);
    expect(sent(calls).slice(3).map(textOf).every((t) => t.includes(MENTION))).toBe(true);
  });

  it("a question borrowed from someone who did not ask the bot is counted in /stats but not quoted there", async () => {
    const { bot, kb } = makeBot();
    kb.reply = async () => answer({ notFound: true, citations: [] });
    await bot.handleUpdate(replyBy(MENTION));
    const stats = await bot.state.stats.snapshot(5);
    expect(stats.notFound).toBe(1);
    expect(stats.recentNotFound).toEqual([]);
  });
});
