import { Composer, InlineKeyboard, type Context } from "grammy";
import type { Message } from "grammy/types";
import { QuestionError, type Answer, type Turn } from "../../knowledge-base/knowledge-base.js";
import type { FeatureDeps } from "../bot-deps.js";
import { formatAnswer, sourceButtonLabel } from "../format-answer.js";
import { messages } from "../messages.js";
import { pickLang } from "../../texts/lang.js";
import { passageCallbackData, passageHash } from "../passage-keys.js";
import { startTyping } from "../typing.js";
import { answerKey, VOTE_DOWN, VOTE_UP } from "./feedback.js";
import { commandRateLimit } from "./command-rate-limit.js";
import { smallTalk } from "../small-talk.js";
import { contextSurface, createAnswerStream } from "../answer-stream.js";
import { DraftSupport } from "../draft-support.js";
import { bestEffort } from "../best-effort.js";

// A follow-up carries at most this many earlier turns: enough context, bounded prompt size.
const MAX_HISTORY = 3;

/**
 * Questions. Private chat: any text, or a caption. Groups: `/ask …`, a message that mentions the bot, or a
 * reply to one of the bot's answers (a follow-up); everything else is ignored. Thanks, an "ok" or
 * an emoji are not questions anywhere (see small-talk.ts): a private chat gets a short line for
 * thanks or a greeting, a group nothing.
 */
export function askFeature(deps: FeatureDeps): Composer<Context> {
  const feature = new Composer<Context>();
  // Learnt once per bot: whether the Bot API server has message drafts.
  const drafts = new DraftSupport();
  const answer = (ctx: Context, question: string, history?: Turn[]) => answerQuestion(ctx, { ...deps, drafts }, question, history);
  // The short lines for small talk are answered like commands, so on their budget.
  const limit = commandRateLimit(deps);

  feature.command("ask", async (ctx) => {
    const question = ctx.match.trim();
    if (!question) {
      await ctx.reply(messages.askHint(pickLang({ languageCode: ctx.from?.language_code }), ctx.me.username), { parse_mode: "HTML" });
      return;
    }
    await answer(ctx, question, await followUpHistory(ctx, deps));
  });

  // A photo (or video…) whose caption is the question is asked too: only a bare one gets "send text".
  feature.chatType("private").on(["message:text", "message:caption"], async (ctx, next) => {
    const text = (ctx.message.text ?? ctx.message.caption ?? "").trim();
    if (!text || text.startsWith("/")) return next(); // a command none of the features has (see fallback.ts)
    const talk = smallTalk(text);
    if (talk === "ack") return;
    if (talk !== undefined) {
      const lang = pickLang({ text, languageCode: ctx.from.language_code });
      const reply = talk === "thanks" ? messages.youAreWelcome(lang) : messages.greeting(lang);
      await limit(ctx, async () => void (await ctx.reply(reply, { parse_mode: "HTML" })));
      return;
    }
    await answer(ctx, text, await followUpHistory(ctx, deps));
  });

  feature.chatType(["group", "supergroup"]).on("message:text", async (ctx) => {
    const text = ctx.message.text;
    if (text.startsWith("/")) return; // commands for other bots, or ones we do not have
    const mentioned = mentionPattern(ctx.me.username, "i").test(text);
    // Only a reply to one of our answers is a follow-up: "дякую" under /help is for people.
    const history = await followUpHistory(ctx, deps);
    if (!mentioned && history === undefined && !isAnswer(ctx.message.reply_to_message)) return;
    const question = text.replace(mentionPattern(ctx.me.username, "gi"), " ").replace(/^[\s,:;.!-]+/, "").trim();
    const talk = smallTalk(question);
    if (talk === "thanks" || talk === "ack" || (talk === "greeting" && !mentioned)) return;
    if (!question || talk === "greeting") {
      await ctx.reply(messages.mentionHint(pickLang({ languageCode: ctx.from?.language_code }), ctx.me.username), { parse_mode: "HTML", ...replyTo(ctx) });
      return;
    }
    await answer(ctx, question, history);
  });

  return feature;
}

/**
 * Whether a replied-to message is one of our answers by its 👍/👎 buttons: what tells an answer
 * whose conversation is no longer kept (or cannot be read) from /help or a status message.
 */
function isAnswer(message: Message | undefined): boolean {
  const buttons = message?.reply_markup?.inline_keyboard.flat() ?? [];
  return buttons.some((b) => "callback_data" in b && (b.callback_data === VOTE_UP || b.callback_data === VOTE_DOWN));
}

/** `@username` as a whole word, case-insensitive (Telegram usernames are). */
function mentionPattern(username: string, flags: string): RegExp {
  return new RegExp(`(?<![\\w@])@${username}(?!\\w)`, flags);
}

/**
 * The conversation a reply continues, when it replies to one of our answers we remember. When it
 * cannot be read (the state database down), the reply is answered as a question of its own.
 */
async function followUpHistory(ctx: Context, { state, logger }: FeatureDeps): Promise<Turn[] | undefined> {
  const replied = ctx.message?.reply_to_message;
  if (!replied || replied.from?.id !== ctx.me.id || !ctx.chat) return undefined;
  const key = `${ctx.chat.id}:${replied.message_id}`;
  return bestEffort(logger, "reading the conversation", () => state.conversations.get(key));
}

/**
 * Asks the knowledge base and replies to the asker with the formatted answer and source buttons;
 * an LLM answer is shown while it is written (see answer-stream.ts), then replaced by the final one.
 */
export async function answerQuestion(ctx: Context, deps: FeatureDeps & { drafts: DraftSupport }, question: string, history?: Turn[]): Promise<void> {
  const { kb, state, logger } = deps;
  const lang = pickLang({ text: question, languageCode: ctx.from?.language_code });
  if (ctx.from) {
    const { decision, waitMs } = await state.limiter.take(ctx.from.id);
    if (decision === "drop") return;
    if (decision === "warn") {
      await ctx.reply(messages.rateLimited(lang, waitMs), replyTo(ctx));
      return;
    }
  }

  const stopTyping = startTyping(ctx, logger);
  // Draft ids must be non-zero and unique per answer: the update's id, shifted by one.
  const draftId = (ctx.update.update_id % 2_147_483_646) + 1;
  const stream = createAnswerStream({
    surface: contextSurface(ctx, draftId, replyTo(ctx)),
    drafts: deps.drafts,
    logger,
    ...(deps.streamTiming ? { timing: deps.streamTiming } : {}),
  });
  try {
    const answer = await kb.ask(question, { ...(history ? { history } : {}), onDraft: stream.update });
    const fromGroup = ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";
    // From here on the answer exists: a state write that fails never costs the user the answer.
    await bestEffort(logger, "counting the question", () => state.stats.record(question, answer.notFound, fromGroup));
    logger.info(
      { chat: ctx.chat?.type, notFound: answer.notFound, mode: answer.mode, citations: answer.citations.length, ms: answer.ms },
      "question answered",
    );
    const parts = formatAnswer(answer, lang);
    const keyboard = answer.notFound ? new InlineKeyboard() : await sourceKeyboard(deps, answer);
    // 👍/👎 under every answer, "not found" ones included (they show what the articles lack).
    if (keyboard.inline_keyboard.at(-1)?.length) keyboard.row();
    keyboard.text("👍", VOTE_UP).text("👎", VOTE_DOWN);
    const turns = [...(history ?? []), { question, answer: answer.remembered ?? answer.answer }].slice(-MAX_HISTORY);
    const ids = await stream.finish(parts, keyboard);
    for (const [i, id] of ids.entries()) {
      const chatId = ctx.chat?.id;
      if (chatId === undefined) break;
      if (i === ids.length - 1) await bestEffort(logger, "saving the vote key", () => state.feedback.register(answerKey(chatId, id), fromGroup ? question : null));
      await bestEffort(logger, "saving the conversation", () => state.conversations.set(`${chatId}:${id}`, turns));
    }
  } catch (error) {
    // A half-written answer never stays: it is removed before the apology.
    await stream.abandon();
    if (!(error instanceof QuestionError)) throw error;
    await ctx.reply(messages.questionProblem(lang, error.reason), replyTo(ctx));
  } finally {
    stopTyping();
  }
}

/** Reply parameters pointing at the message being answered (still sent if it was deleted). */
export function replyTo(ctx: Context): { reply_parameters?: { message_id: number; allow_sending_without_reply: true } } {
  const id = ctx.msg?.message_id;
  return id === undefined ? {} : { reply_parameters: { message_id: id, allow_sending_without_reply: true } };
}

/**
 * One button per cited passage, "n · short title", a row each, tied to the passage's text and to
 * the cited sentence's place in it (see passage-keys.ts). A button whose key could not be stored
 * is left out (a tap would only say the passage is gone); its source is still listed.
 */
export async function sourceKeyboard(deps: FeatureDeps, answer: Answer, keyboard = new InlineKeyboard()): Promise<InlineKeyboard> {
  for (const citation of answer.citations) {
    const chunk = answer.passages.find((p) => p.chunk.id === citation.chunkId)?.chunk ?? deps.kb.chunk(citation.chunkId);
    if (chunk === undefined) continue;
    const start = citation.start - chunk.start;
    const end = citation.end - chunk.start;
    const quote = start >= 0 && end <= chunk.text.length && end > start ? { start, end } : undefined;
    const ref = { n: citation.n, chunkId: citation.chunkId, hash: passageHash(chunk.text), ...(quote ? { quote } : {}) };
    const data = await bestEffort(deps.logger, "saving a passage key", () => passageCallbackData(deps.state, ref));
    if (data === undefined) continue;
    if (keyboard.inline_keyboard.at(-1)?.length) keyboard.row();
    keyboard.text(sourceButtonLabel(citation, answer.citations), data);
  }
  return keyboard;
}
