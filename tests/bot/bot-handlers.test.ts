import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { GrammyError, HttpError } from "grammy";
import type { Update } from "grammy/types";
import type { Answer, IndexInfo } from "../../src/knowledge-base/knowledge-base.js";
import { IndexError, QuestionError, ReindexInProgressError } from "../../src/shared/errors.js";
import { type Logger, silentLogger } from "../../src/shared/logger.js";
import { recordingLogger } from "../helpers/recording-logger.js";
import { FeedbackStore } from "../../src/state/feedback-file.js";
import { validateQuestion } from "../../src/knowledge-base/validate-question.js";
import { messages } from "../../src/bot/messages.js";
import { duplicateTitleWarnings } from "../../src/articles/duplicate-titles.js";
import { SUMMARY } from "../helpers/index-fixtures.js";
import {
  ADMIN_ID,
  answer,
  BOT_INFO,
  callbackUpdate,
  citation,
  CHUNK,
  documentUpdate,
  editedUpdate,
  makeBot,
  sent,
  tagsBalanced,
  textUpdate,
  USER_ID,
} from "./harness.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const textOf = (call: { payload: Record<string, unknown> } | undefined): string => String(call?.payload.text ?? "");
/** A refused tap's notice on the button, with the buttons' budget of the tests (a refill every 10 s). */
const WAIT_10_S = "Забагато запитів поспіль; зачекайте 10 с і спробуйте ще раз.";

describe("private chat", () => {
  it("answers a question once, replying to it, with escaped HTML, sources and a button per source", async () => {
    const { bot, kb, calls } = makeBot();
    const update = textUpdate("Хто такий Серджіо Гор?");
    await bot.handleUpdate(update);

    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Серджіо Гор?"]);
    const messages = sent(calls);
    expect(messages).toHaveLength(1);
    const [reply] = messages;
    const html = textOf(reply);
    expect(reply?.payload.parse_mode).toBe("HTML");
    expect(html).toContain("Серджіо Гор – спеціальний посланець США [1].");
    expect(html).toContain("<b>Джерела</b>");
    // The title "Форум B5+1 <b>& партнери" must be escaped, the URL's & too.
    expect(html).toContain('1. <a href="https://example.com/a?x=1&amp;y=2">Форум B5+1 &lt;b&gt;&amp; партнери</a>, 4 лютого 2026');
    expect(html).not.toContain("<b>&");
    expect(tagsBalanced(html)).toBe(true);
    expect(reply?.payload.reply_parameters).toMatchObject({ message_id: update.message?.message_id });
    const keyboard = reply?.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    expect(keyboard.inline_keyboard.flat().map((b) => b.text)).toEqual(["1 · Форум B5+1 <b>& партнери", "👍", "👎"]);
    expect(sent(calls, "sendChatAction")).toHaveLength(1);
  });

  it("labels the source buttons of one article's two passages by their quotes, not twice by its title", async () => {
    const { bot, calls, kb } = makeBot();
    const second = { ...CHUNK, id: `${CHUNK.articleId}#1`, n: 1, text: "Американські компанії беруть активну участь у форумі." };
    kb.chunks.set(second.id, second);
    kb.reply = async () =>
      answer({
        answer: "Серджіо Гор – посланець США [1]. Американські компанії беруть участь [2].",
        citations: [citation(), citation({ n: 2, chunkId: second.id, quote: second.text, start: 0, end: second.text.length })],
        passages: [{ chunk: CHUNK, score: 1 }, { chunk: second, score: 0.9 }],
      });
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    const keyboard = sent(calls, "sendMessage")[0]?.payload.reply_markup as { inline_keyboard: { text: string }[][] };
    const labels = keyboard.inline_keyboard.flat().map((b) => b.text);
    expect(labels.slice(0, 2)).toEqual(["1 · «Серджіо Гор – спеціальний посланець…»", "2 · «Американські компанії беруть активну…»"]);
  });

  it("speaks English to English users and Ukrainian by default", async () => {
    const { bot, calls } = makeBot();
    await bot.handleUpdate(textUpdate("/help", { languageCode: "en-GB" }));
    await bot.handleUpdate(textUpdate("/start"));
    const [en, uk] = sent(calls).map(textOf);
    expect(en).toContain("I answer questions about <b>1</b> article (dated 4 February 2026)");
    expect(uk).toContain("У мене <b>1</b> стаття (від 4 лютого 2026); я відповідаю на питання за нею й наводжу джерела.");
    expect(uk).toContain("• Тут: просто напишіть питання.");
    expect(uk).toContain("@articles_test_bot");
    expect(en).toContain("Fixed a typo by editing your question? I answer it again");
    expect(uk).toContain("Виправили питання, відредагувавши його? Я відповім знову");
  });

  it("in a group, /start and /help say to use /ask@thisbot (a bare /ask reaches it only when it was the last bot to post there), a mention or a reply, never 'just write' (issue 13)", async () => {
    const { bot, kb, calls } = makeBot();
    const info = kb.info();
    kb.info = () => ({ ...info, articles: 22 });
    await bot.handleUpdate(textUpdate("/start", { chat: "group" }));
    await bot.handleUpdate(textUpdate("/help@articles_test_bot", { chat: "supergroup", languageCode: "en" }));
    const [uk, en] = sent(calls).map(textOf);
    expect(uk).toContain("У мене <b>22</b> статті");
    expect(uk).toContain("У цій групі:\n• <code>/ask@articles_test_bot ваше питання</code>\n• або згадайте @articles_test_bot у повідомленні\n• або відповідайте (reply) на мою відповідь, щоб уточнити.");
    expect(uk).not.toContain("Тут: просто напишіть");
    expect(en).toContain("<b>22</b> articles");
    expect(en).toContain("In this group:\n• <code>/ask@articles_test_bot your question</code>");
    expect(en).not.toContain("just write your question.\n");
  });

  it("/help offers inline mode only when it is on, saying the user sends the answer", async () => {
    const off = makeBot();
    await off.bot.handleUpdate(textUpdate("/help"));
    expect(textOf(sent(off.calls)[0])).not.toContain("inline");
    const on = makeBot({ botInfo: { ...BOT_INFO, supports_inline_queries: true } });
    await on.bot.handleUpdate(textUpdate("/help"));
    await on.bot.handleUpdate(textUpdate("/help", { languageCode: "en" }));
    const [uk, en] = sent(on.calls).map(textOf);
    expect(uk).toContain("• У будь-якому чаті: наберіть @articles_test_bot і питання, а тоді торкніться відповіді, щоб надіслати її туди (inline).");
    expect(en).toContain("• In any chat: type @articles_test_bot and a question, then tap the answer to send it there (inline).");
  });

  it("posts the group's help once when added to a group or a group is created with it, not when others join", async () => {
    const { bot, calls } = makeBot();
    const service = (extra: Record<string, unknown>) => {
      const update = textUpdate("", { chat: "supergroup" }) as unknown as { message: Record<string, unknown> };
      delete update.message.text;
      Object.assign(update.message, extra);
      return update as unknown as Parameters<typeof bot.handleUpdate>[0];
    };
    await bot.handleUpdate(service({ new_chat_members: [{ id: BOT_INFO.id, is_bot: true, first_name: "Articles", username: BOT_INFO.username }] }));
    await bot.handleUpdate(service({ new_chat_members: [{ id: 55, is_bot: false, first_name: "P" }] }));
    await bot.handleUpdate(service({ group_chat_created: true }));
    const texts = sent(calls).map(textOf);
    expect(texts).toHaveLength(2);
    for (const text of texts) expect(text).toContain("У цій групі:\n• <code>/ask@articles_test_bot ваше питання</code>");
  });

  it("keeps answering when the typing indicator fails", async () => {
    const { bot, kb, calls } = makeBot();
    bot.api.config.use(async (prev, method, payload, signal) => {
      if (method === "sendChatAction") return { ok: false, error_code: 500, description: "not supported" } as never;
      return prev(method, payload, signal);
    });
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    expect(kb.asked).toHaveLength(1);
    expect(sent(calls)).toHaveLength(1);
  });

  it("answers 'not found' briefly with the closest titles, with only the 👍/👎 buttons, and counts it", async () => {
    const made = makeBot();
    made.kb.reply = async () => answer({ notFound: true, citations: [], answer: "no", closestTitles: ["Перша <стаття>", "Друга"] });
    await made.bot.handleUpdate(textUpdate("Яка погода на Марсі?"));
    const html = textOf(sent(made.calls)[0]);
    expect(html).toContain("У статтях немає відповіді");
    expect(html).toContain("• Перша &lt;стаття&gt;");
    expect(sent(made.calls)[0]?.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: "👍", callback_data: "v:+" }, { text: "👎", callback_data: "v:-" }]] });
    expect((await made.bot.state.stats.snapshot(5)).notFound).toBe(1);
    expect(html).toContain("Найближчі статті:\n• Перша");
  });

  it("names one closest article in the singular: it is often the only one related to the question", async () => {
    const made = makeBot();
    made.kb.reply = async () => answer({ notFound: true, citations: [], answer: "", closestTitles: ["Метро"] });
    await made.bot.handleUpdate(textUpdate("Коли відкриють метро на Марсі?"));
    await made.bot.handleUpdate(textUpdate("When will the metro on Mars open?"));
    expect(sent(made.calls).map(textOf)).toEqual([
      "У статтях немає відповіді на це питання.\nНайближча стаття:\n• Метро",
      "The articles do not cover this question.\nClosest article:\n• Метро",
    ]);
  });

  it("words 'not found' in the question's language, whatever the client's language", async () => {
    const made = makeBot();
    made.kb.reply = async () => answer({ notFound: true, citations: [], answer: "", closestTitles: [] });
    await made.bot.handleUpdate(textUpdate("Яка погода на Марсі?", { languageCode: "en" }));
    await made.bot.handleUpdate(textUpdate("What is the weather on Mars?", { languageCode: "uk" }));
    expect(sent(made.calls).map(textOf)).toEqual(["У статтях немає відповіді на це питання.", "The articles do not cover this question."]);
  });

  it("turns a QuestionError into its friendly message", async () => {
    const { bot, kb, calls } = makeBot();
    kb.reply = async () => {
      throw new QuestionError("too long", "too-long");
    };
    await bot.handleUpdate(textUpdate("ж".repeat(50)));
    expect(textOf(sent(calls)[0])).toBe("Питання задовге (понад 1000 символів): скоротіть його до суті.");
  });

  it("a forwarded post too long to be a question is told to be asked about in the user's own words, not to be shortened", async () => {
    const { bot, kb, calls } = makeBot();
    // The knowledge base's own check, as the real one runs it.
    kb.reply = async (question) => {
      validateQuestion(question);
      return answer();
    };
    const forwarded = (text: string) => {
      const update = textUpdate(text, { languageCode: "en" });
      return { ...update, message: { ...update.message, forward_origin: { type: "channel", chat: { id: -1001, type: "channel", title: "News" }, message_id: 5, date: 0 } } } as Update;
    };
    await bot.handleUpdate(forwarded(`${"Новини дня. ".repeat(90)}`));
    await bot.handleUpdate(forwarded(`${"News of the day. ".repeat(70)}`));
    expect(sent(calls).map(textOf)).toEqual([
      "Пересланий допис задовгий (понад 1000 символів), щоб питати про нього цілком: напишіть питання своїми словами, наприклад «Що відомо про …?».",
      "A forwarded post this long (over 1000 characters) is too long to ask about as a whole: send your question in your own words, e.g. “What is known about …?”.",
    ]);
    // The user's own question over the bound is still told to shorten it.
    await bot.handleUpdate(textUpdate(`${"News of the day. ".repeat(70)}`, { languageCode: "en" }));
    expect(textOf(sent(calls).at(-1))).toBe("The question is too long (over 1000 characters): please shorten it.");
  });

  it("tells a message that is only a link to write the question in words, not that it is empty; a message of no words is still empty", async () => {
    const { bot, kb, calls } = makeBot();
    // The knowledge base's own check, as the real one runs it.
    kb.reply = async (question) => {
      validateQuestion(question);
      return answer();
    };
    await bot.handleUpdate(textUpdate("https://example.org/news/1"));
    await bot.handleUpdate(textUpdate("https://example.org/news/1 ?", { languageCode: "en" }));
    await bot.handleUpdate(textUpdate("@friend ?!", { languageCode: "en" }));
    expect(sent(calls).map(textOf)).toEqual([
      "Напишіть питання словами: посилання я не відкриваю.",
      "Write the question in words: I don't open links.",
      "The question is empty: write what you want to know.",
    ]);
  });

  it("splits an answer over 4096 UTF-16 units into valid messages without losing text", async () => {
    const { bot, kb, calls } = makeBot();
    const sentence = (i: number): string => `Речення ${i} про <теги> & емодзі 😀 [1].`;
    const paragraphs = Array.from({ length: 40 }, (_, p) => Array.from({ length: 8 }, (_, s) => sentence(p * 8 + s)).join(" "));
    const long = paragraphs.join("\n\n");
    kb.reply = async () => answer({ answer: long, citations: [citation(), citation({ n: 2, title: "Друга" })] });
    await bot.handleUpdate(textUpdate("Розкажи все"));

    const parts = sent(calls).map(textOf);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(4096);
      expect(tagsBalanced(part)).toBe(true);
      expect(/[\uD800-\uDBFF]$/.test(part)).toBe(false); // no half surrogate pair at the end
      expect(/^[\uDC00-\uDFFF]/.test(part)).toBe(false);
    }
    const unescaped = parts.join(" ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    for (let i = 0; i < 320; i++) expect(unescaped).toContain(sentence(i));
    // Only the first part replies to the question; only the last carries the buttons.
    const all = sent(calls);
    expect(all[0]?.payload.reply_parameters).toBeDefined();
    expect(all[1]?.payload.reply_parameters).toBeUndefined();
    expect(all.at(-1)?.payload.reply_markup).toBeDefined();
    expect(all[0]?.payload.reply_markup).toBeUndefined();
  });

  it("rate-limits a flooding user with one friendly message", async () => {
    const { bot, kb, calls } = makeBot({ rateLimit: { burst: 2, refillMs: 60_000 } });
    for (let i = 0; i < 5; i++) await bot.handleUpdate(textUpdate(`питання ${i}`));
    expect(kb.asked).toHaveLength(2);
    const texts = sent(calls).map(textOf);
    expect(texts.filter((t) => t.includes("Забагато запитів"))).toEqual(["Забагато запитів поспіль; зачекайте 60 с і спробуйте ще раз."]);
  });

  it("rate-limits every command (/help, /stats, /reindex) on its own budget, saying how long to wait", async () => {
    const { bot, kb, calls } = makeBot({ commandRateLimit: { burst: 2, refillMs: 5_000 } });
    for (const command of ["/help", "/stats", "/reindex", "/help", "/start"]) await bot.handleUpdate(textUpdate(command, { fromId: ADMIN_ID, languageCode: "en" }));
    const texts = sent(calls).map(textOf);
    expect(texts).toHaveLength(3); // two served, one "wait", then silence
    expect(texts[2]).toBe("Too many requests at once; please wait 5 s and try again.");
    expect(kb.reindexCalls).toBe(0);
    // Questions keep their own budget.
    await bot.handleUpdate(textUpdate("Хто такий Гор?", { fromId: ADMIN_ID }));
    expect(kb.asked).toHaveLength(1);
  });

  it("a flood of bare /ask or bare mentions gets its hint on the command budget: one 'wait', then silence", async () => {
    const { bot, calls } = makeBot({ commandRateLimit: { burst: 2, refillMs: 60_000 } });
    for (let i = 0; i < 6; i++) await bot.handleUpdate(textUpdate("/ask", { chat: "supergroup" }));
    for (let i = 0; i < 6; i++) await bot.handleUpdate(textUpdate("@articles_test_bot", { chat: "supergroup", fromId: 8 }));
    for (let i = 0; i < 6; i++) await bot.handleUpdate(textUpdate("/ask", { fromId: 9 }));
    const texts = sent(calls).map(textOf);
    expect(texts).toHaveLength(9); // per user: two hints, one "wait"
    expect(texts.filter((t) => t.includes("Забагато запитів"))).toHaveLength(3);
  });

  it("a flood of greetings gets its 'wait' in the greetings' language, as their replies; a command's in the client's", async () => {
    const { bot, calls } = makeBot({ commandRateLimit: { burst: 1, refillMs: 60_000 } });
    for (let i = 0; i < 2; i++) await bot.handleUpdate(textUpdate("hello", { languageCode: "ru" }));
    for (let i = 0; i < 2; i++) await bot.handleUpdate(textUpdate("Привет", { fromId: 8, languageCode: "en" }));
    for (let i = 0; i < 2; i++) await bot.handleUpdate(textUpdate("/help", { fromId: 9, languageCode: "en" }));
    expect(sent(calls).map((c) => textOf(c).slice(0, 20))).toEqual(["Hello! I answer ques", "Too many requests at", "Привіт! Я відповідаю", "Забагато запитів пос", "I answer questions a", "Too many requests at"]);
  });

  it("counts only the commands it answers: other bots' commands in a group leave /help alone", async () => {
    const { bot, calls } = makeBot({ commandRateLimit: { burst: 2, refillMs: 60_000 } });
    for (let i = 0; i < 7; i++) await bot.handleUpdate(textUpdate("/roll", { chat: "group" }));
    await bot.handleUpdate(textUpdate("/help@other_bot", { chat: "group" }));
    expect(calls).toHaveLength(0);
    await bot.handleUpdate(textUpdate("/help", { chat: "group" }));
    expect(sent(calls).map(textOf)).toEqual([expect.stringContaining("У мене <b>1</b> стаття")]);
    // In a private chat an unknown command is answered, so it is counted.
    await bot.handleUpdate(textUpdate("/roll"));
    await bot.handleUpdate(textUpdate("/roll"));
    await bot.handleUpdate(textUpdate("/roll"));
    expect(sent(calls).map(textOf).slice(1)).toEqual(["Не знаю такої команди. /help покаже, що я вмію.", "Забагато запитів поспіль; зачекайте 60 с і спробуйте ще раз."]);
  });
});

describe("unknown commands in groups", () => {
  it("answers one addressed to this bot by name, replying to it; a bare one or another bot's is not for it", async () => {
    const { bot, calls } = makeBot();
    await bot.handleUpdate(textUpdate("/foo", { chat: "group" }));
    await bot.handleUpdate(textUpdate("/foo@other_bot", { chat: "supergroup" }));
    expect(calls).toHaveLength(0);
    const addressed = textUpdate(`/foo@${BOT_INFO.username}`, { chat: "group" });
    await bot.handleUpdate(addressed);
    await bot.handleUpdate(textUpdate("/settings@Articles_Test_Bot", { chat: "supergroup", languageCode: "en" }));
    expect(sent(calls).map(textOf)).toEqual(["Не знаю такої команди. /help покаже, що я вмію.", "I do not know this command. /help shows what I can do."]);
    expect(sent(calls)[0]?.payload.reply_parameters).toMatchObject({ message_id: addressed.message?.message_id });
  });
});

describe("commands in any case", () => {
  it("/Help, /Start, /ASK …, /Ask@ThisBot … and an admin's /Stats are the bot's commands, as Telegram's clients read them; /Stats from someone else is still refused", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(textUpdate("/Help"));
    await bot.handleUpdate(textUpdate("/Start", { chat: "group" }));
    await bot.handleUpdate(textUpdate("/ASK Хто такий Гор?"));
    await bot.handleUpdate(textUpdate("/Ask@Articles_Test_Bot Хто такий Серджіо Гор?", { chat: "supergroup" }));
    await bot.handleUpdate(textUpdate("/Stats", { fromId: ADMIN_ID }));
    await bot.handleUpdate(textUpdate("/STATS"));
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Гор?", "Хто такий Серджіо Гор?"]);
    const texts = sent(calls).map(textOf);
    expect(texts).toHaveLength(6);
    expect(texts[0]).toContain("У мене <b>1</b> стаття");
    expect(texts[1]).toContain("У цій групі:");
    expect(texts[4]).toContain("<b>Індекс</b>");
    expect(texts[5]).toBe(messages.adminOnly("uk"));
    expect(texts.join("\n")).not.toContain("Не знаю такої команди");
  });

  it("a group question edited into /ASK@ThisBot … is answered, as one edited into /ask@thisbot is", async () => {
    const { bot, kb } = makeBot();
    const update = textUpdate("Хто такий Гор?", { chat: "group" });
    await bot.handleUpdate(update);
    await bot.handleUpdate(editedUpdate(update, "/ASK@Articles_Test_Bot Хто такий Гор?"));
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Гор?"]);
  });
});

describe("/ask alone", () => {
  it("in a private chat says to write the question, with no mention (it means nothing there); in a group it offers the mention", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(textUpdate("/ask"));
    await bot.handleUpdate(textUpdate("/ask", { languageCode: "en" }));
    await bot.handleUpdate(textUpdate("/ask", { chat: "group" }));
    expect(kb.asked).toHaveLength(0);
    expect(sent(calls).map(textOf)).toEqual([
      "Напишіть питання після команди (<code>/ask Що нового?</code>) або просто надішліть його повідомленням.",
      "Write the question after the command (<code>/ask What's new?</code>) or just send it as a message.",
      "Напишіть питання після команди, наприклад: <code>/ask@articles_test_bot Що нового?</code> (або згадайте @articles_test_bot).",
    ]);
  });
});

describe("the example questions of the greeting, the hints and /help", () => {
  // The seed article's "Хто такий Серджіо Гор?" got "not found" from every other archive.
  const greetAndHint = async (info: (base: IndexInfo) => IndexInfo, now?: () => number) => {
    // Six commands and small talk from one user: more than the default budget's five.
    const { bot, kb, calls } = makeBot({ commandRateLimit: { burst: 10, refillMs: 3_000 }, ...(now ? { now } : {}) });
    const base = kb.info();
    kb.info = () => info(base);
    await bot.handleUpdate(textUpdate("Привіт"));
    await bot.handleUpdate(textUpdate("hello", { languageCode: "en" }));
    await bot.handleUpdate(textUpdate("/ask", { chat: "group" }));
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username}`, { chat: "group", languageCode: "en" }));
    await bot.handleUpdate(textUpdate("/help"));
    await bot.handleUpdate(textUpdate("/help", { languageCode: "en" }));
    return sent(calls).map(textOf);
  };

  it("ask what any archive with dated articles answers (its newest), never about a topic of one article", async () => {
    const texts = await greetAndHint((base) => ({ ...base, dateRange: { from: "2025-03-01", to: "2025-11-05" }, dates: ["2025-03-01", "2025-11-05"], titles: ["Міст у Львові"] }));
    for (const text of texts) expect(text).not.toMatch(/Серджіо|Sergio/);
    expect(texts.slice(0, 4)).toEqual([
      "Привіт! Я відповідаю на питання за статтями й наводжу джерела. Просто напишіть питання, наприклад: <i>Що нового?</i> /help розповість більше.",
      "Hello! I answer questions about the articles and cite my sources. Just write a question, e.g. <i>What's new?</i> /help tells more.",
      "Напишіть питання після команди, наприклад: <code>/ask@articles_test_bot Що нового?</code> (або згадайте @articles_test_bot).",
      "Write the question together with the mention, e.g. <code>@articles_test_bot What's new?</code> (or <code>/ask@articles_test_bot What's new?</code>).",
    ]);
    // The day asked about in /help is the newest article's, with its year: it lists that article.
    expect(texts[4]).toContain("• <i>Що було 5 листопада 2025?</i>");
    expect(texts[5]).toContain("• <i>What happened on 5 November 2025?</i>");
    expect(texts[4]).not.toContain("10 лютого");
  });

  it("/help asks about the newest day up to today, not an announcement's day ahead as past; all ahead, the nearest as to come", async () => {
    // 27 November 2026, late evening in Kyiv (already 28 November there; still the 27th in UTC).
    const now = () => Date.parse("2026-11-27T22:30:00Z");
    const dated = (dates: string[]) => (base: IndexInfo) => ({ ...base, articles: dates.length, dateRange: { from: dates[0]!, to: dates.at(-1)! }, dates });
    const mixed = await greetAndHint(dated(["2026-10-01", "2026-11-20", "2026-11-28", "2027-03-01"]), now);
    expect(mixed[4]).toContain("• <i>Що було 28 листопада 2026?</i>");
    expect(mixed[5]).toContain("• <i>What happened on 28 November 2026?</i>");
    const ahead = await greetAndHint(dated(["2027-03-01", "2027-05-09"]), now);
    expect(ahead[4]).toContain("• <i>Що буде 1 березня 2027?</i>");
    expect(ahead[5]).toContain("• <i>What will happen on 1 March 2027?</i>");
    for (const text of [...mixed, ...ahead]) expect(text).not.toMatch(/Що було (?:1 березня|9 травня) 2027|What happened on (?:1 March|9 May) 2027/);
  });

  it("name no question when no article is dated or there are none (none is sure of an answer), and /help leaves out questions about time", async () => {
    for (const articles of [3, 0]) {
      const texts = await greetAndHint((base) => ({ ...base, articles, dateRange: { from: null, to: null }, titles: articles ? ["A", "B", "C"] : [] }));
      expect(texts.slice(0, 4)).toEqual([
        "Привіт! Я відповідаю на питання за статтями й наводжу джерела. Просто напишіть питання. /help розповість більше.",
        "Hello! I answer questions about the articles and cite my sources. Just write a question. /help tells more.",
        "Напишіть питання після команди, наприклад: <code>/ask@articles_test_bot ваше питання</code> (або згадайте @articles_test_bot).",
        "Write the question together with the mention, e.g. <code>@articles_test_bot your question</code> (or <code>/ask@articles_test_bot your question</code>).",
      ]);
      expect(texts[4]).not.toContain("Питання про час");
      expect(texts[5]).not.toContain("Questions about time");
    }
  });
});

describe("short lines in a busy group", () => {
  it("/ask alone, /help, /start and /latest reply to the command in a group (whom they answer must show), not in a private chat", async () => {
    // Six commands from one user: more than the default budget's five.
    const { bot, calls } = makeBot({ commandRateLimit: { burst: 10, refillMs: 3_000 } });
    const commands = ["/ask", "/help", `/start@${BOT_INFO.username}`, "/latest"].map((text) => textUpdate(text, { chat: "supergroup" }));
    for (const update of commands) await bot.handleUpdate(update);
    expect(sent(calls).map((c) => c.payload.reply_parameters)).toEqual(commands.map((u) => ({ message_id: u.message?.message_id, allow_sending_without_reply: true })));
    const before = sent(calls).length;
    for (const text of ["/help", "/latest"]) await bot.handleUpdate(textUpdate(text));
    expect(sent(calls).slice(before).map((c) => c.payload.reply_parameters)).toEqual([undefined, undefined]);
  });
});

describe("our own inline answers", () => {
  it("one sent into the private chat with the bot is an answer, not a question; another bot's is asked", async () => {
    const { bot, kb, calls } = makeBot();
    const viaUs = textUpdate("Хто такий Серджіо Гор? — Посланець США [1].") as unknown as { message: Record<string, unknown> };
    viaUs.message.via_bot = { id: BOT_INFO.id, is_bot: true, first_name: "Bot", username: BOT_INFO.username };
    await bot.handleUpdate(viaUs as unknown as Parameters<typeof bot.handleUpdate>[0]);
    expect(kb.asked).toEqual([]);
    expect(sent(calls, "sendMessage")).toEqual([]);
    const viaOther = textUpdate("Хто такий Серджіо Гор?") as unknown as { message: Record<string, unknown> };
    viaOther.message.via_bot = { id: 4242, is_bot: true, first_name: "Other", username: "other_bot" };
    await bot.handleUpdate(viaOther as unknown as Parameters<typeof bot.handleUpdate>[0]);
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Серджіо Гор?"]);
  });

  it("one sent into a group is no question, though the question it repeats mentions the bot", async () => {
    const { bot, kb, calls } = makeBot();
    const viaUs = textUpdate(`❓ @${BOT_INFO.username} хто такий Серджіо Гор?\n\nСерджіо Гор – посланець США [1].`, { chat: "group" }) as unknown as { message: Record<string, unknown> };
    viaUs.message.via_bot = { id: BOT_INFO.id, is_bot: true, first_name: "Bot", username: BOT_INFO.username };
    await bot.handleUpdate(viaUs as unknown as Parameters<typeof bot.handleUpdate>[0]);
    expect(kb.asked).toEqual([]);
    expect(calls).toEqual([]);
  });
});

describe("messages without text", () => {
  /** A message with `media` (a photo, voice message, sticker…) instead of text. */
  const mediaUpdate = (media: Record<string, unknown>, options: Parameters<typeof textUpdate>[1] = {}) => {
    const update = textUpdate("", options) as unknown as { message: Record<string, unknown> };
    delete update.message.text;
    Object.assign(update.message, media);
    return update as unknown as Parameters<ReturnType<typeof makeBot>["bot"]["handleUpdate"]>[0];
  };
  const photo = { photo: [{ file_id: "p", file_unique_id: "p", width: 90, height: 90 }] };
  const voice = { voice: { file_id: "v", file_unique_id: "v", duration: 2 } };
  const sticker = { sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 512, height: 512, is_animated: false, is_video: false } };

  it("in a private chat, a photo, voice message or sticker gets 'send it as text', on the command budget", async () => {
    const { bot, kb, calls } = makeBot({ commandRateLimit: { burst: 3, refillMs: 60_000 } });
    await bot.handleUpdate(mediaUpdate(photo));
    await bot.handleUpdate(mediaUpdate(voice, { languageCode: "en" }));
    await bot.handleUpdate(mediaUpdate(sticker));
    await bot.handleUpdate(mediaUpdate(sticker));
    await bot.handleUpdate(mediaUpdate(sticker));
    expect(sent(calls).map(textOf)).toEqual([
      "Надішліть, будь ласка, питання текстом.",
      "Please send your question as text.",
      "Надішліть, будь ласка, питання текстом.",
      "Забагато запитів поспіль; зачекайте 60 с і спробуйте ще раз.",
    ]);
    expect(kb.asked).toHaveLength(0);
  });

  it("in a private chat, 'send it as text' (and 'no such command') replies to the message it is about", async () => {
    const { bot, calls } = makeBot();
    const updates = [mediaUpdate(sticker), mediaUpdate(voice), mediaUpdate({ contact: { phone_number: "+380", first_name: "X" } }), textUpdate("/roll")];
    for (const update of updates) await bot.handleUpdate(update);
    expect(sent(calls).map((c) => (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id)).toEqual(updates.map((u) => u.message?.message_id));
  });

  it("in a private chat, an album (a message per photo) is answered once: by its caption's answer, else by one 'send it as text'", async () => {
    const { bot, kb, calls } = makeBot({ albumWaitMs: 20 });
    const album = (group: string, caption?: string) => [
      mediaUpdate({ ...photo, media_group_id: group, ...(caption ? { caption } : {}) }),
      mediaUpdate({ ...photo, media_group_id: group }),
      mediaUpdate({ ...photo, media_group_id: group }),
    ];
    for (const update of album("a1", "Хто такий Серджіо Гор?")) await bot.handleUpdate(update);
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Серджіо Гор?"]);
    expect(sent(calls)).toHaveLength(1);
    expect(textOf(sent(calls)[0])).toContain("<b>Джерела</b>");

    for (const update of album("a2")) await bot.handleUpdate(update);
    await sleep(60); // the album's first photo waits for a caption on the others
    expect(sent(calls).slice(1).map(textOf)).toEqual(["Надішліть, будь ласка, питання текстом."]);
    // Another album, or a photo of its own, is answered again.
    await bot.handleUpdate(mediaUpdate(photo));
    expect(sent(calls)).toHaveLength(3);
  });

  it("in a private chat, an album whose caption is on a later photo gets only its answer, no 'send it as text'", async () => {
    const { bot, kb, calls } = makeBot({ albumWaitMs: 20 });
    const group = { ...photo, media_group_id: "a3" };
    for (const update of [mediaUpdate(group), mediaUpdate({ ...group, caption: "Хто такий Серджіо Гор?" }), mediaUpdate(group)]) await bot.handleUpdate(update);
    await sleep(60);
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Серджіо Гор?"]);
    expect(sent(calls)).toHaveLength(1);
    expect(textOf(sent(calls)[0])).toContain("<b>Джерела</b>");
    // A caption that is /ask with its question likewise.
    const asked = { ...photo, media_group_id: "a4" };
    const command = "/ask Хто такий Серджіо Гор?";
    const captioned = mediaUpdate({ ...asked, caption: command, caption_entities: [{ type: "bot_command", offset: 0, length: 4 }] });
    for (const update of [mediaUpdate(asked), captioned, mediaUpdate(asked)]) await bot.handleUpdate(update);
    await sleep(60);
    expect(kb.asked).toHaveLength(2);
    expect(sent(calls)).toHaveLength(2);
    expect(textOf(sent(calls)[1])).toContain("<b>Джерела</b>");
  });

  it("in a private chat, several files sent together by someone not an admin get one refusal, or only the answer to a caption on the last", async () => {
    const { bot, kb, calls } = makeBot({ albumWaitMs: 20 });
    const file = (group: string, caption?: string) => {
      const update = documentUpdate("report.pdf", { fromId: USER_ID, ...(caption ? { caption } : {}) });
      Object.assign(update.message as object, { media_group_id: group });
      return update;
    };
    for (const update of [file("d1"), file("d1"), file("d1")]) await bot.handleUpdate(update);
    await sleep(60);
    expect(sent(calls).map(textOf)).toEqual(["Вибачте, це можуть лише адміністратори бота."]);
    for (const update of [file("d2"), file("d2"), file("d2", "Хто такий Серджіо Гор?")]) await bot.handleUpdate(update);
    await sleep(60);
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Серджіо Гор?"]);
    expect(sent(calls)).toHaveLength(2);
    expect(textOf(sent(calls)[1])).toContain("<b>Джерела</b>");
  });

  it("in a private chat, a GIF (which Telegram also sends as a document) gets 'send it as text', from anyone and an admin alike, and its caption is asked", async () => {
    const { bot, kb, calls } = makeBot({ downloadFile: async () => new TextEncoder().encode("x") });
    const gif = (fromId: number, caption?: string) => {
      const update = documentUpdate("giphy.mp4", { fromId, mimeType: "video/mp4", ...(caption ? { caption } : {}) });
      Object.assign(update.message as object, { animation: { file_id: "f", file_unique_id: "u", width: 320, height: 240, duration: 2, file_name: "giphy.mp4", mime_type: "video/mp4" } });
      return update;
    };
    await bot.handleUpdate(gif(USER_ID));
    await bot.handleUpdate(gif(ADMIN_ID));
    expect(sent(calls).map(textOf)).toEqual(["Надішліть, будь ласка, питання текстом.", "Надішліть, будь ласка, питання текстом."]);
    await bot.handleUpdate(gif(ADMIN_ID, "Хто такий Серджіо Гор?"));
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Серджіо Гор?"]);
    expect(calls.map((c) => c.method)).not.toContain("getFile");
  });

  it("in a private chat, a photo whose caption is a question is answered", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(mediaUpdate({ ...photo, caption: "Хто такий Серджіо Гор?" }));
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Серджіо Гор?"]);
    expect(textOf(sent(calls)[0])).toContain("Серджіо Гор – спеціальний посланець США [1].");
  });

  it("in a group, a photo whose caption mentions the bot or is /ask is asked like a text; other captions are not", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(mediaUpdate({ ...photo, caption: `@${BOT_INFO.username} хто такий Серджіо Гор?` }, { chat: "group" }));
    await bot.handleUpdate(mediaUpdate({ ...photo, caption: "/ask Де був форум?", caption_entities: [{ type: "bot_command", offset: 0, length: 4 }] }, { chat: "supergroup" }));
    await bot.handleUpdate(mediaUpdate({ ...photo, caption: "/ask@other_bot Де був форум?", caption_entities: [{ type: "bot_command", offset: 0, length: 14 }] }, { chat: "group" }));
    await bot.handleUpdate(mediaUpdate({ ...photo, caption: "Хто такий Серджіо Гор?" }, { chat: "group" }));
    expect(kb.asked.map((a) => a.question)).toEqual(["хто такий Серджіо Гор?", "Де був форум?"]);
    expect(sent(calls)).toHaveLength(2);
    expect(sent(calls)[0]?.payload.reply_parameters).toBeDefined();
    // In a private chat, "/ask …" as a caption is the question after it.
    await bot.handleUpdate(mediaUpdate({ ...photo, caption: "/ask Хто такий Гор?", caption_entities: [{ type: "bot_command", offset: 0, length: 4 }] }));
    expect(kb.asked.at(-1)?.question).toBe("Хто такий Гор?");
  });

  it("stays silent on them in groups, even in a reply to its answer", async () => {
    const { bot, calls } = makeBot();
    await bot.handleUpdate(mediaUpdate(photo, { chat: "group" }));
    await bot.handleUpdate(mediaUpdate(sticker, { chat: "supergroup", replyTo: { message_id: 1001, fromBot: true } }));
    expect(calls).toHaveLength(0);
  });
});

describe("groups", () => {
  it("stays silent on a message that does not address the bot", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?", { chat: "group" }));
    await bot.handleUpdate(textUpdate("привіт @someone_else", { chat: "supergroup" }));
    await bot.handleUpdate(textUpdate("/ask@other_bot питання", { chat: "group" }));
    expect(kb.asked).toHaveLength(0);
    expect(calls).toHaveLength(0);
  });

  it("answers /ask, /ask@botname and a mention, and hints on an empty /ask", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(textUpdate("/ask Хто такий Гор?", { chat: "group" }));
    await bot.handleUpdate(textUpdate(`/ask@${BOT_INFO.username} Де форум?`, { chat: "supergroup" }));
    await bot.handleUpdate(textUpdate(`@Articles_Test_Bot, коли був форум?`, { chat: "group" }));
    await bot.handleUpdate(textUpdate("/ask", { chat: "group" }));
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Гор?", "Де форум?", "коли був форум?"]);
    const texts = sent(calls).map(textOf);
    expect(texts).toHaveLength(4);
    expect(texts[3]).toContain("/ask@articles_test_bot Що нового?");
    expect(sent(calls)[0]?.payload.chat_id).toBe(-100500);
  });

  it("a mention inside a question leaves no gap and no dangling comma in what is asked (and shown in /stats)", async () => {
    const { bot, kb } = makeBot();
    for (const [i, text] of [
      "Хто такий @articles_test_bot Гор?",
      "Хто такий Гор, @articles_test_bot?",
      "Привіт, @articles_test_bot, хто такий Гор?",
      "Хто такий Гор? @articles_test_bot",
      "@articles_test_bot: де форум?",
      "Де форум —\n@articles_test_bot\nі коли?",
    ].entries()) {
      await bot.handleUpdate(textUpdate(text, { chat: "group", fromId: 100 + i })); // one each: a user's budget is 5
    }
    expect(kb.asked.map((a) => a.question)).toEqual([
      "Хто такий Гор?",
      "Хто такий Гор?",
      "Привіт, хто такий Гор?",
      "Хто такий Гор?",
      "де форум?",
      "Де форум —\nі коли?",
    ]);
  });

  it("answers «@bot Хто такий <script>alert(1)</script> & Кличко?» from a Ukrainian user in Ukrainian: the markup's Latin letters are not the question's language", async () => {
    const { bot, kb, calls } = makeBot();
    kb.reply = async () => answer({ notFound: true, citations: [] });
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username} Хто такий <script>alert(1)</script> & Кличко?`, { chat: "group", languageCode: "uk" }));
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий <script>alert(1)</script> & Кличко?"]);
    expect(textOf(sent(calls)[0])).toContain("У статтях немає відповіді на це питання.");
  });

  it("treats a reply to one of its answers as a follow-up with the earlier turn as history", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(textUpdate("/ask Хто такий Гор?", { chat: "group" }));
    const answerId = 1001; // the recorder numbers sent messages from 1001
    await bot.handleUpdate(textUpdate("А де він працює?", { chat: "group", replyTo: { message_id: answerId, fromBot: true } }));
    // A reply to someone else is not for the bot.
    await bot.handleUpdate(textUpdate("згоден", { chat: "group", replyTo: { message_id: 5, fromBot: false } }));

    expect(kb.asked).toHaveLength(2);
    expect(kb.asked[1]).toEqual({
      question: "А де він працює?",
      options: { history: [{ question: "Хто такий Гор?", answer: answer().answer }], lang: "uk", onDraft: expect.any(Function), signal: expect.any(AbortSignal) },
    });
    expect(sent(calls)).toHaveLength(2);
  });

  it("a reply to a listing carries the listed articles (their titles and ids), marked as a listing, as its history", async () => {
    const { bot, kb } = makeBot();
    kb.reply = async () => answer({ kind: "listing", answer: "", remembered: "1. Форум B5+1\n2. Метро на Виноградарі", citations: [citation(), citation({ n: 2, articleId: "2.txt", title: "Метро на Виноградарі" })] });
    await bot.handleUpdate(textUpdate("/ask Що нового?", { chat: "group" }));
    await bot.handleUpdate(textUpdate("А про що друга?", { chat: "group", replyTo: { message_id: 1001, fromBot: true } }));
    expect(kb.asked[1]?.options?.history).toEqual([{ question: "Що нового?", answer: "1. Форум B5+1\n2. Метро на Виноградарі", listing: true, listed: [CHUNK.articleId, "2.txt"] }]);
  });

  it("a group upgraded to a supergroup keeps its follow-ups: a reply to an answer from before the upgrade continues its conversation", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(textUpdate("/ask Хто такий Гор?", { chat: "group" }));
    const group = { id: -100500, type: "group", title: "G" };
    const supergroup = { id: -1001234567890, type: "supergroup", title: "G" };
    const from = { id: 7, is_bot: false, first_name: "U" };
    // Telegram announces the upgrade in both chats.
    await bot.handleUpdate({ update_id: 9001, message: { message_id: 3, date: 0, chat: group, from, migrate_to_chat_id: supergroup.id } } as unknown as Update);
    await bot.handleUpdate({ update_id: 9002, message: { message_id: 1, date: 0, chat: supergroup, from, migrate_from_chat_id: group.id } } as unknown as Update);
    // A reply to the old chat's answer comes from the new chat as an external reply naming the old one.
    const quote = (chat: typeof supergroup, updateId: number) =>
      ({
        update_id: updateId,
        message: {
          message_id: 2,
          date: 0,
          chat,
          from,
          text: "А де він працює?",
          external_reply: { origin: { type: "user", date: 0, sender_user: { id: BOT_INFO.id, is_bot: true, first_name: "Articles" } }, chat: group, message_id: 1001 },
        },
      }) as unknown as Update;
    await bot.handleUpdate(quote(supergroup, 9003));
    expect(kb.asked).toHaveLength(2);
    expect(kb.asked[1]?.options?.history).toEqual([{ question: "Хто такий Гор?", answer: answer().answer }]);
    expect(sent(calls)[1]?.payload.chat_id).toBe(supergroup.id);
    // A quote of that answer in any other group is not its follow-up.
    await bot.handleUpdate(quote({ id: -1009999, type: "supergroup", title: "Other" }, 9004));
    expect(kb.asked).toHaveLength(2);
  });

  it("takes a reply to its answer as a follow-up only when it asks the bot something: chatter and replies to someone else are for people", async () => {
    const { bot, kb, calls } = makeBot({ rateLimit: { burst: 10, refillMs: 60_000 }, groupRateLimit: { burst: 10, refillMs: 60_000 } });
    await bot.handleUpdate(textUpdate("/ask Хто такий Гор?", { chat: "group" }));
    const reply = (text: string) => textUpdate(text, { chat: "group", fromId: 8, replyTo: { message_id: 1001, fromBot: true } });
    for (const text of ["лол, ну таке", "@petro глянь", "@petro хто це взагалі?", "згоден, цікаво", "Гор молодець"]) await bot.handleUpdate(reply(text));
    expect(kb.asked).toHaveLength(1);
    expect(sent(calls)).toHaveLength(1);
    // A "?", a question word first (after "а", "and", a preposition), or a mention of the bot.
    for (const text of ["а з ким він зустрівся", "and who paid for it", "Чому", "Кто его назначил", "він досі посланець?", `@${BOT_INFO.username} розкажи більше`]) await bot.handleUpdate(reply(text));
    expect(kb.asked.map((a) => a.question)).toEqual([
      "Хто такий Гор?",
      "а з ким він зустрівся",
      "and who paid for it",
      "Чому",
      "Кто его назначил",
      "він досі посланець?",
      "розкажи більше",
    ]);
    expect(kb.asked[1]?.options?.history).toEqual([{ question: "Хто такий Гор?", answer: answer().answer }]);
  });

  it("under its answer, a reaction with a '?' ('😂?', '??') or a link with one is for people: no 'question is empty' reply", async () => {
    const { bot, kb, calls } = makeBot({ rateLimit: { burst: 10, refillMs: 60_000 } });
    await bot.handleUpdate(textUpdate("/ask Хто такий Гор?", { chat: "group" }));
    const reply = (text: string) => textUpdate(text, { chat: "group", fromId: 8, replyTo: { message_id: 1001, fromBot: true } });
    for (const text of ["😂?", "??", "?!", "глянь https://example.org/?id=5"]) await bot.handleUpdate(reply(text));
    expect(kb.asked).toHaveLength(1);
    expect(sent(calls)).toHaveLength(1);
  });

  it("under its answer, a short reaction with a '?' ('серйозно?', 'і що?', 'so what?') or surprise ending '?!' does not post the answer again; a short follow-up is asked", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(textUpdate("/ask Хто такий Гор?", { chat: "group" }));
    const reactions = ["серйозно?", "правда?", "справді?", "серьёзно?", "really?", "seriously?", "что??", "що?", "wtf?", "и что?", "і що?", "so what?", "Ого, 12 гривен?!"];
    // One member each: a member's budget is no part of it.
    for (const [i, text] of reactions.entries()) await bot.handleUpdate(textUpdate(text, { chat: "group", fromId: 200 + i, replyTo: { message_id: 1001, fromBot: true } }));
    expect(kb.asked).toHaveLength(1);
    expect(sent(calls)).toHaveLength(1);
    for (const [i, text] of ["Чому?", "А хто?", "Where?", "Хто саме?"].entries()) await bot.handleUpdate(textUpdate(text, { chat: "group", fromId: 300 + i, replyTo: { message_id: 1001, fromBot: true } }));
    expect(kb.asked.slice(1).map((a) => a.question)).toEqual(["Чому?", "А хто?", "Where?", "Хто саме?"]);
  });

  it("under its answer, ignores remarks that open like a question; answers a yes/no question typed without '?'", async () => {
    const { bot, kb, calls } = makeBot({ rateLimit: { burst: 10, refillMs: 60_000 } });
    await bot.handleUpdate(textUpdate("/ask Хто такий Гор?", { chat: "group" }));
    const reply = (text: string) => textUpdate(text, { chat: "group", fromId: 8, replyTo: { message_id: 1001, fromBot: true } });
    for (const text of ["Як завжди, мимо", "Что ж, посмотрим", "Как всегда", "what a day", "Did it!"]) await bot.handleUpdate(reply(text));
    expect(kb.asked).toHaveLength(1);
    expect(sent(calls)).toHaveLength(1);
    for (const text of ["did Gor meet Japarov", "Был ли он на форуме"]) await bot.handleUpdate(reply(text));
    expect(kb.asked.slice(1).map((a) => a.question)).toEqual(["did Gor meet Japarov", "Был ли он на форуме"]);
    expect(sent(calls)).toHaveLength(3);
  });

  it("in a private chat, a reply to its answer is a question whatever it says", async () => {
    const { bot, kb } = makeBot();
    await bot.handleUpdate(textUpdate("Хто такий Гор?"));
    await bot.handleUpdate(textUpdate("розкажи більше", { replyTo: { message_id: 1001, fromBot: true } }));
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Гор?", "розкажи більше"]);
  });
});

describe("thanks, acknowledgements and greetings", () => {
  it("in a private chat: thanks get a short line, 'ok' and emoji nothing, a greeting the gist of /start; none is asked or counted", async () => {
    const { bot, kb, calls } = makeBot();
    for (const text of ["Дякую!", "ок", "👍", "+", "Привіт", "Thank you so much", "hello"]) await bot.handleUpdate(textUpdate(text));
    expect(kb.asked).toHaveLength(0);
    expect(sent(calls).map(textOf)).toEqual([
      "Будь ласка! Пишіть, якщо будуть ще питання.",
      expect.stringMatching(/^Привіт! Я відповідаю на питання за статтями й наводжу джерела\. Просто напишіть питання/),
      "You're welcome! Ask whenever you like.",
      expect.stringMatching(/^Hello! I answer questions about the articles/),
    ]);
    expect((await bot.state.stats.snapshot(5)).questions).toBe(0);
    // A question that starts with a greeting is a question.
    await bot.handleUpdate(textUpdate("Привіт, хто такий Гор?"));
    expect(kb.asked.map((a) => a.question)).toEqual(["Привіт, хто такий Гор?"]);
  });

  it("in a private chat, 'what can you do?' or 'Как дела?' gets the greeting in its language, not 'not covered', and is not counted", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(textUpdate("What can you do?", { languageCode: "ru" }));
    await bot.handleUpdate(textUpdate("Привет, как дела?", { languageCode: "en" }));
    expect(kb.asked).toHaveLength(0);
    expect(sent(calls).map(textOf)).toEqual([expect.stringMatching(/^Hello! I answer questions about the articles/), expect.stringMatching(/^Привіт! Я відповідаю на питання за статтями/)]);
    expect((await bot.state.stats.snapshot(5)).questions).toBe(0);
  });

  it("in a group: thanks or 'ok' replying to an answer and any reply to /help are not questions, and /stats lists none of them", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(textUpdate("/ask Хто такий Гор?", { chat: "group" }));
    await bot.handleUpdate(textUpdate("/help", { chat: "group" }));
    const [answerId, helpId] = [1001, 1002];
    await bot.handleUpdate(textUpdate("Дякую!", { chat: "group", replyTo: { message_id: answerId, fromBot: true } }));
    await bot.handleUpdate(textUpdate("ок", { chat: "group", replyTo: { message_id: answerId, fromBot: true } }));
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username} thanks!`, { chat: "group" }));
    await bot.handleUpdate(textUpdate("ок", { chat: "group", replyTo: { message_id: helpId, fromBot: true } }));
    await bot.handleUpdate(textUpdate("А що ще?", { chat: "group", replyTo: { message_id: helpId, fromBot: true } }));
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Гор?"]);
    expect(sent(calls)).toHaveLength(2);
    expect((await bot.state.stats.snapshot(5)).recentNotFound).toEqual([]);
  });

  it("in a group, a reply to an answer whose conversation is no longer kept is still a follow-up, told by its 👍/👎", async () => {
    const { bot, kb } = makeBot();
    const update = textUpdate("А де він працює?", { chat: "group", replyTo: { message_id: 777, fromBot: true } });
    const replied = (update.message as unknown as { reply_to_message: Record<string, unknown> }).reply_to_message;
    replied.reply_markup = { inline_keyboard: [[{ text: "👍", callback_data: "v:+" }, { text: "👎", callback_data: "v:-" }]] };
    await bot.handleUpdate(update);
    expect(kb.asked.map((a) => a.question)).toEqual(["А де він працює?"]);
  });

  it("a bare mention (or a greeting with it) in a group is asked for a question, in words about a mention", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username}`, { chat: "group" }));
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username} hello`, { chat: "supergroup", languageCode: "en" }));
    expect(kb.asked).toHaveLength(0);
    expect(sent(calls).map(textOf)).toEqual([
      "Напишіть питання разом зі згадкою, наприклад: <code>@articles_test_bot Що нового?</code> (або <code>/ask@articles_test_bot Що нового?</code>).",
      "Write the question together with the mention, e.g. <code>@articles_test_bot What's new?</code> (or <code>/ask@articles_test_bot What's new?</code>).",
    ]);
  });

  it("a greeting with a mention in a group gets the hint in the greeting's language, as in a private chat; a bare mention in the client's", async () => {
    const { bot, calls } = makeBot();
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username} hi, what can you do?`, { chat: "group", languageCode: "ru" }));
    await bot.handleUpdate(textUpdate(`Привет, @${BOT_INFO.username}! Что ты умеешь?`, { chat: "group", languageCode: "en" }));
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username}`, { chat: "group", languageCode: "en" }));
    expect(sent(calls).map((c) => textOf(c).split(",")[0])).toEqual(["Write the question together with the mention", "Напишіть питання разом зі згадкою", "Write the question together with the mention"]);
  });

  it("in a group, a question replying to the hint for a bare mention or /ask is asked; thanks under it is not", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username}`, { chat: "group" }));
    await bot.handleUpdate(textUpdate("Хто такий Гор?", { chat: "group", replyTo: { message_id: 1001, fromBot: true } }));
    await bot.handleUpdate(textUpdate(`/ask@${BOT_INFO.username}`, { chat: "supergroup" }));
    await bot.handleUpdate(textUpdate("дякую", { chat: "supergroup", replyTo: { message_id: 1003, fromBot: true } }));
    await bot.handleUpdate(textUpdate("А де був форум?", { chat: "supergroup", replyTo: { message_id: 1003, fromBot: true } }));
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Гор?", "А де був форум?"]);
    expect(sent(calls)).toHaveLength(4);
    expect(textOf(sent(calls)[1])).toContain("<b>Джерела</b>");
  });
});

  it("in a group, a question replying to the bot's 'write it in words' or 'too long' is asked, as under the hint; thanks under it is not", async () => {
    const { bot, kb, calls } = makeBot({ groupRateLimit: { burst: 10, refillMs: 4_000 } });
    kb.reply = async (question) => {
      validateQuestion(question); // as the knowledge base does
      return answer();
    };
    // The harness numbers the bot's messages from 1001: the last one sent.
    const lastSent = () => ({ message_id: 1000 + sent(calls).length, fromBot: true });
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username} https://example.org/news/1`, { chat: "group" }));
    expect(textOf(sent(calls).at(-1))).toBe("Напишіть питання словами: посилання я не відкриваю.");
    const refusal = lastSent();
    await bot.handleUpdate(textUpdate("дякую", { chat: "group", replyTo: refusal }));
    await bot.handleUpdate(textUpdate("Про що ця стаття?", { chat: "group", replyTo: refusal }));
    await bot.handleUpdate(textUpdate(`/ask ${"Хто такий Гор? ".repeat(80)}`, { chat: "group" }));
    expect(textOf(sent(calls).at(-1))).toContain("Питання задовге");
    await bot.handleUpdate(textUpdate("Хто такий Гор?", { chat: "group", replyTo: lastSent() }));
    expect(kb.asked.map((a) => a.question).filter((q) => q.length < 100)).toEqual(["https://example.org/news/1", "Про що ця стаття?", "Хто такий Гор?"]);
    expect(textOf(sent(calls).at(-1))).toContain("<b>Джерела</b>");
  });

describe("source buttons", () => {
  it("shows the passage of a source as a reply to the answer", async () => {
    const { bot, calls } = makeBot();
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    const keyboard = sent(calls)[0]?.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    const data = keyboard.inline_keyboard[0]?.[0]?.callback_data ?? "";
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);

    await bot.handleUpdate(callbackUpdate(data, 1001));
    expect(sent(calls, "answerCallbackQuery")).toHaveLength(1);
    const passage = sent(calls)[1];
    // The cited quote is the whole passage: shown once, in a collapsed quote under the title.
    expect(textOf(passage)).toBe(`<b>1 · Форум B5+1 &lt;b&gt;&amp; партнери</b>, 4 лютого 2026\n<blockquote expandable>${CHUNK.text}</blockquote>`);
    expect(passage?.payload.reply_parameters).toMatchObject({ message_id: 1001 });
  });

  it("checks for the version another instance built before looking the passage up, and before /latest, /help, /stats and the hints name the articles", async () => {
    const { bot, calls, kb } = makeBot();
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    const keyboard = sent(calls)[0]?.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    // The cited passage is in the version served now, which this instance loads only when it checks.
    const chunk = kb.chunk.bind(kb);
    let current = false;
    kb.chunk = (id) => (current ? chunk(id) : undefined);
    kb.refresh = async () => {
      current = true;
    };
    await bot.handleUpdate(callbackUpdate(keyboard.inline_keyboard[0]?.[0]?.callback_data ?? "", 1001));
    expect(textOf(sent(calls)[1])).toContain(CHUNK.text);

    let refreshes = 0;
    kb.refresh = async () => void refreshes++;
    // A passage the version held has is shown without waiting for the check.
    await bot.handleUpdate(callbackUpdate(keyboard.inline_keyboard[0]?.[0]?.callback_data ?? "", 1001));
    expect(refreshes).toBe(0);
    for (const text of ["/latest", "/help", "/stats"]) await bot.handleUpdate(textUpdate(text, { fromId: ADMIN_ID }));
    expect(refreshes).toBe(3);
    // The hints that name the articles' count and dates: a bare /ask, a greeting, a bare mention.
    await bot.handleUpdate(textUpdate("/ask", { fromId: ADMIN_ID }));
    await bot.handleUpdate(textUpdate("Привіт!", { fromId: ADMIN_ID }));
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username}`, { chat: "group" }));
    expect(refreshes).toBe(6);
  });

  it("shows the passage of a tap handled too late to acknowledge (a backlog, a restart): Telegram refuses only the acknowledgement", async () => {
    const { bot, calls } = makeBot();
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    const keyboard = sent(calls)[0]?.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    bot.api.config.use(async (prev, method, payload, signal) => {
      if (method === "answerCallbackQuery") {
        throw new GrammyError(`Call to '${method}' failed!`, { ok: false, error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" }, method, payload);
      }
      return prev(method, payload, signal);
    });
    await bot.handleUpdate(callbackUpdate(keyboard.inline_keyboard[0]?.[0]?.callback_data ?? "", 1001));
    expect(textOf(sent(calls)[1])).toBe(`<b>1 · Форум B5+1 &lt;b&gt;&amp; партнери</b>, 4 лютого 2026\n<blockquote expandable>${CHUNK.text}</blockquote>`);
    expect(sent(calls)).toHaveLength(2);
  });

  it("marks the cited sentence in bold between the collapsed text around it, closing a quotation the passage cuts (issue 13)", async () => {
    const text = "Перше речення. Друге «цитоване речення». Третє речення з «лапками без кінця";
    const chunk = { ...CHUNK, id: "b.txt#2", articleId: "b.txt", start: 100, end: 100 + text.length, text };
    const { bot, kb, calls } = makeBot();
    kb.chunks.set(chunk.id, chunk);
    const quoteStart = text.indexOf("Друге");
    const quoteEnd = text.indexOf(" Третє");
    kb.reply = async () =>
      answer({
        citations: [citation({ chunkId: chunk.id, articleId: chunk.articleId, title: "Бішкек цього тижня приймає форум B5+1 для інвесторів", start: 100 + quoteStart, end: 100 + quoteEnd })],
        passages: [{ chunk, score: 1 }],
      });
    await bot.handleUpdate(textUpdate("Що?"));
    const keyboard = sent(calls)[0]?.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    const button = keyboard.inline_keyboard[0]?.[0];
    expect(button?.text).toBe("1 · Бішкек цього тижня приймає форум B5+1…");
    await bot.handleUpdate(callbackUpdate(button?.callback_data ?? "", 1001));
    const html = textOf(sent(calls)[1]);
    expect(html).toBe(
      [
        "<b>1 · Форум B5+1 &lt;b&gt;&amp; партнери</b>, 4 лютого 2026",
        "<blockquote expandable>Перше речення.</blockquote>",
        "<b>Друге «цитоване речення».</b>",
        "<blockquote expandable>Третє речення з «лапками без кінця»</blockquote>",
      ].join("\n"),
    );
    expect(tagsBalanced(html)).toBe(true);
  });

  it("collapses a long sources list into an expandable quote", async () => {
    const { bot, kb, calls } = makeBot();
    kb.reply = async () => answer({ citations: [1, 2, 3, 4].map((n) => citation({ n, articleId: `${n}.txt`, title: `Стаття ${n}` })) });
    await bot.handleUpdate(textUpdate("Що?"));
    const html = textOf(sent(calls)[0]);
    expect(html).toMatch(/<b>Джерела<\/b>\n<blockquote expandable>1\. <a [^>]+>Стаття 1<\/a>, 4 лютого 2026\n2\..*\n4\. .*<\/blockquote>$/s);
    expect(tagsBalanced(html)).toBe(true);
    const markup = sent(calls)[0]?.payload.reply_markup as { inline_keyboard: { text: string }[][] } | undefined;
    const buttons = markup?.inline_keyboard ?? [];
    expect(buttons.map((row) => row.map((b) => b.text))).toEqual([["1 · Стаття 1"], ["2 · Стаття 2"], ["3 · Стаття 3"], ["4 · Стаття 4"], ["👍", "👎"]]);
  });

  it("never cuts a character in half on a button: a title without spaces is cut before an emoji, not inside it", async () => {
    const { bot, kb, calls } = makeBot();
    // A title with no space early on (hashtags, CJK) is cut inside its words, just before the 40th unit.
    const title = "#Бішкек#ЦентральнаАзія#США#Форум6#B5+1😀🇺🇦 підсумки";
    // Two passages of one article are labelled by their quotes, cut the same way.
    const quoted = "Серджіо_Гор_—_спеціальний_посланець_😀 з питань Азії.";
    kb.reply = async () =>
      answer({
        citations: [
          citation({ articleId: "1.txt", title }),
          citation({ n: 2, articleId: "2.txt", title: "🇺🇦".repeat(30) }),
          citation({ n: 3, quote: quoted }),
          citation({ n: 4, quote: "Друга цитата." }),
        ],
      });
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    const markup = sent(calls)[0]?.payload.reply_markup as { inline_keyboard: { text: string }[][] };
    const labels = markup.inline_keyboard.flat().map((b) => b.text);
    expect(labels).toHaveLength(6);
    // Half a surrogate pair is no text at all: Telegram refuses the whole message with it.
    for (const label of labels) expect(label).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(labels[0]).toBe("1 · #Бішкек#ЦентральнаАзія#США#Форум6#B5+1…");
    expect(labels[2]).toBe("3 · «Серджіо_Гор_—_спеціальний_посланець_…»");
    // Nor a flag (two regional indicators, one alone reads as a letter).
    expect(labels[1]).toBe(`2 · ${"🇺🇦".repeat(9)}…`);
  });

  it("uses a short key for long chunk ids, and refuses forged or stale data politely", async () => {
    const { bot, kb, calls } = makeBot();
    const longId = `${"дуже-довга-назва/".repeat(5)}стаття.md#3`;
    kb.chunks.set(longId, { ...CHUNK, id: longId });
    kb.reply = async () => answer({ citations: [citation({ chunkId: longId })] });
    await bot.handleUpdate(textUpdate("питання"));
    const keyboard = sent(calls)[0]?.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    const data = keyboard.inline_keyboard[0]?.[0]?.callback_data ?? "";
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    await bot.handleUpdate(callbackUpdate(data, 1001));
    expect(textOf(sent(calls)[1])).toContain(CHUNK.text);

    await bot.handleUpdate(callbackUpdate("c:1:../../etc/passwd", 1001));
    await bot.handleUpdate(callbackUpdate("k:zzzz", 1001));
    const alerts = sent(calls, "answerCallbackQuery").slice(1);
    expect(alerts.map((a) => a.payload.show_alert)).toEqual([true, true]);
    expect(sent(calls)).toHaveLength(2);
  });

  it("a button whose passage changed since the answer says it is gone instead of showing other text", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    const keyboard = sent(calls)[0]?.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    const data = keyboard.inline_keyboard[0]?.[0]?.callback_data ?? "";
    kb.chunks.set(CHUNK.id, { ...CHUNK, text: "Зовсім інший текст після зміни статті." }); // same id, new text
    await bot.handleUpdate(callbackUpdate(data, 1001));
    expect(sent(calls, "answerCallbackQuery")[0]?.payload).toMatchObject({ show_alert: true });
    expect(String(sent(calls, "answerCallbackQuery")[0]?.payload.text)).toContain("змінився");
    expect(sent(calls)).toHaveLength(1); // no passage sent
    // A button of the old format (no hash) is treated as gone too.
    await bot.handleUpdate(callbackUpdate(`c:1:${CHUNK.id}`, 1001));
    expect(sent(calls)).toHaveLength(1);
  });

  it("passage buttons have their own budget: reading sources does not use up questions", async () => {
    const { bot, kb, calls } = makeBot({ rateLimit: { burst: 1, refillMs: 60_000 }, passageRateLimit: { burst: 2, refillMs: 10_000 } });
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    const keyboard = sent(calls)[0]?.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    const data = keyboard.inline_keyboard[0]?.[0]?.callback_data ?? "";
    for (let i = 0; i < 4; i++) await bot.handleUpdate(callbackUpdate(data, 1001));
    expect(sent(calls)).toHaveLength(3); // the answer and two passages
    const refusals = sent(calls, "answerCallbackQuery").slice(2);
    expect(refusals.map((c) => c.payload.text)).toEqual([WAIT_10_S, WAIT_10_S]); // every refused tap is answered
    expect(kb.asked).toHaveLength(1);
  });

  it("passages and votes share the buttons' budget: over it, a tap on either is refused with a 'wait'", async () => {
    const { bot, calls } = makeBot({ passageRateLimit: { burst: 2, refillMs: 10_000 } });
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    const keyboard = sent(calls)[0]?.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    const source = keyboard.inline_keyboard[0]?.[0]?.callback_data ?? "";
    for (const data of [source, "v:+", source, "v:-"]) await bot.handleUpdate(callbackUpdate(data, 1001));
    expect(sent(calls)).toHaveLength(2); // the answer and one passage
    expect(await bot.state.feedback.summary()).toMatchObject({ up: 1, down: 0 });
    expect(sent(calls, "answerCallbackQuery").map((c) => c.payload.text)).toEqual([undefined, "Дякую, радий, що допомогло.", WAIT_10_S, WAIT_10_S]);
  });

  it("a gone passage's alert or a 'wait' on a tap too late to acknowledge ('query is too old') is one info line, no failed update with an apology", async () => {
    const { logger, records: lines } = recordingLogger();
    const { bot, calls } = makeBot({ logger, passageRateLimit: { burst: 1, refillMs: 10_000 } });
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    const tried: unknown[] = [];
    bot.api.config.use(async (prev, method, payload, signal) => {
      if (method === "answerCallbackQuery") {
        tried.push((payload as { text?: string }).text);
        throw new GrammyError(`Call to '${method}' failed!`, { ok: false, error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" }, method, payload);
      }
      return prev(method, payload, signal);
    });
    lines.length = 0; // the question's own lines
    await bot.handleUpdate(callbackUpdate("k:zzzz", 1001)); // gone
    await bot.handleUpdate(callbackUpdate("k:zzzz", 1001)); // over the budget
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [30, "a source button: the tap could not be acknowledged; going on anyway"],
      [30, "a button over its budget: the tap could not be acknowledged; going on anyway"],
    ]);
    expect(tried).toEqual([expect.stringContaining("змінився"), WAIT_10_S]); // no apology after them
    expect(sent(calls)).toHaveLength(1); // only the answer
  });
});

describe("feedback (issue 13)", () => {
  it("takes one vote per user per answer, a second tap changes it, acknowledged without a new message, in groups too", async () => {
    const { bot, calls } = makeBot();
    await bot.handleUpdate(textUpdate("/ask Що таке <квазар>?", { chat: "group" }));
    const answerId = 1001;
    const vote = (data: string, fromId: number) => groupCallback(data, answerId, fromId);
    await bot.handleUpdate(vote("v:-", 1));
    await bot.handleUpdate(vote("v:-", 1));
    await bot.handleUpdate(vote("v:+", 2));
    await bot.handleUpdate(vote("v:-", 3));
    await bot.handleUpdate(vote("v:+", 3)); // changed its mind
    await bot.handleUpdate(vote("v:-", 4));
    expect(sent(calls)).toHaveLength(1); // only the answer: votes send no messages
    const acks = sent(calls, "answerCallbackQuery").map((c) => c.payload.text);
    expect(acks).toEqual([
      "Дякую: це питання переглянуть.",
      "Ваш голос уже враховано.",
      "Дякую, радий, що допомогло.",
      "Дякую: це питання переглянуть.",
      "Дякую, радий, що допомогло.",
      "Дякую: це питання переглянуть.",
    ]);
    expect(await bot.state.feedback.summary()).toEqual({ up: 2, down: 2, worst: [] });
  });

  it("a vote tapped too late to acknowledge ('query is too old') is counted, and is no failed update with an apology", async () => {
    const { logger, records: lines } = recordingLogger();
    const { bot, calls } = makeBot({ logger });
    await bot.handleUpdate(textUpdate("/ask Що таке квазар?", { chat: "group" }));
    bot.api.config.use(async (prev, method, payload, signal) => {
      if (method === "answerCallbackQuery") {
        throw new GrammyError(`Call to '${method}' failed!`, { ok: false, error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" }, method, payload);
      }
      return prev(method, payload, signal);
    });
    await bot.handleUpdate(groupCallback("v:-", 1001, 1));
    expect(await bot.state.feedback.summary()).toMatchObject({ up: 0, down: 1 });
    expect(sent(calls)).toHaveLength(1); // only the answer
    expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([]);
  });

  it("👎 in a private chat promises no review: private questions are only counted, never shown", async () => {
    const { bot, calls } = makeBot();
    await bot.handleUpdate(textUpdate("Що таке квазар?"));
    await bot.handleUpdate(callbackUpdate("v:-", 1001));
    await bot.handleUpdate(callbackUpdate("v:-", 1001, USER_ID + 1));
    expect(sent(calls, "answerCallbackQuery").map((c) => c.payload.text)).toEqual(["Дякую, ваш відгук враховано.", "Дякую, ваш відгук враховано."]);
  });

  it("👎 in a group on an answer the bot no longer remembers promises no review: it has no question to show in /stats", async () => {
    const { bot, calls } = makeBot();
    await bot.handleUpdate(groupCallback("v:-", 777, 1)); // an answer from before the state's memory
    await bot.handleUpdate(groupCallback("v:+", 777, 1));
    await bot.handleUpdate(groupCallback("v:-", 777, 1)); // changed back
    await bot.handleUpdate(groupCallback("v:-", 777, 2));
    const english = groupCallback("v:-", 777, 3);
    english.callback_query!.from.language_code = "en";
    await bot.handleUpdate(english);
    expect(sent(calls, "answerCallbackQuery").map((c) => c.payload.text)).toEqual([
      "Дякую, ваш відгук враховано.",
      "Дякую, радий, що допомогло.",
      "Дякую, ваш відгук враховано.",
      "Дякую, ваш відгук враховано.",
      "Thanks, your feedback is counted.",
    ]);
    expect(await bot.state.feedback.summary()).toEqual({ up: 0, down: 3, worst: [] });
  });

  it("a vote past the 200 voters kept on an answer is thanked without being called counted (it is not kept)", async () => {
    const { bot, calls } = makeBot();
    await bot.handleUpdate(textUpdate("/ask Що таке квазар?", { chat: "group" }));
    for (let user = 1; user <= 200; user++) await bot.handleUpdate(groupCallback("v:+", 1001, user));
    await bot.handleUpdate(groupCallback("v:-", 1001, 5_000));
    const english = groupCallback("v:-", 1001, 5_001);
    english.callback_query!.from.language_code = "en";
    await bot.handleUpdate(english);
    expect(sent(calls, "answerCallbackQuery").map((c) => c.payload.text).slice(-2)).toEqual(["Дякую за відгук.", "Thanks for your feedback."]);
    expect(await bot.state.feedback.summary()).toEqual({ up: 200, down: 0, worst: [] });
  });

  it("votes are on the buttons' budget: each tap over it is answered with a 'wait' and changes no vote", async () => {
    const { bot, calls } = makeBot({ passageRateLimit: { burst: 2, refillMs: 10_000 } });
    await bot.handleUpdate(textUpdate("/ask Що таке квазар?", { chat: "group" }));
    for (let i = 0; i < 5; i++) await bot.handleUpdate(groupCallback(i % 2 ? "v:+" : "v:-", 1001, 1));
    const acks = sent(calls, "answerCallbackQuery").map((c) => c.payload.text);
    expect(acks).toEqual(["Дякую: це питання переглянуть.", "Дякую, радий, що допомогло.", WAIT_10_S, WAIT_10_S, WAIT_10_S]);
    expect(await bot.state.feedback.summary()).toEqual({ up: 1, down: 0, worst: [] });
    await bot.handleUpdate(groupCallback("v:-", 1001, 2)); // another user has a budget of their own
    expect(await bot.state.feedback.summary()).toMatchObject({ up: 1, down: 1 });
  });

  it("/stats shows the helpful rate and the worst-rated group questions, never private ones", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(textUpdate("Чи мій діагноз <секрет>?", { fromId: 5 }));
    const privateAnswer = 1001;
    await bot.handleUpdate(textUpdate("/ask Що таке <квазар>?", { chat: "group" }));
    const groupAnswer = 1002;
    kb.reply = async () => answer({ notFound: true, citations: [] });
    await bot.handleUpdate(textUpdate("/ask Хто переміг?", { chat: "group" }));
    const thirdAnswer = 1003;
    await bot.handleUpdate(callbackUpdate("v:-", privateAnswer, 5));
    await bot.handleUpdate(groupCallback("v:-", groupAnswer, 1));
    await bot.handleUpdate(groupCallback("v:-", groupAnswer, 2));
    await bot.handleUpdate(groupCallback("v:+", thirdAnswer, 1));
    await bot.handleUpdate(groupCallback("v:-", thirdAnswer, 2));
    await bot.handleUpdate(groupCallback("v:-", thirdAnswer, 3));
    await bot.handleUpdate(textUpdate("/stats", { fromId: ADMIN_ID, languageCode: "en" }));
    const stats = textOf(sent(calls).at(-1));
    expect(stats).toContain("<b>Feedback</b>\nHelpful: 17% (👍 1, 👎 5)");
    expect(stats).toContain("Worst-rated questions in groups (private ones are only counted):\n• Що таке &lt;квазар&gt;? (👍 0, 👎 2)\n• Хто переміг? (👍 1, 👎 2)");
    expect(stats).not.toContain("діагноз");
  });

  it("/stats quotes a group member's question without bidi overrides or isolates, so admins read it as typed", async () => {
    const { bot, kb, calls } = makeBot();
    kb.reply = async () => answer({ notFound: true, citations: [] });
    // U+202E shows "кракен" reversed, and one left open the rest of the line; U+2067 likewise.
    await bot.handleUpdate(textUpdate("/ask Що таке \u202Eкракен\u202C і \u2067тато\u2069\u202E?", { chat: "group" }));
    await bot.handleUpdate(textUpdate("/stats", { fromId: ADMIN_ID, languageCode: "en" }));
    expect(textOf(sent(calls).at(-1))).toContain("(content gaps):\n• Що таке кракен і тато?");
  });

  it("keeps votes in STATE_DIR across restarts, bounded in size", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "feedback-"));
    const store = await FeedbackStore.open(dir, { maxAnswers: 3 });
    for (let i = 0; i < 5; i++) store.register(`-1:${i}`, `питання ${i}`);
    store.vote("-1:4", 1, -1);
    store.vote("-1:0", 1, -1); // forgotten answer: counted under no question
    await store.flush();
    const again = await FeedbackStore.open(dir, { maxAnswers: 3 });
    expect(again.summary()).toEqual({ up: 0, down: 2, worst: [{ question: "питання 4", up: 0, down: 1 }] });
    const saved = await fs.readFile(path.join(dir, "feedback.json"), "utf8");
    expect(saved).not.toContain("питання 0");
    expect((await fs.stat(path.join(dir, "feedback.json"))).mode & 0o777).toBe(0o600);
  });

  it("saves a moment after a change, once for many votes, not on each one", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "feedback-"));
    const store = await FeedbackStore.open(dir);
    store.register("-1:1", "питання");
    for (let user = 1; user <= 50; user++) store.vote("-1:1", user, user % 2 ? 1 : -1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(fs.access(path.join(dir, "feedback.json"))).rejects.toThrow(); // not yet
    await store.flush(); // on shutdown: at once
    expect((await FeedbackStore.open(dir)).summary()).toMatchObject({ up: 25, down: 25 });
  });

  it("reports a failed save instead of swallowing it, and keeps the votes in memory", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "feedback-"));
    const errors: unknown[] = [];
    const store = await FeedbackStore.open(dir, { onSaveError: (error: unknown) => errors.push(error) });
    // A folder where the file should go: the rename fails whoever runs the test (root too).
    await fs.mkdir(path.join(dir, "feedback.json"));
    store.register("-1:1", "питання");
    store.vote("-1:1", 7, -1);
    await store.flush();
    expect(errors.length).toBeGreaterThan(0);
    expect(store.summary().down).toBe(1);
  });
});

/** A tap on a button under message `messageId` in the test group. */
function groupCallback(data: string, messageId: number, fromId: number) {
  const update = callbackUpdate(data, messageId, fromId) as unknown as { callback_query: { message: { chat: unknown } } };
  update.callback_query.message.chat = { id: -100500, type: "group", title: "G" };
  return update as unknown as Parameters<ReturnType<typeof makeBot>["bot"]["handleUpdate"]>[0];
}

describe("inline mode (issue 13)", () => {
  type Result = { type: string; id: string; title: string; description?: string; input_message_content: { message_text: string; parse_mode: string } };
  const results = (call: { payload: Record<string, unknown> } | undefined): Result[] => (call?.payload.results ?? []) as Result[];

  it("answers '@bot question' with one article: the answer and its sources as escaped HTML", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(inlineUpdate("  Хто такий Серджіо Гор?  "));
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Серджіо Гор?"]);
    const call = sent(calls, "answerInlineQuery")[0];
    expect(call?.payload.is_personal).toBe(true);
    const [result] = results(call);
    expect(result?.type).toBe("article");
    expect(result?.title).toBe("Хто такий Серджіо Гор?");
    expect(result?.description).toBe("Серджіо Гор – спеціальний посланець США.");
    expect(result?.input_message_content.parse_mode).toBe("HTML");
    const html = result?.input_message_content.message_text ?? "";
    expect(html).toBe(
      "❓ <b>Хто такий Серджіо Гор?</b>\n\nСерджіо Гор – спеціальний посланець США [1].\n\n<b>Джерела</b>\n1. <a href=\"https://example.com/a?x=1&amp;y=2\">Форум B5+1 &lt;b&gt;&amp; партнери</a>, 4 лютого 2026",
    );
    expect(tagsBalanced(html)).toBe(true);
    expect(sent(calls)).toHaveLength(0); // no chat messages
  });

  it("a question not found while the search was partly down: the button says to try again, not that the articles lack it", async () => {
    const { bot, kb, calls } = makeBot();
    kb.reply = async () => answer({ notFound: true, reason: "search-unavailable", citations: [] });
    await bot.handleUpdate(inlineUpdate("Що таке квазар?"));
    const button = sent(calls, "answerInlineQuery")[0]?.payload.button as { text: string } | undefined;
    expect(button?.text).toBe("Пошук зараз працює не повністю; спробуйте ще раз за хвилину.");
  });

  it("the result's description drops every kind of citation marker, a bracketed year stays", async () => {
    const { bot, kb, calls } = makeBot();
    const citations = [1, 2, 3].map((n) => citation({ n, articleId: `${n}.txt`, title: `Стаття ${n}` }));
    kb.reply = async () => answer({ answer: "Форум відкрився [1, 3]. Гор виступив [2][3] у 2026 [1999]; далі [1-3].", citations });
    await bot.handleUpdate(inlineUpdate("Що було на форумі?"));
    expect(results(sent(calls, "answerInlineQuery")[0])[0]?.description).toBe("Форум відкрився. Гор виступив у 2026 [1999]; далі.");
  });

  it("keeps the sources of an answer longer than one message (the answer text is shortened instead)", async () => {
    const { bot, kb, calls } = makeBot();
    const text = Array.from({ length: 200 }, (_, i) => `Речення ${i} про форум B5+1 і партнерів [1].`).join(" ");
    kb.reply = async () => answer({ answer: text });
    await bot.handleUpdate(inlineUpdate("Що було на форумі?"));
    const html = results(sent(calls, "answerInlineQuery")[0])[0]?.input_message_content.message_text ?? "";
    expect(html.length).toBeLessThanOrEqual(4096);
    expect(html).toMatch(/^❓ <b>Що було на форумі\?<\/b>\n\nРечення 0 про форум B5\+1 і партнерів \[1\]\. Речення 1 /);
    expect(html).toMatch(/\[1\]\. …\n\n<b>Джерела<\/b>\n1\. <a href="https:\/\/example\.com\/a\?x=1&amp;y=2">Форум B5\+1 &lt;b&gt;&amp; партнери<\/a>, 4 лютого 2026$/);
    expect(tagsBalanced(html)).toBe(true);
  });

  it("an empty query gets a hint, never a result to send; typing fits the budget, a flood gets a 'wait' button", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(inlineUpdate("", "en"));
    expect(kb.asked).toHaveLength(0);
    const hint = sent(calls, "answerInlineQuery")[0];
    expect(results(hint)).toEqual([]);
    expect(hint?.payload.button).toEqual({ text: "Type a question about the articles", start_parameter: "inline" });
    // A question typed with pauses: a query for each.
    for (let i = 1; i <= 12; i++) await bot.handleUpdate(inlineUpdate("Хто такий Серджіо Гор?".slice(0, i * 2)));
    expect(kb.asked).toHaveLength(10); // burst of 10
    const last = sent(calls, "answerInlineQuery").at(-1);
    expect(results(last)).toEqual([]);
    expect((last?.payload.button as { text?: string } | undefined)?.text).toMatch(/^Забагато запитів поспіль; зачекайте \d+ с/);
    await bot.handleUpdate(inlineUpdate("інше питання", undefined, USER_ID + 1));
    expect(kb.asked).toHaveLength(11); // another user has a budget of its own
  });

  it("puts the question, escaped and clipped, at the top of the message it sends: the chat never saw the query", async () => {
    const { bot, kb, calls } = makeBot();
    const text = Array.from({ length: 200 }, (_, i) => `Речення ${i} про форум B5+1 і партнерів [1].`).join(" ");
    kb.reply = async () => answer({ answer: text });
    const question = `Що <b>було</b> & ${"дуже ".repeat(60)}довго?`;
    await bot.handleUpdate(inlineUpdate(question));
    const html = results(sent(calls, "answerInlineQuery")[0])[0]?.input_message_content.message_text ?? "";
    expect(html.startsWith(`❓ <b>Що &lt;b&gt;було&lt;/b&gt; &amp; ${"дуже ".repeat(36)}ду…</b>\n\nРечення 0 `)).toBe(true);
    expect(html.length).toBeLessThanOrEqual(4096);
    expect(html).toContain("<b>Джерела</b>");
    expect(tagsBalanced(html)).toBe(true);
  });

  it("puts the question at the top of the message it sends without bidi overrides or isolates: the chat reads it as typed", async () => {
    const { bot, calls } = makeBot();
    await bot.handleUpdate(inlineUpdate("Хто такий \u202EСерджіо Гор\u202C? \u2066\u202Dкінець"));
    const html = results(sent(calls, "answerInlineQuery")[0])[0]?.input_message_content.message_text ?? "";
    expect(html.startsWith("❓ <b>Хто такий Серджіо Гор? кінець</b>\n\n")).toBe(true);
  });

  it("describes a listing of a period's articles (whose answer text is empty) by its heading and titles", async () => {
    const { bot, kb, calls } = makeBot();
    const listed = [citation(), citation({ n: 2, articleId: "2.txt", title: "Метро на Виноградарі" })];
    kb.reply = async () => answer({ kind: "listing", answer: "", citations: listed, dateRange: { from: "2026-02-04", to: "2026-02-04" } });
    await bot.handleUpdate(inlineUpdate("що було 4 лютого?"));
    const [result] = results(sent(calls, "answerInlineQuery")[0]);
    expect(result?.description).toBe("Статті за 4 лютого 2026, найновіші першими: Форум B5+1 <b>& партнери; Метро на Виноградарі");
    expect(result?.input_message_content.message_text).toContain("Метро на Виноградарі");
  });

  it("offers nothing for thanks, an 'ok' or an emoji, only the hint button; nothing is looked up", async () => {
    const { bot, kb, calls } = makeBot();
    for (const query of ["дякую", "ок", "👍", "thanks!"]) await bot.handleUpdate(inlineUpdate(query));
    expect(kb.asked).toHaveLength(0);
    const answers = sent(calls, "answerInlineQuery");
    expect(answers.map(results)).toEqual([[], [], [], []]);
    expect(answers.map((c) => (c.payload.button as { text?: string } | undefined)?.text)).toEqual([
      "Напишіть питання про статті",
      "Напишіть питання про статті",
      "Напишіть питання про статті",
      "Type a question about the articles",
    ]);
  });

  it("offers nothing for one or two letters (the start of a word being typed), only the hint button; nothing is looked up", async () => {
    const { bot, kb, calls } = makeBot();
    for (const [query, languageCode] of [["Х", "uk"], ["Хт", "uk"], [" ЄС? ", "uk"], ["wh", "en"], ["5", "uk"]] as const) {
      await bot.handleUpdate(inlineUpdate(query, languageCode));
    }
    expect(kb.asked).toHaveLength(0);
    const answers = sent(calls, "answerInlineQuery");
    expect(answers.map(results)).toEqual([[], [], [], [], []]);
    expect(answers.map((c) => c.payload.cache_time)).toEqual([0, 0, 0, 0, 0]);
    expect(answers.map((c) => (c.payload.button as { text?: string } | undefined)?.text)).toEqual([
      "Напишіть питання про статті",
      "Напишіть питання про статті",
      "Напишіть питання про статті",
      "Type a question about the articles",
      "Напишіть питання про статті",
    ]);
    // Nor do they take from the budget: a question typed after them is looked up.
    for (let i = 0; i < 12; i++) await bot.handleUpdate(inlineUpdate("Хт"));
    await bot.handleUpdate(inlineUpdate("Хто"));
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто"]);
  });

  it("words for no language in particular ('ok', '?') get the hint or problem in the user's Telegram language", async () => {
    const { bot, kb, calls } = makeBot();
    kb.reply = async () => {
      throw new QuestionError("empty", "empty");
    };
    for (const [query, languageCode] of [["ok", "uk"], ["k", "uk"], ["?", "uk"], ["ок", "en"], ["?", "en"], ["thanks", "uk"]] as const) {
      await bot.handleUpdate(inlineUpdate(query, languageCode));
    }
    expect(sent(calls, "answerInlineQuery").map((c) => (c.payload.button as { text?: string } | undefined)?.text)).toEqual([
      "Напишіть питання про статті",
      "Напишіть питання про статті",
      "Питання порожнє: напишіть, що саме ви хочете дізнатися.",
      "Type a question about the articles",
      "The question is empty: write what you want to know.",
      // Thanks in words are in a language: the hint answers in it.
      "Type a question about the articles",
    ]);
  });

  it("counts no inline query in /stats: one question typed inline is a query at every pause", async () => {
    const { bot, kb } = makeBot();
    kb.reply = async (question) => answer({ notFound: question.length < 20 });
    for (const query of ["коли", "коли від", "коли відкриють ст", "коли відкриють станцію метро"]) await bot.handleUpdate(inlineUpdate(query));
    expect(kb.asked).toHaveLength(4);
    expect(await bot.state.stats.snapshot(5)).toMatchObject({ questions: 0, notFound: 0, recentNotFound: [] });
  });

  it("says 'not found', and a bad question, in the button above the results: neither is a result to send", async () => {
    const { bot, kb, calls } = makeBot();
    kb.reply = async () => answer({ notFound: true, citations: [], closestTitles: ["Форум"] });
    await bot.handleUpdate(inlineUpdate("Яка погода на Марсі?"));
    const notFound = sent(calls, "answerInlineQuery")[0];
    expect(results(notFound)).toEqual([]);
    expect(notFound?.payload.button).toEqual({ text: "У статтях немає відповіді на це питання.", start_parameter: "inline" });
    kb.reply = async () => {
      throw new QuestionError("too long", "too-long");
    };
    await bot.handleUpdate(inlineUpdate("дуже довге"));
    const problem = sent(calls, "answerInlineQuery")[1];
    expect(results(problem)).toEqual([]); // nothing to post into the chat by mistake
    expect((problem?.payload.button as { text?: string } | undefined)?.text).toMatch(/^Питання задовге/);
    kb.reply = async () => {
      throw new QuestionError("link only", "link-only");
    };
    await bot.handleUpdate(inlineUpdate("https://example.org/news/1", "en"));
    expect((sent(calls, "answerInlineQuery")[2]?.payload.button as { text?: string } | undefined)?.text).toBe("Write the question in words: I don't open links.");
  });
  it("a failing lookup (not a bad question) still answers the query: no result, 'something went wrong' in the button, not cached, logged", async () => {
    const { logger, records: lines } = recordingLogger();
    const { bot, kb, calls } = makeBot({ logger });
    kb.reply = async () => {
      throw new Error("index file unreadable");
    };
    await bot.handleUpdate(inlineUpdate("Хто такий Серджіо Гор?"));
    await bot.handleUpdate(inlineUpdate("Who is Sergio Gor?"));
    const answers = sent(calls, "answerInlineQuery");
    expect(answers.map(results)).toEqual([[], []]);
    expect(answers.map((c) => c.payload.button)).toEqual([
      { text: "Щось пішло не так; спробуйте ще раз", start_parameter: "inline" },
      { text: "Something went wrong; please try again", start_parameter: "inline" },
    ]);
    expect(answers.map((c) => c.payload.cache_time)).toEqual([0, 0]);
    expect(lines.filter((l) => l.msg === "inline query failed")).toHaveLength(2);
  });

  it("an answer slower than Telegram waits (a slow LLM) is not waited for: the button points to the private chat, and the late answer is dropped", async () => {
    const { logger, records: lines } = recordingLogger();
    const { bot, kb, calls } = makeBot({ logger, inlineDeadlineMs: 20 });
    let release: (() => void) | undefined;
    kb.reply = () => new Promise((resolve) => (release = () => resolve(answer())));
    const handled = bot.handleUpdate(inlineUpdate("Who is Sergio Gor?", "en"));
    await vi.waitFor(() => expect(sent(calls, "answerInlineQuery")).toHaveLength(1));
    const [late] = sent(calls, "answerInlineQuery");
    expect(results(late)).toEqual([]);
    expect(late?.payload.button).toEqual({ text: "This takes too long here: ask me in our private chat", start_parameter: "inline" });
    expect(late?.payload.cache_time).toBe(0);
    await handled;
    release?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent(calls, "answerInlineQuery")).toHaveLength(1); // the query is answered once only
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it("a query Telegram no longer waits for ('query is too old': a backlog, a restart) is one info line, no failed update with its stack", async () => {
    const { logger, records: lines } = recordingLogger();
    const { bot } = makeBot({ logger });
    bot.api.config.use(async (prev, method, payload, signal) => {
      if (method !== "answerInlineQuery") return prev(method, payload, signal);
      throw new GrammyError(`Call to '${method}' failed!`, { ok: false, error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" }, method, payload);
    });
    await bot.handleUpdate(inlineUpdate("Хто такий Серджіо Гор?"));
    expect(lines.map((l) => [l.level, l.msg])).toEqual([[30, "inline query expired before it was answered; Telegram shows nothing"]]);
    expect(JSON.stringify(lines)).not.toContain("stack");
  });

  it("the longest of those notices (a period across two years, a date with its year, search partly down) fit the button whole, in either language", async () => {
    const { bot, kb, calls } = makeBot();
    const period = { dateRange: { from: "2024-09-28", to: "2025-11-30" }, citations: [] };
    const notFound: Partial<Answer>[] = [
      { notFound: true, reason: "nothing-in-period", ...period },
      { notFound: true, reason: "nothing-in-period", kind: "listing", ...period },
      { notFound: true, reason: "no-such-day", noSuchDay: { day: 31, month: 9, year: 2025 }, citations: [] },
      { notFound: true, reason: "search-unavailable", citations: [] },
    ];
    for (const reply of notFound) {
      kb.reply = async () => answer(reply);
      await bot.handleUpdate(inlineUpdate("what was there", "en"));
      await bot.handleUpdate(inlineUpdate("що там було", "uk"));
    }
    const buttons = sent(calls, "answerInlineQuery").map((c) => (c.payload.button as { text: string }).text);
    expect(buttons).toHaveLength(8);
    // Cut to fit, a notice lost its year or its advice ("…30 Novem…", "…please check the da…").
    for (const text of buttons) {
      expect(text.length).toBeLessThanOrEqual(64);
      expect(text).not.toContain("…");
    }
    expect(buttons.filter((text) => text.includes("2024") && text.includes("2025"))).toHaveLength(4);
  });

  it("says which day does not exist, or which period (the future too) has nothing, in the button as the chat says it", async () => {
    const { bot, kb, calls } = makeBot();
    kb.reply = async () => answer({ notFound: true, reason: "no-such-day", noSuchDay: { day: 31, month: 2, year: null }, citations: [] });
    await bot.handleUpdate(inlineUpdate("що сталося 31 лютого"));
    const nearest = { articleId: "m.txt", title: "Метро на Виноградарі", date: "2026-02-04", url: null };
    kb.reply = async () => answer({ notFound: true, reason: "nothing-in-period", kind: "listing", citations: [], dateRange: { from: "2026-02-06", to: "2026-02-06" }, nearest });
    await bot.handleUpdate(inlineUpdate("що буде завтра"));
    kb.reply = async () => answer({ notFound: true, reason: "nothing-in-period", citations: [], dateRange: { from: "2026-02-06", to: "2026-02-06" } });
    await bot.handleUpdate(inlineUpdate("what will the forum decide tomorrow"));
    const answers = sent(calls, "answerInlineQuery");
    expect(answers.map(results)).toEqual([[], [], []]);
    expect(answers.map((c) => (c.payload.button as { text?: string } | undefined)?.text)).toEqual([
      "Дати «31 лютого» не існує: перевірте число й місяць.",
      "За 6 лютого 2026 у статтях нічого немає.",
      "No articles on this from 6 February 2026.",
    ]);
  });
});

let inlineId = 0;
/** An inline query update (`@bot query` typed in some chat). */
function inlineUpdate(query: string, languageCode?: string, fromId = USER_ID) {
  return {
    update_id: 900_000 + ++inlineId,
    inline_query: { id: `iq${inlineId}`, from: { id: fromId, is_bot: false, first_name: "U", ...(languageCode ? { language_code: languageCode } : {}) }, query, offset: "" },
  } as unknown as Parameters<ReturnType<typeof makeBot>["bot"]["handleUpdate"]>[0];
}

/** Waits until `count` re-index jobs (running in the background) put `final` in their status message. */
const reindexReported = (calls: ReturnType<typeof makeBot>["calls"], final: string, count = 1) =>
  vi.waitFor(() => expect(sent(calls, "editMessageText").filter((c) => textOf(c).includes(final))).toHaveLength(count));

describe("admin", () => {
  it("in a group, leaves a bare /stats, /remove or /reindex from a non-admin to the bot it is for; named to it, or from an admin, it answers", async () => {
    const { bot, kb, calls } = makeBot();
    for (const command of ["/stats", "/remove x.txt", "/reindex"]) await bot.handleUpdate(textUpdate(command, { fromId: USER_ID, chat: "group", languageCode: "en" }));
    expect(sent(calls)).toEqual([]);
    await bot.handleUpdate(textUpdate("/stats@articles_test_bot", { fromId: USER_ID, chat: "group", languageCode: "en" }));
    await bot.handleUpdate(textUpdate("/stats", { fromId: ADMIN_ID, chat: "group", languageCode: "en" }));
    expect(sent(calls).map(textOf)).toEqual(["Sorry, only the bot's administrators can do this.", "Please send this command to me in a private chat."]);
    expect(kb.reindexCalls).toBe(0);
  });

  it("refuses /reindex, /stats and uploads to non-admins without changing anything", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    const downloadFile = vi.fn(async () => new TextEncoder().encode("text"));
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile });
    await bot.handleUpdate(textUpdate("/reindex", { fromId: USER_ID }));
    await bot.handleUpdate(textUpdate("/stats", { fromId: USER_ID, languageCode: "en" }));
    await bot.handleUpdate(documentUpdate("new.txt", { fromId: USER_ID }));
    expect(sent(calls).map(textOf)).toEqual([
      "Вибачте, це можуть лише адміністратори бота.",
      "Sorry, only the bot's administrators can do this.",
      "Вибачте, це можуть лише адміністратори бота.",
    ]);
    expect(kb.reindexCalls).toBe(0);
    expect(downloadFile).not.toHaveBeenCalled();
    expect(await fs.readdir(dir)).toEqual([]);
    // A menu set while they were an admin is taken back, in both languages. The payloads as
    // Telegram gets them: without the bot's own marks on a call (symbol keys, see taken-over.ts).
    await vi.waitFor(() =>
      expect(sent(calls, "deleteMyCommands").map((c) => Object.fromEntries(Object.entries(c.payload)))).toEqual([
        { scope: { type: "chat", chat_id: USER_ID } },
        { scope: { type: "chat", chat_id: USER_ID }, language_code: "en" },
        { scope: { type: "chat", chat_id: USER_ID } },
        { scope: { type: "chat", chat_id: USER_ID }, language_code: "en" },
      ]),
    );
  });

  it("a non-admin's document with a question in its caption gets the answer, as a photo does, and no refusal; an admin's is an upload", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    const downloadFile = vi.fn(async () => new TextEncoder().encode("Нова стаття."));
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile });
    await bot.handleUpdate(documentUpdate("report.pdf", { fromId: USER_ID, caption: "Хто такий Серджіо Гор?" }));
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Серджіо Гор?"]);
    expect(sent(calls).map(textOf)).toEqual([expect.stringContaining("Серджіо Гор – спеціальний посланець США [1].")]);
    // Without a caption, or with one that asks nothing: the refusal, as before.
    await bot.handleUpdate(documentUpdate("notes.txt", { fromId: USER_ID }));
    await bot.handleUpdate(documentUpdate("notes.txt", { fromId: USER_ID, caption: "дякую" }));
    await bot.handleUpdate(documentUpdate("notes.txt", { fromId: USER_ID, caption: "/start", languageCode: "en" }));
    expect(sent(calls).slice(1).map(textOf)).toEqual([
      "Вибачте, це можуть лише адміністратори бота.",
      "Вибачте, це можуть лише адміністратори бота.",
      "Sorry, only the bot's administrators can do this.",
    ]);
    expect(kb.asked).toHaveLength(1);
    expect(downloadFile).not.toHaveBeenCalled();
    expect(await fs.readdir(dir)).toEqual([]);
    // An admin's document with a caption is an upload, whatever the caption says.
    await bot.handleUpdate(documentUpdate("x.txt", { caption: "Хто такий Серджіо Гор?" }));
    await reindexReported(calls, "Переіндексацію завершено");
    expect(kb.asked).toHaveLength(1);
    expect(await fs.readdir(dir)).toEqual(["x.txt"]);
  });

  it("an admin's upload whose caption is a command is saved, after one line saying captions are not read as commands", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    const downloadFile = vi.fn(async () => new TextEncoder().encode("Нова стаття."));
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile });
    kb.holdReindex = true;
    await bot.handleUpdate(documentUpdate("new.md", { caption: "/remove old.md", languageCode: "en" }));
    await bot.handleUpdate(documentUpdate("x.txt", { caption: "/reindex" }));
    // A caption that is not a command: as before, only the upload's reply.
    await bot.handleUpdate(documentUpdate("y.txt", { caption: "нова стаття", languageCode: "en" }));
    expect(sent(calls).map(textOf)).toEqual([
      "Captions are not read as commands: send /remove as a message of its own.",
      "Saved as <code>new.md</code>. Re-indexing…",
      "Підписи до файлів не читаються як команди: надішліть /reindex окремим повідомленням.",
      "Збережено як <code>x.txt</code>. Зараз триває переіндексація; проіндексую його одразу після неї.",
      "Saved as <code>y.txt</code>. A re-index is running; I will index it right after it.",
    ]);
    expect((await fs.readdir(dir)).sort()).toEqual(["new.md", "x.txt", "y.txt"]);
    kb.releaseReindex?.();
  });

  it("an admin's upload replaced by editing its message ('Replace file') is not taken silently: one line says to send the file as a new message", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    const downloadFile = vi.fn(async () => new TextEncoder().encode("Нова стаття."));
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile });
    // Telegram delivers the replaced file as an edit of the upload's message.
    const edit = (update: Update, uniqueId: string): Update =>
      ({ update_id: update.update_id + 100_000, edited_message: { ...update.message, edit_date: 1, document: { file_id: "f2", file_unique_id: uniqueId, file_name: "x.txt" } } }) as unknown as Update;
    await bot.handleUpdate(edit(documentUpdate("x.txt", { languageCode: "en" }), "u2"));
    await bot.handleUpdate(edit(documentUpdate("x.txt"), "u3"));
    expect(sent(calls).map(textOf)).toEqual([
      "Edits are not read as uploads: to add or replace an article, send the file again as a new message.",
      "Редагування не читаються як завантаження: щоб додати чи замінити статтю, надішліть файл ще раз новим повідомленням.",
    ]);
    expect(downloadFile).not.toHaveBeenCalled();
    expect(kb.reindexCalls).toBe(0);
    expect(await fs.readdir(dir)).toEqual([]);
    // Someone else's edited document is no upload: nothing is said about uploads.
    await bot.handleUpdate(edit(documentUpdate("x.txt", { fromId: USER_ID }), "u4"));
    expect(sent(calls)).toHaveLength(2);
    // Nor is an admin's GIF whose caption was edited (Telegram sets `document` on it too).
    const gif = edit(documentUpdate("giphy.mp4"), "u5");
    Object.assign(gif.edited_message as object, { animation: { file_id: "f", file_unique_id: "u5", width: 320, height: 240, duration: 2 }, caption: "Хто такий Гор?" });
    await bot.handleUpdate(gif);
    expect(sent(calls).map(textOf).slice(2).join("\n")).not.toMatch(/Редагування не читаються/);
  });

  it("keeps an admin's own command menu; a failure to take back a former admin's is only logged", async () => {
    const { logger, records: lines } = recordingLogger();
    const { bot, calls } = makeBot({ logger });
    await bot.handleUpdate(textUpdate("/stats", { fromId: ADMIN_ID }));
    expect(sent(calls, "deleteMyCommands")).toEqual([]);

    bot.api.config.use((prev, method, payload, signal) =>
      method === "deleteMyCommands" ? Promise.resolve({ ok: false, error_code: 400, description: "Bad Request: boom" } as never) : prev(method, payload, signal),
    );
    await bot.handleUpdate(textUpdate("/reindex", { fromId: USER_ID }));
    expect(textOf(sent(calls).at(-1))).toBe("Вибачте, це можуть лише адміністратори бота.");
    await vi.waitFor(() => expect(lines.map((l) => l.msg)).toContain("could not take back a former admin's command menu (ignored)"));
  });

  it("/reindex edits one status message with progress, then the summary; a second one is refused", async () => {
    const { bot, kb, calls } = makeBot({ adminIds: new Set([ADMIN_ID, ADMIN_ID + 1]) });
    kb.holdReindex = true;
    await bot.handleUpdate(textUpdate("/reindex", { fromId: ADMIN_ID }));
    await vi.waitFor(() => expect(kb.releaseReindex).toBeDefined());
    await bot.handleUpdate(textUpdate("/reindex", { fromId: ADMIN_ID }));
    expect(kb.reindexCalls).toBe(1);
    // Started right here: its status message above gets the result.
    expect(textOf(sent(calls)[1])).toBe("Переіндексація вже триває; її результат з’явиться в повідомленні про неї вище.");
    // Another admin's chat: only the chat that started it gets the result, nothing more is promised.
    await bot.handleUpdate(textUpdate("/reindex", { fromId: ADMIN_ID + 1, languageCode: "en" }));
    expect(textOf(sent(calls)[2])).toBe(
      "A re-index is already running (started in another chat); its result is posted there. Send /reindex again after it finishes if needed.",
    );

    kb.releaseReindex?.();
    await reindexReported(calls, "Переіндексацію завершено");
    const status = sent(calls)[0];
    const statusId = 1001;
    expect(textOf(status)).toBe("Переіндексація…");
    const edits = sent(calls, "editMessageText");
    expect(edits.length).toBeGreaterThanOrEqual(2);
    for (const edit of edits) expect(edit.payload.message_id).toBe(statusId);
    expect(textOf(edits[0])).toContain("читаю статті 1/2 50%");
    const summary = textOf(edits.at(-1));
    expect(summary).toContain("<b>Переіндексацію завершено</b> (1,2 с)"); // a Ukrainian decimal comma, not "1.2"
    expect(summary).toContain("Додано: 1, змінено: 0, видалено: 0, без змін: 1");
    expect(summary).toContain("• bad&lt;1&gt;.txt: не текст UTF-8; збережіть його в UTF-8"); // the reason in the summary's language
    expect(tagsBalanced(summary)).toBe(true);
  });

  it("a summary with more skipped files than it lists says how many more, in both languages", () => {
    const skipped = Array.from({ length: 13 }, (_, i) => ({ file: `f${i}.bin`, reason: "not a .txt or .md file", code: "not-article" as const }));
    const en = messages.reindexSummary("en", { ...SUMMARY, skipped });
    expect(en).toContain("<b>Re-index done</b> (1.2 s)");
    expect(en.split("\n").at(-1)).toBe("… and 3 more");
    expect(messages.reindexSummary("uk", { ...SUMMARY, skipped }).split("\n").at(-1)).toBe("… і ще 3");
  });

  it("a summary of files with long paths still fits one message: paths are cut in the middle, what does not fit is counted", () => {
    const folder = `archive/2026/02/${"ukraine-and-the-united-states-continue-talks-on-a-critical-minerals-deal-".repeat(3)}`;
    const skipped = Array.from({ length: 12 }, (_, i) => ({ file: `${folder}${i}/cover & photo.jpg`, reason: "not a .txt or .md file", code: "not-article" as const }));
    const line = `${"x".repeat(40)}…`;
    const reason = `the header between the "---" lines is not read: its line "${line}" is no "key: value" line; indexed as plain text, without its date and link`;
    const warnings = Array.from({ length: 6 }, (_, i) => ({ file: `${folder}${i}/article.md`, reason, code: "unread-header" as const, line }));
    for (const lang of ["uk", "en"] as const) {
      const text = messages.reindexSummary(lang, { ...SUMMARY, skipped, warnings });
      expect(text.length).toBeLessThanOrEqual(4096);
      expect(tagsBalanced(text)).toBe(true);
      expect(text).toContain("0/cover &amp; photo.jpg: "); // a path keeps its end: the file's own name
      expect(text).toMatch(lang === "en" ? /… and \d+ more$/ : /… і ще \d+$/);
    }
  });

  it("a summary warns of articles sharing a title, naming their files cut like other paths; an upload's own warning comes first, and it fits one message", () => {
    const folder = `archive/2026/02/${"ukraine-and-the-united-states-continue-talks-on-a-critical-minerals-deal-".repeat(3)}`;
    const articles = Array.from({ length: 40 }, (_, i) => ({ id: `${folder}${i % 8}/news-${i} & more.md`, title: `Новини <${i % 8}>` }));
    articles.push({ id: "uploaded.md", title: "Новини <7>" });
    const warnings = duplicateTitleWarnings(articles);
    expect(warnings).toHaveLength(8);
    for (const lang of ["uk", "en"] as const) {
      const text = messages.reindexSummary(lang, { ...SUMMARY, warnings }, ["uploaded.md"]);
      expect(text.length).toBeLessThanOrEqual(4096);
      expect(tagsBalanced(text)).toBe(true);
      expect(text).toContain(lang === "en" ? "Warnings: 8" : "Попередження: 8");
      const lines = text.split("\n");
      const first = lines[lines.indexOf(lang === "en" ? "Warnings: 8" : "Попередження: 8") + 1]!;
      expect(first.startsWith("• uploaded.md: ")).toBe(true);
      expect(first).toContain("uploaded.md");
      expect(first).toContain(lang === "en" ? "the title &quot;Новини &lt;7&gt;&quot; is also the title of " : "заголовок «Новини &lt;7&gt;» має й ");
      expect(first).toMatch(lang === "en" ? /news-\d+ &amp; more\.md and \d+ more;/ : /news-\d+ &amp; more\.md і ще \d+;/);
      expect(first.length).toBeLessThan(1_000); // each path cut in its middle
    }
  });

  it("two admins sending /reindex at the same moment: one build, and its admin is still told it runs in their chat", async () => {
    const { bot, kb, calls } = makeBot({ adminIds: new Set([ADMIN_ID, ADMIN_ID + 1]) });
    kb.holdReindex = true;
    // Both pass the "already running?" check before either build has started.
    await Promise.all([bot.handleUpdate(textUpdate("/reindex", { fromId: ADMIN_ID })), bot.handleUpdate(textUpdate("/reindex", { fromId: ADMIN_ID + 1, languageCode: "en" }))]);
    await vi.waitFor(() => expect(kb.releaseReindex).toBeDefined());
    const other = "A re-index is already running (started in another chat); its result is posted there. Send /reindex again after it finishes if needed.";
    await vi.waitFor(() => expect(sent(calls, "editMessageText").map(textOf)).toContain(other));
    // The first admin's build runs on: another /reindex there is pointed at its status above.
    await bot.handleUpdate(textUpdate("/reindex", { fromId: ADMIN_ID }));
    expect(textOf(sent(calls).at(-1))).toBe("Переіндексація вже триває; її результат з’явиться в повідомленні про неї вище.");
    kb.releaseReindex?.();
    await reindexReported(calls, "Переіндексацію завершено");
    expect(kb.reindexCalls).toBe(1);
  });

  it("an upload and another admin's /reindex at the same moment: the upload is indexed by a build right after", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    const downloadFile = vi.fn(async () => new TextEncoder().encode("Нова стаття."));
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile, adminIds: new Set([ADMIN_ID, ADMIN_ID + 1]) });
    kb.holdReindex = true;
    bothCheckBeforeEitherBuilds(kb);
    await Promise.all([bot.handleUpdate(textUpdate("/reindex", { fromId: ADMIN_ID + 1 })), bot.handleUpdate(documentUpdate("x.txt", { languageCode: "en" }))]);
    await vi.waitFor(() => expect(kb.releaseReindex).toBeDefined());
    await vi.waitFor(() =>
      expect(sent(calls, "editMessageText").map(textOf)).toContain("Saved as <code>x.txt</code>. A re-index is running; I will index it right after it."),
    );
    kb.releaseReindex?.();
    await vi.waitFor(() => expect(kb.reindexCalls).toBe(2));
    kb.releaseReindex?.();
    await vi.waitFor(() => expect(sent(calls).map(textOf)).toContain("Re-indexing the newly uploaded files: <code>x.txt</code>…"));
  });

  it("an upload meeting another admin's /reindex whose 'queued' text Telegram cannot take (unreachable) is one warning; the upload is still indexed right after", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    const downloadFile = vi.fn(async () => new TextEncoder().encode("Нова стаття."));
    const { logger, records: lines } = recordingLogger();
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile, logger, adminIds: new Set([ADMIN_ID, ADMIN_ID + 1]) });
    kb.holdReindex = true;
    bothCheckBeforeEitherBuilds(kb);
    // The upload's "I will index it right after" can be neither edited in nor sent.
    bot.api.config.use((prev, method, payload, signal) => {
      const text = (payload as { text?: string }).text ?? "";
      if (!text.includes("I will index it right after")) return prev(method, payload, signal);
      throw new HttpError(`Network request for '${method}' failed!`, new Error("ECONNREFUSED"));
    });
    await Promise.all([bot.handleUpdate(textUpdate("/reindex", { fromId: ADMIN_ID + 1 })), bot.handleUpdate(documentUpdate("x.txt", { languageCode: "en" }))]);
    await vi.waitFor(() => expect(kb.releaseReindex).toBeDefined());
    const problems = () => lines.filter((l) => l.level >= 40).map((l) => [l.level, l.msg]);
    await vi.waitFor(() => expect(problems()).toEqual([[40, "re-index status message not sent; the change stays queued"]]));
    kb.releaseReindex?.();
    await vi.waitFor(() => expect(kb.reindexCalls).toBe(2));
    kb.releaseReindex?.();
    await vi.waitFor(() => expect(sent(calls).map(textOf)).toContain("Re-indexing the newly uploaded files: <code>x.txt</code>…"));
    expect(problems()).toEqual([[40, "re-index status message not sent; the change stays queued"]]);
  });

  it("/reindex while another instance re-indexes the shared index: refused at once, saying so", async () => {
    const { bot, kb, calls } = makeBot();
    kb.reindexingElsewhere = true;
    await bot.handleUpdate(textUpdate("/reindex", { fromId: ADMIN_ID, languageCode: "en" }));
    expect(kb.reindexCalls).toBe(0);
    expect(textOf(sent(calls)[0])).toContain("Another bot instance (or an ingest) is re-indexing right now");
    expect(sent(calls, "editMessageText")).toHaveLength(0);
  });

  it("/stats shows index figures and counts; only group questions are quoted, never private ones", async () => {
    const { bot, kb, calls } = makeBot({ now: () => Date.parse("2026-02-05T12:00:00.000Z") });
    await bot.handleUpdate(textUpdate("Хто такий Гор?"));
    kb.reply = async () => answer({ notFound: true, citations: [] });
    await bot.handleUpdate(textUpdate("Чи мій діагноз <секрет>?"));
    await bot.handleUpdate(textUpdate("/ask Що таке <квазар>?", { chat: "group" }));
    await bot.handleUpdate(textUpdate("/stats", { fromId: ADMIN_ID, languageCode: "en" }));
    const stats = textOf(sent(calls).at(-1));
    expect(stats).toContain("Articles: 1, chunks: 3");
    expect(stats).toContain("<code>v1</code>");
    expect(stats).toContain("built 5 February 2026, 10:00 UTC (2 h ago)");
    // Three questions, two of them not found: "answered: 3" read as three answered besides the two.
    expect(stats).toContain("Questions asked: 3\nNot found: 2");
    expect(stats).not.toContain("Questions answered");
    expect(stats).toContain("• Що таке &lt;квазар&gt;?");
    expect(stats).not.toContain("діагноз");
    await bot.handleUpdate(textUpdate("/stats", { fromId: ADMIN_ID }));
    const uk = textOf(sent(calls).at(-1));
    expect(uk).toContain("Поставлено питань: 3\nБез відповіді: 2");
    expect(uk).not.toContain("Відповідей");
  });

  it("a question not found while the search was partly down (vector search failed): says to try again, and /stats counts no gap", async () => {
    const { bot, kb, calls } = makeBot();
    kb.reply = async () => answer({ notFound: true, reason: "search-unavailable", citations: [] });
    await bot.handleUpdate(textUpdate("/ask Що таке квазар?", { chat: "group" }));
    expect(textOf(sent(calls).at(-1))).toBe("Пошук зараз працює не повністю; спробуйте ще раз за хвилину.");
    await bot.handleUpdate(textUpdate("What is a quasar?", { languageCode: "en" }));
    expect(textOf(sent(calls).at(-1))).toBe("Search is partly down right now; please try again in a minute.");
    await bot.handleUpdate(textUpdate("/stats", { fromId: ADMIN_ID, languageCode: "en" }));
    const stats = textOf(sent(calls).at(-1));
    expect(stats).toContain("Questions asked: 2\nNot found: 0");
    expect(stats).not.toMatch(/квазар|quasar/);
  });

  it("/reindex reports a failure of ours to the admin with its reason, escaped", async () => {
    const { bot, kb, calls } = makeBot();
    kb.reindex = async () => {
      throw new IndexError('Seeds folder "<seeds>" does not exist or is not a folder; create it or point SEEDS_DIR at one.');
    };
    await bot.handleUpdate(textUpdate("/reindex", { fromId: ADMIN_ID, languageCode: "en" }));
    await reindexReported(calls, "The re-index failed");
    const final = textOf(sent(calls, "editMessageText").at(-1));
    expect(final).toContain("<b>The re-index failed</b>; the previous index keeps serving.");
    expect(final).toContain("Reason: Seeds folder &quot;&lt;seeds&gt;&quot; does not exist or is not a folder; create it or point SEEDS_DIR at one.");
  });

  it("/reindex in Ukrainian says that the reason it reports is in English (our error messages are), not passing it off as Ukrainian", async () => {
    const { bot, kb, calls } = makeBot();
    kb.reindex = async () => {
      throw new IndexError("The re-index ran longer than 10 min and was stopped. Try /reindex again; if it stops again, the server log may say what it waited for.");
    };
    await bot.handleUpdate(textUpdate("/reindex", { fromId: ADMIN_ID }));
    await reindexReported(calls, "Переіндексація не вдалася");
    expect(textOf(sent(calls, "editMessageText").at(-1))).toBe(
      "<b>Переіндексація не вдалася</b>; працює попередній індекс.\nПричина (англійською): The re-index ran longer than 10 min and was stopped. Try /reindex again; if it stops again, the server log may say what it waited for.",
    );
  });

  it("/reindex shows any other error only as unexpected: its message (server paths, URLs) goes to the log, not the chat", async () => {
    const error = vi.fn();
    const { bot, kb, calls } = makeBot({ logger: { ...silentLogger, error } as unknown as Logger });
    const failure = Object.assign(new Error("ENOSPC: no space left on device, write '/srv/bot/vectorstore/v-2/hnswlib.index'"), { code: "ENOSPC" });
    kb.reindex = async () => {
      throw failure;
    };
    await bot.handleUpdate(textUpdate("/reindex", { fromId: ADMIN_ID }));
    await reindexReported(calls, "Переіндексація не вдалася");
    const final = textOf(sent(calls, "editMessageText").at(-1));
    expect(final).toBe("<b>Переіндексація не вдалася</b>; працює попередній індекс.\nПричина: неочікувана помилка; подробиці в журналі сервера");
    expect(JSON.stringify(calls)).not.toMatch(/ENOSPC|\/srv\/bot/);
    expect(error).toHaveBeenCalledWith({ err: failure }, "re-index failed");
  });

  it("/stats and /reindex are answered only in a private chat", async () => {
    const { bot, kb, calls } = makeBot();
    await bot.handleUpdate(textUpdate("/stats", { fromId: ADMIN_ID, chat: "group", languageCode: "en" }));
    await bot.handleUpdate(textUpdate("/reindex", { fromId: ADMIN_ID, chat: "supergroup", languageCode: "en" }));
    await bot.handleUpdate(textUpdate("/stats@articles_test_bot", { fromId: USER_ID, chat: "group", languageCode: "en" }));
    expect(sent(calls).map(textOf)).toEqual([
      "Please send this command to me in a private chat.",
      "Please send this command to me in a private chat.",
      "Sorry, only the bot's administrators can do this.",
    ]);
    expect(kb.reindexCalls).toBe(0);
  });

  it("saves an uploaded .txt under a safe name inside the seeds folder, then re-indexes", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    const downloadFile = vi.fn(async () => new TextEncoder().encode("Нова стаття про форум."));
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile });
    await bot.handleUpdate(documentUpdate("../../x.txt"));
    await reindexReported(calls, "Переіндексацію завершено");

    expect(downloadFile).toHaveBeenCalledWith("documents/file_1.txt");
    expect(sent(calls, "getFile")[0]?.payload.file_id).toBe("f");
    expect(await fs.readdir(dir)).toEqual(["x.txt"]);
    expect(await fs.readFile(path.join(dir, "x.txt"), "utf8")).toBe("Нова стаття про форум.");
    await expect(fs.access(path.join(dir, "..", "..", "x.txt"))).rejects.toThrow();
    expect(textOf(sent(calls)[0])).toBe("Збережено як <code>x.txt</code>. Переіндексація…");
    expect(kb.reindexCalls).toBe(1);
    expect(textOf(sent(calls, "editMessageText").at(-1))).toContain("Переіндексацію завершено");

    // The same name again: replaced, and the admin is told so.
    await bot.handleUpdate(documentUpdate("x.txt"));
    expect(textOf(sent(calls)[1])).toContain("файл з такою назвою замінено");
    await reindexReported(calls, "Переіндексацію завершено", 2);
  });

  it("an upload whose reply cannot be sent (Telegram unreachable) is still indexed; the summary comes as a new message once Telegram is back", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    const downloadFile = vi.fn(async () => new TextEncoder().encode("Нова стаття."));
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile });
    let unreachable = true;
    bot.api.config.use((prev, method, payload, signal) => {
      if (method !== "sendMessage" || !unreachable) return prev(method, payload, signal);
      unreachable = false;
      throw new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNREFUSED"));
    });
    await bot.handleUpdate(documentUpdate("x.txt"));
    expect(await fs.readdir(dir)).toEqual(["x.txt"]);
    await vi.waitFor(() => expect(textOf(sent(calls).at(-1))).toContain("Переіндексацію завершено"));
    expect(kb.reindexCalls).toBe(1);
    expect(sent(calls, "editMessageText")).toEqual([]);
  });

  it("an upload whose 'queued' or 'another instance is building' reply cannot be sent (Telegram unreachable) is one warning, no failed update; the queued one is still indexed", async () => {
    const { dir, bot, kb, calls, lines } = await buildingAnUpload();
    let unreachable = false;
    bot.api.config.use((prev, method, payload, signal) => {
      if (method !== "sendMessage" || !unreachable) return prev(method, payload, signal);
      throw new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNREFUSED"));
    });
    const problems = () => lines.filter((l) => l.level >= 40).map((l) => [l.level, l.msg]);
    // A build of ours runs: the change is queued, its reply lost.
    unreachable = true;
    await bot.handleUpdate(documentUpdate("y.txt"));
    unreachable = false;
    expect(problems()).toEqual([[40, "re-index status message not sent; the change stays queued"]]);
    kb.holdReindex = false;
    kb.releaseReindex?.();
    await vi.waitFor(() => expect(kb.reindexCalls).toBe(2));
    await vi.waitFor(() => expect(sent(calls).map(textOf)).toContain("Переіндексація з новими файлами: <code>y.txt</code>…"));
    await vi.waitFor(() => expect(kb.isReindexing()).toBe(false));
    // Another instance builds: the change waits for a /reindex, and its reply is lost.
    kb.reindexingElsewhere = true;
    lines.length = 0;
    unreachable = true;
    await bot.handleUpdate(documentUpdate("z.txt"));
    expect(problems()).toEqual([[40, "re-index status message not sent; another instance is building, so a /reindex after it will index the change"]]);
    expect(await fs.readdir(dir)).toEqual(["x.txt", "y.txt", "z.txt"]);
  });

  it("a /reindex whose summary Telegram cannot take (unreachable) is one warning, not an error with a stack", async () => {
    const { logger, records: lines } = recordingLogger();
    const { bot, kb, calls } = makeBot({ logger });
    bot.api.config.use((prev, method, payload, signal) => {
      if (!((payload as { text?: string }).text ?? "").includes("Переіндексацію завершено")) return prev(method, payload, signal);
      throw new HttpError(`Network request for '${method}' failed!`, new Error("ECONNREFUSED"));
    });
    await bot.handleUpdate(textUpdate("/reindex", { fromId: ADMIN_ID }));
    const problems = () => lines.filter((l) => l.level >= 40).map((l) => [l.level, l.msg]);
    await vi.waitFor(() => expect(problems()).toHaveLength(1));
    expect(problems()).toEqual([[40, "re-index status message not sent; the re-index's outcome is unaffected"]]);
    expect(kb.reindexCalls).toBe(1);
    // A build that succeeded is never reported as failed.
    expect(calls.map(textOf).filter((t) => t.includes("Переіндексація не вдалася"))).toEqual([]);
  });

  it("a queued upload whose build's 'Re-indexing with the new files' text cannot be sent (unreachable) is one warning; the build runs and its summary comes as a new message", async () => {
    const { bot, kb, calls, lines } = await buildingAnUpload();
    // Each update's api copies the transformers there are when it arrives: set before y.txt.
    bot.api.config.use((prev, method, payload, signal) => {
      if (!((payload as { text?: string }).text ?? "").startsWith("Переіндексація з новими файлами")) return prev(method, payload, signal);
      throw new HttpError(`Network request for '${method}' failed!`, new Error("ECONNREFUSED"));
    });
    await bot.handleUpdate(documentUpdate("y.txt"));
    kb.holdReindex = false;
    kb.releaseReindex?.();
    await vi.waitFor(() => expect(kb.reindexCalls).toBe(2));
    await vi.waitFor(() => expect(kb.isReindexing()).toBe(false));
    // The first build's summary is edited into its status message, the second's sent anew.
    await vi.waitFor(() => expect(calls.filter((c) => textOf(c).includes("Переіндексацію завершено")).map((c) => c.method)).toEqual(["editMessageText", "sendMessage"]));
    const problems = lines.filter((l) => l.level >= 40).map((l) => [l.level, l.msg]);
    expect(problems).toEqual([[40, "re-index status message not sent; re-indexing anyway"]]);
  });

  it("an upload that meets a re-index started meanwhile says it is saved and needs the next /reindex", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    const downloadFile = vi.fn(async () => new TextEncoder().encode("Нова стаття."));
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile });
    // Not running when the upload checked, running by the time its re-index starts.
    kb.reindex = async () => {
      throw new ReindexInProgressError();
    };
    await bot.handleUpdate(documentUpdate("x.txt", { languageCode: "en" }));
    await reindexReported(calls, "Saved as");
    expect(await fs.readdir(dir)).toEqual(["x.txt"]);
    expect(textOf(sent(calls, "editMessageText").at(-1))).toBe(
      "Saved as <code>x.txt</code>. A re-index is already running and may miss it; send /reindex after it finishes to index it.",
    );
  });

  it("a burst of uploads (several files selected at once) loses none: each is saved and answered, the ones during a build get one more build", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    const downloadFile = vi.fn(async () => new TextEncoder().encode("Нова стаття."));
    // A small command budget: admins' uploads must not use it up.
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile, commandRateLimit: { burst: 2, refillMs: 60_000 } });
    kb.holdReindex = true;
    for (let i = 1; i <= 8; i++) await bot.handleUpdate(documentUpdate(`batch${i}.txt`));
    expect((await fs.readdir(dir)).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `batch${i + 1}.txt`));
    const replies = sent(calls).map(textOf);
    expect(replies).toHaveLength(8);
    expect(replies[0]).toBe("Збережено як <code>batch1.txt</code>. Переіндексація…");
    for (let i = 2; i <= 8; i++) {
      expect(replies[i - 1]).toBe(`Збережено як <code>batch${i}.txt</code>. Зараз триває переіндексація; проіндексую його одразу після неї.`);
    }
    await vi.waitFor(() => expect(kb.releaseReindex).toBeDefined());
    const first = kb.releaseReindex;
    first?.();
    // The second build, for the seven files that came during the first.
    await vi.waitFor(() => expect(kb.releaseReindex).not.toBe(first));
    expect(kb.reindexCalls).toBe(2);
    const status = sent(calls)[8];
    expect(textOf(status)).toBe(`Переіндексація з новими файлами: ${Array.from({ length: 7 }, (_, i) => `<code>batch${i + 2}.txt</code>`).join(", ")}…`);
    kb.releaseReindex?.();
    await reindexReported(calls, "Переіндексацію завершено", 2);
    expect(sent(calls, "editMessageText").at(-1)?.payload.message_id).toBe(1009);
    // Nothing more queued: no third build.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(kb.reindexCalls).toBe(2);
  });

  it("refuses a non-UTF-8 file, a too large one and other types, and re-indexes nothing", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    const downloadFile = vi.fn(async () => Uint8Array.from([0x50, 0xff, 0xfe, 0x41]));
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile });
    await bot.handleUpdate(documentUpdate("latin1.txt"));
    await bot.handleUpdate(documentUpdate("big.md", { size: 5000 }));
    await bot.handleUpdate(documentUpdate("photo.jpg"));
    expect(sent(calls).map(textOf)).toEqual([
      "Файл не є текстом UTF-8; збережіть його в UTF-8 і надішліть ще раз.",
      "Файл завеликий (обмеження 1 КіБ).",
      "Як статті я приймаю лише файли .txt і .md.",
    ]);
    expect(downloadFile).toHaveBeenCalledTimes(1);
    expect(kb.reindexCalls).toBe(0);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it("refuses a file named only '.md' or '.txt' for having no name, before downloading it", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    const downloadFile = vi.fn(async () => new TextEncoder().encode("Нова стаття."));
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile });
    await bot.handleUpdate(documentUpdate(".md"));
    await bot.handleUpdate(documentUpdate(".txt", { languageCode: "en" }));
    expect(sent(calls).map(textOf)).toEqual([
      "Файл не має назви, лише розширення (як-от «.md»): перейменуйте його й надішліть ще раз.",
      "The file has no name, only the extension (such as “.md”): rename it and send it again.",
    ]);
    expect(downloadFile).not.toHaveBeenCalled();
    expect(kb.reindexCalls).toBe(0);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it("uploads whose names have nothing a file name keeps (emoji only) each keep their own file; the same one sent again replaces itself", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    const downloadFile = vi.fn(async () => new TextEncoder().encode("Нова стаття."));
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile });
    kb.holdReindex = true;
    for (const name of ["🎉.md", "🚀.md", "🎉.md"]) await bot.handleUpdate(documentUpdate(name, { languageCode: "en" }));
    const files = (await fs.readdir(dir)).sort();
    expect(files).toHaveLength(2);
    for (const file of files) expect(file).toMatch(/^article-[0-9a-f]{8}\.md$/);
    const replies = sent(calls).map(textOf);
    expect(replies[0]).not.toContain("replacing");
    expect(replies[1]).not.toContain("replacing");
    expect(replies[2]).toContain("replacing the file of that name");
    expect(replies[2]).toContain(replies[0]?.match(/<code>(.*?)<\/code>/)?.[1]);
    kb.releaseReindex?.();
  });

  it("documents sent without a file name (some forwarded files) each keep a file of their own, named in the reply; the same one again replaces itself", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    const downloadFile = vi.fn(async () => new TextEncoder().encode("Нова стаття."));
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile });
    kb.holdReindex = true;
    await bot.handleUpdate(documentUpdate(undefined, { uniqueId: "AgADa1", languageCode: "en" }));
    await bot.handleUpdate(documentUpdate(undefined, { uniqueId: "AgADb2", mimeType: "text/markdown", languageCode: "en" }));
    await bot.handleUpdate(documentUpdate(undefined, { uniqueId: "AgADa1", languageCode: "en" }));
    await bot.handleUpdate(documentUpdate(undefined, { uniqueId: "AgADc3", mimeType: "text/plain; charset=utf-8", languageCode: "en" }));
    expect((await fs.readdir(dir)).sort()).toEqual(["article-AgADa1.txt", "article-AgADb2.md", "article-AgADc3.txt"]);
    const replies = sent(calls).map(textOf);
    expect(replies[0]).toContain("Saved as <code>article-AgADa1.txt</code>.");
    expect(replies[1]).toContain("Saved as <code>article-AgADb2.md</code>.");
    expect(replies[1]).not.toContain("replacing");
    expect(replies[2]).toContain("Saved as <code>article-AgADa1.txt</code>, replacing the file of that name");
    kb.releaseReindex?.();
  });

  it("refuses a document sent without a name whose type is not text (a PDF, a photo sent as a file) as any other type, without downloading it", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    const downloadFile = vi.fn(async () => Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0xff]));
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile });
    await bot.handleUpdate(documentUpdate(undefined, { mimeType: "application/pdf", languageCode: "en" }));
    await bot.handleUpdate(documentUpdate(undefined, { mimeType: "image/jpeg" }));
    // Text, but not an article's: HTML's markup and CSV's columns were saved as .txt and indexed as prose.
    await bot.handleUpdate(documentUpdate(undefined, { mimeType: "text/html", languageCode: "en" }));
    await bot.handleUpdate(documentUpdate(undefined, { mimeType: "text/csv", languageCode: "en" }));
    const badType = "I only accept .txt and .md files as articles.";
    expect(sent(calls).map(textOf)).toEqual([badType, "Як статті я приймаю лише файли .txt і .md.", badType, badType]);
    expect(downloadFile).not.toHaveBeenCalled();
    expect(kb.reindexCalls).toBe(0);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it("says the size limit as people read it, in MiB from 1 MiB up", async () => {
    const { bot, calls } = makeBot({ maxUploadBytes: 5 * 1024 * 1024 });
    await bot.handleUpdate(documentUpdate("big.txt", { size: 6_000_000 }));
    await bot.handleUpdate(documentUpdate("big.txt", { size: 6_000_000, languageCode: "en" }));
    const half = makeBot({ maxUploadBytes: 1.5 * 1024 * 1024 });
    await half.bot.handleUpdate(documentUpdate("big.txt", { size: 6_000_000 }));
    expect([...sent(calls), ...sent(half.calls)].map(textOf)).toEqual([
      "Файл завеликий (обмеження 5 МіБ).",
      "The file is too large (limit 5 MiB).",
      "Файл завеликий (обмеження 1,5 МіБ).",
    ]);
  });

  it("a file within MAX_ARTICLE_BYTES but over the 20 MB Telegram lets bots download is refused for that, not with 'try again'", async () => {
    const downloadFile = vi.fn(async () => new TextEncoder().encode("Нова стаття."));
    const { bot, kb, calls } = makeBot({ maxUploadBytes: 50 * 1024 * 1024, downloadFile });
    bot.api.config.use((prev, method, payload, signal) =>
      method === "getFile" ? Promise.resolve({ ok: false, error_code: 400, description: "Bad Request: file is too big" } as never) : prev(method, payload, signal),
    );
    await bot.handleUpdate(documentUpdate("big.txt", { size: 25_000_000, languageCode: "en" }));
    await bot.handleUpdate(documentUpdate("big.txt", { size: 25_000_000 }));
    expect(sent(calls).map(textOf)).toEqual([
      "The file is too large for Telegram to pass to bots (they can download files of up to 20 MB). Split it, or put it in the articles folder on the server.",
      "Файл завеликий, щоб Telegram передав його боту (боти можуть завантажувати файли до 20 МБ). Розділіть його або покладіть у теку статей на сервері.",
    ]);
    expect(downloadFile).not.toHaveBeenCalled();
    expect(kb.reindexCalls).toBe(0);
  });

  it("an upload or removal the server's disk refuses (a folder the bot may not write, a full disk) says why and what to do, not 'try again later'", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    await fs.writeFile(path.join(dir, "a.txt"), "Стаття.");
    const downloadFile = vi.fn(async () => new TextEncoder().encode("Нова стаття."));
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile });
    const refused = (code: string) => Object.assign(new Error(`${code}: refused, open '${dir}/.upload-1.tmp'`), { code });
    kb.addArticle = async () => {
      throw refused("EACCES");
    };
    await bot.handleUpdate(documentUpdate("x.txt", { languageCode: "en" }));
    expect(textOf(sent(calls).at(-1))).toBe(
      "I could not save the file: the bot may not write to the articles folder (EACCES). Nothing changed; let the bot's user write there (with Docker: sudo chown -R 1000 seeds) and send the file again.",
    );
    kb.addArticle = async () => {
      throw refused("ENOSPC");
    };
    await bot.handleUpdate(documentUpdate("x.txt"));
    expect(textOf(sent(calls).at(-1))).toBe("Не вдалося зберегти файл: диск теки статей заповнений (ENOSPC). Нічого не змінено; звільніть місце й надішліть файл ще раз.");
    expect(kb.reindexCalls).toBe(0);

    kb.removeArticle = async () => {
      throw refused("EROFS");
    };
    const key = createHash("sha256").update("a.txt").digest("base64url").slice(0, 16);
    await bot.handleUpdate(callbackUpdate(`rm:${key}`, 5, ADMIN_ID));
    const alert = sent(calls, "answerCallbackQuery").at(-1)?.payload;
    expect(alert).toMatchObject({ show_alert: true, text: "Файл не видалено: боту заборонено писати в теку статей (EROFS). Дайте йому право запису й натисніть ще раз." });
    expect(String(alert?.text).length).toBeLessThanOrEqual(200); // Telegram's limit on a button's notice
    expect(kb.reindexCalls).toBe(0);
  });

  it("ignores documents in groups", async () => {
    const { bot, calls } = makeBot();
    const update = documentUpdate("a.txt");
    const message = update.message as unknown as { chat: unknown };
    message.chat = { id: -100500, type: "group", title: "G" };
    await bot.handleUpdate(update);
    expect(calls).toHaveLength(0);
  });
});

describe("staying up", () => {
  it("a throwing handler gets an apology and does not stop the next update", async () => {
    const { bot, kb, calls } = makeBot();
    let first = true;
    kb.reply = async () => {
      if (first) {
        first = false;
        throw new Error("boom 123:TEST");
      }
      return answer();
    };
    await bot.handleUpdate(textUpdate("перше"));
    await bot.handleUpdate(textUpdate("друге"));
    const texts = sent(calls).map(textOf);
    expect(texts[0]).toBe("Вибачте, щось пішло не так. Спробуйте ще раз пізніше.");
    expect(texts[0]).not.toContain("boom");
    expect(texts[1]).toContain("Серджіо Гор");
  });

  it("a question that fails is apologised for in the question's language, as its answer and its 'wait' would be; a command in the client's", async () => {
    const { bot, kb, calls } = makeBot();
    kb.reply = async () => {
      throw new Error("the index is gone");
    };
    await bot.handleUpdate(textUpdate("Who is Sergio Gor?", { languageCode: "ru" }));
    await bot.handleUpdate(textUpdate("Кто такой Серджио Гор?", { languageCode: "en" }));
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username} What happened last week?`, { chat: "group", languageCode: "uk" }));
    // A command has no words of the user's own: the client's language, as for its answer.
    kb.info = () => {
      throw new Error("the index is gone");
    };
    await bot.handleUpdate(textUpdate("/help", { languageCode: "en" }));
    expect(sent(calls).map(textOf)).toEqual([
      "Sorry, something went wrong. Please try again later.",
      "Вибачте, щось пішло не так. Спробуйте ще раз пізніше.",
      "Sorry, something went wrong. Please try again later.",
      "Sorry, something went wrong. Please try again later.",
    ]);
  });
});

/** Two builds asked at once: both have checked that no build runs before either starts one. */
function bothCheckBeforeEitherBuilds(kb: { isReindexingElsewhere: () => Promise<boolean> }): void {
  let arrived = 0;
  let bothChecked: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (bothChecked = resolve));
  kb.isReindexingElsewhere = async () => {
    if (++arrived === 2) bothChecked();
    await gate;
    return false;
  };
}

/** A bot whose log is read, with an admin's upload x.txt being built (held until released). */
async function buildingAnUpload() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
  const downloadFile = vi.fn(async () => new TextEncoder().encode("Нова стаття."));
  const { logger, records: lines } = recordingLogger();
  const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile, logger });
  kb.holdReindex = true;
  await bot.handleUpdate(documentUpdate("x.txt"));
  await vi.waitFor(() => expect(kb.releaseReindex).toBeDefined());
  return { dir, bot, kb, calls, lines };
}
