// Edited questions over HTTP against the local Bot API mock: a question whose typo is fixed by
// editing it is answered again, by editing the earlier answer while the bot remembers it, else by
// a new reply; edits that ask nothing new, or that were never questions to the bot, get nothing.
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { BotDeps } from "../../src/bot/bot-deps.js";
import { createBot } from "../../src/bot/create-bot.js";
import { formatAnswer } from "../../src/bot/format-answer.js";
import { QuestionError } from "../../src/shared/errors.js";
import { ANSWER_TEXTS } from "../../src/texts/answer-texts.js";
import { openUpdateIntake } from "../../src/bot/update-intake.js";
import { UpdateJournal } from "../../src/bot/update-journal.js";
import { silentLogger } from "../../src/shared/logger.js";
import { type BotApiMock, startBotApiMock } from "../helpers/bot-api-mock.js";
import type { Update } from "grammy/types";
import { ADMIN_ID, answer, BOT_INFO, documentUpdate, editedUpdate, FakeKb, textUpdate, USER_ID } from "./harness.js";

const TOKEN = "123:EDITS";
const GROUP = -100500;
const TYPO = "Хто такий Серджо Гор?";
const FIXED = "Хто такий Серджіо Гор?";

let mock: BotApiMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

/** An answer that names the question it answers, so an edit's answer differs from the first one. */
const answerTo = (question: string) => answer({ question, answer: `Відповідь на «${question}» [1].` });

async function startMock(): Promise<BotApiMock> {
  mock = await startBotApiMock({ token: TOKEN });
  return mock;
}

/** A bot on the mock (a second call on the same mock is the bot after a restart: nothing in memory). */
function botOn(api: BotApiMock, deps: Partial<BotDeps> = {}) {
  const kb = new FakeKb();
  kb.reply = async (question) => answerTo(question);
  const bot = createBot(TOKEN, { kb, adminIds: new Set(), logger: silentLogger, maxUploadBytes: 1024, botInfo: BOT_INFO, apiRoot: api.apiRoot, throttle: false, ...deps });
  return { bot, kb };
}

/** What the bot did in the chats, typing aside. */
const shown = (api: BotApiMock) => api.calls.filter((c) => c.method !== "sendChatAction");
const messageId = (call: { result?: unknown } | undefined): number | undefined => (call?.result as { message_id: number } | undefined)?.message_id;

describe("edited questions", () => {
  it("private chat: the edited question is asked again and its answer edited into the earlier one, sources and buttons included", async () => {
    const api = await startMock();
    const { bot, kb } = botOn(api);
    const question = textUpdate(TYPO);
    await bot.handleUpdate(question);
    const [first] = shown(api);
    expect(first?.method).toBe("sendMessage");

    await bot.handleUpdate(editedUpdate(question, FIXED));
    expect(kb.asked.map((a) => a.question)).toEqual([TYPO, FIXED]);
    const [, edit, ...rest] = shown(api);
    expect(rest).toEqual([]);
    expect(edit?.method).toBe("editMessageText");
    expect(edit?.payload).toMatchObject({
      chat_id: USER_ID,
      message_id: messageId(first),
      text: formatAnswer(answerTo(FIXED), "uk")[0],
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
    expect(edit?.payload.text).toContain("Серджіо");
    // The same keyboard as a new answer's: the source button, then 👍/👎.
    expect(edit?.payload.reply_markup).toEqual(first?.payload.reply_markup);

    // A second fix edits the same answer again.
    await bot.handleUpdate(editedUpdate(question, "Хто такий Серджіо Гор насправді?"));
    expect(shown(api).map((c) => [c.method, c.payload.message_id])).toEqual([
      ["sendMessage", undefined],
      ["editMessageText", messageId(first)],
      ["editMessageText", messageId(first)],
    ]);
    // Counted once in /stats: a typo fixed is not another question.
    expect((await bot.state.stats.snapshot(5)).questions).toBe(1);
  });

  it("/stats: a first \"not found\" that an edit fixed is withdrawn, in a group its gap too; still one question each", async () => {
    const api = await startMock();
    const { bot, kb } = botOn(api);
    kb.reply = async (question) => (question.includes(TYPO) ? answer({ question, notFound: true, citations: [] }) : answerTo(question));
    const mention = textUpdate(`@${BOT_INFO.username} ${TYPO}`, { chat: "group" });
    const direct = textUpdate(TYPO);
    await bot.handleUpdate(mention);
    await bot.handleUpdate(direct);
    expect(await bot.state.stats.snapshot(5)).toMatchObject({ questions: 2, notFound: 2, recentNotFound: [TYPO] });

    await bot.handleUpdate(editedUpdate(mention, `@${BOT_INFO.username} ${FIXED}`));
    await bot.handleUpdate(editedUpdate(direct, FIXED));
    expect(await bot.state.stats.snapshot(5)).toMatchObject({ questions: 2, notFound: 0, recentNotFound: [] });
    // Edited back into the typo: not found again, and a gap again (the message's latest question counts).
    await bot.handleUpdate(editedUpdate(mention, `@${BOT_INFO.username} ${TYPO}`));
    expect(await bot.state.stats.snapshot(5)).toMatchObject({ questions: 2, notFound: 1, recentNotFound: [TYPO] });
  });

  it("/stats: a question first refused (too long), then fixed by an edit, is counted once when answered", async () => {
    const api = await startMock();
    const { bot, kb } = botOn(api);
    kb.reply = async (question) => {
      if (question.length > 1000) throw new QuestionError("too long", "too-long");
      return answerTo(question);
    };
    const question = textUpdate("Хто? ".repeat(300));
    await bot.handleUpdate(question);
    expect((await bot.state.stats.snapshot(5)).questions).toBe(0);
    await bot.handleUpdate(editedUpdate(question, FIXED));
    await bot.handleUpdate(editedUpdate(question, `${FIXED} Де він був?`));
    expect((await bot.state.stats.snapshot(5)).questions).toBe(1);
  });

  it("an admin's document's caption edited is no question (it is an upload), as a new one is not, only the line that edits are not read as uploads; anyone else's is asked, as a photo's", async () => {
    const api = await startMock();
    const { bot, kb } = botOn(api, { adminIds: new Set([ADMIN_ID]) });
    const upload = documentUpdate("report.pdf", { fromId: ADMIN_ID });
    await bot.handleUpdate(upload);
    const before = shown(api).length;
    const edited = { update_id: upload.update_id + 10_000, edited_message: { ...upload.message, caption: "Хто такий Серджіо Гор?", edit_date: 1 } } as unknown as Update;
    await bot.handleUpdate(edited);
    expect(kb.asked).toEqual([]);
    // The edit may have replaced the file (Telegram tells no caption edit from that): it is not read, and said so.
    expect(shown(api).slice(before).map((c) => c.payload.text)).toEqual([
      "Редагування не читаються як завантаження: щоб додати чи замінити статтю, надішліть файл ще раз новим повідомленням.",
    ]);

    const sent = documentUpdate("report.pdf", { fromId: USER_ID });
    await bot.handleUpdate(sent);
    await bot.handleUpdate({ update_id: sent.update_id + 10_000, edited_message: { ...sent.message, caption: "Хто такий Серджіо Гор?", edit_date: 1 } } as unknown as Update);
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Серджіо Гор?"]);
  });

  it("an answer of several messages is not left beside the new one: the earlier messages are deleted", async () => {
    const api = await startMock();
    const { bot, kb } = botOn(api);
    const long = (question: string) => answer({ question, answer: `${"Довге речення про форум у Бішкеку. ".repeat(180)}[1]` });
    kb.reply = async (question) => (question === TYPO ? long(question) : answerTo(question));
    const question = textUpdate(TYPO);
    await bot.handleUpdate(question);
    const first = shown(api).map((c) => messageId(c));
    expect(first.length).toBeGreaterThan(1);

    await bot.handleUpdate(editedUpdate(question, FIXED));
    const after = shown(api).slice(first.length);
    // The short new answer is edited into the first message; the rest of the old one goes.
    expect(after.map((c) => [c.method, c.payload.message_id])).toEqual([
      ["editMessageText", first[0]],
      ...first.slice(1).map((id) => ["deleteMessage", id]),
    ]);
    expect(after[0]?.payload.text).toContain("Серджіо");

    // And a long answer replacing a short one: sent anew, the short one deleted.
    kb.reply = async (q) => long(q);
    await bot.handleUpdate(editedUpdate(question, "Хто такий Серджіо Гор насправді?"));
    const last = shown(api).slice(first.length + after.length);
    expect(last.filter((c) => c.method === "sendMessage").length).toBeGreaterThan(1);
    expect(last.filter((c) => c.method === "deleteMessage").map((c) => c.payload.message_id)).toEqual([first[0]]);
  });

  it("a question edited into one that cannot be asked: the problem takes the earlier answer's place; fixed again, the answer comes back", async () => {
    const api = await startMock();
    const { bot, kb } = botOn(api);
    kb.reply = async (question) => {
      if (question.length > 1000) throw new QuestionError("too long", "too-long");
      return answerTo(question);
    };
    const question = textUpdate(FIXED);
    await bot.handleUpdate(question);
    const [first] = shown(api);
    await bot.handleUpdate(editedUpdate(question, "Хто? ".repeat(300)));
    await bot.handleUpdate(editedUpdate(question, FIXED));
    expect(shown(api).map((c) => [c.method, c.payload.message_id])).toEqual([
      ["sendMessage", undefined],
      ["editMessageText", messageId(first)],
      ["editMessageText", messageId(first)],
    ]);
    const [, problem, back] = shown(api);
    expect(problem?.payload.text).toContain("довге");
    expect(problem?.payload.reply_markup).toBeUndefined(); // no buttons under a problem
    expect(back?.payload.text).toBe(formatAnswer(answerTo(FIXED), "uk")[0]);
  });

  it("a problem's text reaches Telegram as written, '&' and '<' included, in a new reply and in place of an earlier answer", async () => {
    // What a Telegram client shows of a message: HTML read (and refused with a raw "<" or "&"), or the text as sent.
    const seen = (payload: Record<string, unknown> | undefined): string => {
      const text = String(payload?.text ?? "");
      if (payload?.parse_mode !== "HTML") return text;
      expect(text).not.toMatch(/<|&(?!amp;|lt;|gt;|quot;)/);
      return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
    };
    const texts = ANSWER_TEXTS.uk as { empty: string };
    const empty = texts.empty;
    texts.empty = "Питання порожнє: напишіть, що & як <саме> ви хочете знати.";
    try {
      const api = await startMock();
      const { bot, kb } = botOn(api);
      kb.reply = async (question) => {
        if (question.startsWith("?")) throw new QuestionError("empty", "empty");
        return answerTo(question);
      };
      await bot.handleUpdate(textUpdate("??"));
      const question = textUpdate(FIXED);
      await bot.handleUpdate(question);
      await bot.handleUpdate(editedUpdate(question, "?"));
      const calls = shown(api);
      expect(calls.map((c) => c.method)).toEqual(["sendMessage", "sendMessage", "editMessageText"]);
      expect(seen(calls[0]?.payload)).toBe(texts.empty);
      expect(seen(calls[2]?.payload)).toBe(texts.empty);
    } finally {
      texts.empty = empty;
    }
  });

  it("once the answer is forgotten (a restart, or 48 h), the edited question gets a new answer replying to it", async () => {
    const api = await startMock();
    const question = textUpdate(TYPO);
    await botOn(api).bot.handleUpdate(question);
    const restarted = botOn(api);
    await restarted.bot.handleUpdate(editedUpdate(question, FIXED));
    expect(restarted.kb.asked.map((a) => a.question)).toEqual([FIXED]);
    const calls = shown(api);
    expect(calls.map((c) => c.method)).toEqual(["sendMessage", "sendMessage"]);
    expect(calls[1]?.payload).toMatchObject({ text: formatAnswer(answerTo(FIXED), "uk")[0], reply_parameters: { message_id: question.message?.message_id } });

    let now = Date.now();
    const later = botOn(api, { now: () => now });
    const second = textUpdate(TYPO);
    await later.bot.handleUpdate(second);
    now += 48 * 60 * 60 * 1000 + 60_000;
    await later.bot.handleUpdate(editedUpdate(second, FIXED));
    expect(shown(api).slice(2).map((c) => [c.method, (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id])).toEqual([
      ["sendMessage", second.message?.message_id],
      ["sendMessage", second.message?.message_id],
    ]);
  });

  it("an edit that asks nothing new (the same text, only spacing changed, or thanks) gets nothing; a real fix is answered", async () => {
    const api = await startMock();
    const { bot, kb } = botOn(api);
    const question = textUpdate(TYPO);
    await bot.handleUpdate(question);
    await bot.handleUpdate(editedUpdate(question, TYPO));
    await bot.handleUpdate(editedUpdate(question, `  Хто  такий Серджо\nГор? `));
    await bot.handleUpdate(editedUpdate(question, "дякую"));
    expect(kb.asked).toHaveLength(1);
    expect(shown(api)).toHaveLength(1);

    await bot.handleUpdate(editedUpdate(question, FIXED));
    expect(kb.asked.map((a) => a.question)).toEqual([TYPO, FIXED]);
    expect(shown(api).map((c) => c.method)).toEqual(["sendMessage", "editMessageText"]);
  });

  it("in a group only an edit addressed to the bot (a mention, /ask) is answered, by the rules for new messages", async () => {
    const api = await startMock();
    // Four questions of one member at once: more than a member's share of a group (3 at once).
    const { bot, kb } = botOn(api, { groupRateLimit: { burst: 10, refillMs: 60_000 } });
    // Never addressed: neither the message nor its edit is a question to the bot.
    const chatter = textUpdate(TYPO, { chat: "group" });
    await bot.handleUpdate(chatter);
    await bot.handleUpdate(editedUpdate(chatter, FIXED));
    // Another bot's command, edited.
    const other = textUpdate(`/ask@other_bot ${TYPO}`, { chat: "group" });
    await bot.handleUpdate(editedUpdate(other, `/ask@other_bot ${FIXED}`));
    expect(kb.asked).toEqual([]);
    expect(shown(api)).toEqual([]);

    const mention = textUpdate(`@${BOT_INFO.username} ${TYPO}`, { chat: "group" });
    await bot.handleUpdate(mention);
    await bot.handleUpdate(editedUpdate(mention, `@${BOT_INFO.username} ${FIXED}`));
    // The mention removed: no longer addressed, the answer stays as it is.
    await bot.handleUpdate(editedUpdate(mention, `${FIXED} А хто ще?`));
    const command = textUpdate(`/ask ${TYPO}`, { chat: "group" });
    await bot.handleUpdate(command);
    await bot.handleUpdate(editedUpdate(command, `/ask@${BOT_INFO.username} ${FIXED}`));

    expect(kb.asked.map((a) => a.question)).toEqual([TYPO, FIXED, TYPO, FIXED]);
    const calls = shown(api);
    expect(calls.map((c) => [c.method, c.payload.chat_id])).toEqual([
      ["sendMessage", GROUP],
      ["editMessageText", GROUP],
      ["sendMessage", GROUP],
      ["editMessageText", GROUP],
    ]);
    expect(calls[1]?.payload.message_id).toBe(messageId(calls[0]));
    expect(calls[3]?.payload.message_id).toBe(messageId(calls[2]));
  });

  it("in a group, a photo's caption that mentions the bot is asked, and asked again when edited", async () => {
    const api = await startMock();
    const { bot, kb } = botOn(api);
    const photo = textUpdate("", { chat: "group" }) as unknown as { message: Record<string, unknown> };
    delete photo.message.text;
    Object.assign(photo.message, { photo: [{ file_id: "p", file_unique_id: "p", width: 90, height: 90 }], caption: `@${BOT_INFO.username} ${TYPO}` });
    await bot.handleUpdate(photo as unknown as Update);
    await bot.handleUpdate({ update_id: 880_001, edited_message: { ...photo.message, caption: `@${BOT_INFO.username} ${FIXED}`, edit_date: 1 } } as unknown as Update);
    expect(kb.asked.map((a) => a.question)).toEqual([TYPO, FIXED]);
    const calls = shown(api);
    expect(calls.map((c) => c.method)).toEqual(["sendMessage", "editMessageText"]);
    expect(calls[1]?.payload.message_id).toBe(messageId(calls[0]));
  });

  it("in a group, a reply to an answer edited from chatter into a question is answered; edited into chatter for someone else it is not", async () => {
    const api = await startMock();
    const { bot, kb } = botOn(api);
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username} ${FIXED}`, { chat: "group" }));
    const answerId = messageId(shown(api)[0]) ?? 0;
    const chatter = textUpdate("лол, ну таке", { chat: "group", fromId: 8, replyTo: { message_id: answerId, fromBot: true } });
    await bot.handleUpdate(chatter);
    expect(kb.asked.map((a) => a.question)).toEqual([FIXED]);

    await bot.handleUpdate(editedUpdate(chatter, "а де він працює"));
    await bot.handleUpdate(editedUpdate(chatter, "@petro а де він працює?"));
    expect(kb.asked.map((a) => a.question)).toEqual([FIXED, "а де він працює"]);
    expect(shown(api).map((c) => c.method)).toEqual(["sendMessage", "sendMessage"]);
  });

  it("edits spend the question budget: editing over and over gets the 'wait' line, then nothing", async () => {
    const api = await startMock();
    const { bot, kb } = botOn(api, { rateLimit: { burst: 2, refillMs: 60_000 } });
    const question = textUpdate(TYPO);
    await bot.handleUpdate(question);
    await bot.handleUpdate(editedUpdate(question, FIXED));
    await bot.handleUpdate(editedUpdate(question, `${FIXED}!`));
    await bot.handleUpdate(editedUpdate(question, `${FIXED}!!`));
    expect(kb.asked.map((a) => a.question)).toEqual([TYPO, FIXED]);
    const calls = shown(api);
    expect(calls.map((c) => c.method)).toEqual(["sendMessage", "editMessageText", "sendMessage"]);
    expect(String(calls[2]?.payload.text)).toContain("зачекайте");
  });

  it("an edit journaled but not handled before a crash is answered after the restart", async () => {
    const api = await startMock();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "edits-journal-"));
    const question = textUpdate(TYPO);
    const edit = editedUpdate(question, FIXED);
    const crashed = await UpdateJournal.open(dir);
    expect(await crashed.claim([edit])).toEqual([edit]);
    await crashed.close(); // never marked done: as after a kill

    const journal = await UpdateJournal.open(dir);
    const { bot, kb } = botOn(api);
    const intake = await openUpdateIntake(bot, journal, silentLogger);
    await intake.close(5_000);
    await journal.close();
    expect(kb.asked.map((a) => a.question)).toEqual([FIXED]);
    expect(shown(api).map((c) => c.method)).toEqual(["sendMessage"]);
    const reopened = await UpdateJournal.open(dir);
    expect(reopened.pending()).toEqual([]);
    await reopened.close();
  });
});

describe("messages edited into commands", () => {
  it("get one line saying to send the command again (Telegram does not deliver an edit as a command); in a group only one addressed to the bot by name", async () => {
    const api = await startMock();
    const { bot, kb } = botOn(api, { adminIds: new Set([ADMIN_ID]) });
    const typo = textUpdate("/reindx", { fromId: ADMIN_ID, languageCode: "en" });
    await bot.handleUpdate(editedUpdate(typo, "/reindex"));
    // Edited again: no second line for the same message.
    await bot.handleUpdate(editedUpdate(typo, "/remove old.md"));
    const question = textUpdate(TYPO);
    await bot.handleUpdate(editedUpdate(question, "/help"));
    // In a group, a bare command may be another bot's; one named for another bot is.
    const chatter = textUpdate(TYPO, { chat: "group" });
    await bot.handleUpdate(editedUpdate(chatter, "/reindex"));
    await bot.handleUpdate(editedUpdate(chatter, "/reindex@other_bot"));
    await bot.handleUpdate(editedUpdate(textUpdate(TYPO, { chat: "group" }), `/stats@${BOT_INFO.username}`));
    expect(kb.reindexCalls).toBe(0);
    expect(kb.asked).toEqual([]);
    const calls = shown(api);
    expect(calls.map((c) => [c.method, c.payload.chat_id, c.payload.text, (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id])).toEqual([
      ["sendMessage", ADMIN_ID, "Edits are not read as commands: send /reindex again as a new message.", typo.message?.message_id],
      ["sendMessage", USER_ID, "Редагування не читаються як команди: надішліть /help ще раз новим повідомленням.", question.message?.message_id],
      ["sendMessage", GROUP, "Редагування не читаються як команди: надішліть /stats ще раз новим повідомленням.", expect.any(Number)],
    ]);
  });

  it("over the command budget, the edit is told to wait, and an edit after the wait still gets its line", async () => {
    const api = await startMock();
    let clock = 1_000_000;
    const { bot } = botOn(api, { commandRateLimit: { burst: 1, refillMs: 60_000 }, now: () => clock });
    await bot.handleUpdate(textUpdate("/help", { languageCode: "en" }));
    const typo = textUpdate("/hepl", { languageCode: "en" });
    await bot.handleUpdate(editedUpdate(typo, "/help"));
    clock += 60_000;
    await bot.handleUpdate(editedUpdate(typo, "/help "));
    const texts = shown(api).map((c) => c.payload.text as string);
    expect(texts).toHaveLength(3);
    expect(texts[1]).toMatch(/^Too many requests at once; please wait/);
    expect(texts[2]).toBe("Edits are not read as commands: send /help again as a new message.");
  });

  it("an edit into /ask with a question is still asked, not told to send it again", async () => {
    const api = await startMock();
    const { bot, kb } = botOn(api);
    const question = textUpdate(TYPO);
    await bot.handleUpdate(question);
    await bot.handleUpdate(editedUpdate(question, `/ask ${FIXED}`));
    expect(kb.asked.map((a) => a.question)).toEqual([TYPO, FIXED]);
    expect(shown(api).map((c) => c.method)).toEqual(["sendMessage", "editMessageText"]);
  });
});
