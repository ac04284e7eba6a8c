import { Composer, InlineKeyboard, type Context } from "grammy";
import type { Message } from "grammy/types";
import { pickedItem, QuestionError, type Answer, type IndexInfo, type Turn } from "../../knowledge-base/knowledge-base.js";
import type { AnsweredQuestion, FeatureDeps } from "../bot-deps.js";
import type { CountedQuestion, RateResult } from "../../state/bot-state-store.js";
import { formatAnswer, sourceButtonLabel } from "../format-answer.js";
import { messages } from "../messages.js";
import { pickLang } from "../../texts/lang.js";
import { passageCallbackData, passageHash } from "../passage-keys.js";
import { startTyping } from "../typing.js";
import { messageKey, VOTE_DOWN, VOTE_UP } from "./feedback.js";
import { budgetOwner, commandRateLimit } from "./command-rate-limit.js";
import { smallTalk } from "../small-talk.js";
import { contextSurface, createAnswerStream } from "../answer-stream.js";
import { DraftSupport } from "../draft-support.js";
import { bestEffort } from "../best-effort.js";
import { replyInGroup, replyTo } from "../reply-to.js";
import { readsAsQuestion } from "../reads-as-question.js";
import { captionAnswersAlbum } from "../album.js";
import { sentFile } from "../sent-file.js";
import { upgradedFrom } from "./chat-upgrade.js";
import { leadingCommand, mayBeMine } from "../command-target.js";
import { isAnswer, mentionsBot, quotedBotMessage } from "../for-the-bot.js";
import { pointsOnly } from "../points-at-reply.js";
import { awaitQuestion } from "../awaited-question.js";
import { askedIn, rememberAskedIn } from "../asked-in.js";
import { MAX_QUESTION_CHARS } from "../../texts/answer-texts.js";

// A follow-up carries at most this many earlier turns: enough context, bounded prompt size.
const MAX_HISTORY = 3;

/**
 * Questions. Private chat: any text, or a caption. Groups: `/ask …`, a message (a text or a
 * caption) that mentions the bot, or a question replying to one of the bot's answers (a
 * follow-up); everything else is ignored. Thanks, an "ok" or
 * an emoji are not questions anywhere (see small-talk.ts): a private chat gets a short line for
 * thanks or a greeting, a group nothing. A question edited by its asker is answered again.
 */
export function askFeature(deps: FeatureDeps): Composer<Context> {
  const feature = new Composer<Context>();
  // Learnt once per bot: whether the Bot API server has message drafts.
  const drafts = new DraftSupport();
  const answer = (ctx: Context, asked: Asked, earlier?: AnsweredQuestion) => answerQuestion(ctx, { ...deps, drafts }, asked.question, asked.history, earlier, asked.own);
  // The short lines for small talk and the hints for a bare /ask or mention are answered like
  // commands, so on their budget.
  const limit = commandRateLimit(deps);

  const ask = async (ctx: Context, command: string): Promise<void> => {
    const asked = await withReplied(ctx, deps, command, await followUpHistory(ctx, deps));
    if (!asked.question) {
      // A hint, not an answer: on the command budget, as /help is (a flood of bare /ask got one each).
      await limit(ctx, async () => {
        const hint = await ctx.reply(messages.askHint(pickLang({ languageCode: ctx.from?.language_code }), await servedInfo(deps), ctx.me.username, ctx.chat?.type !== "private"), { parse_mode: "HTML", ...replyInGroup(ctx) });
        await awaitQuestion(deps, ctx, hint.message_id);
      });
      return;
    }
    await answer(ctx, asked);
  };
  feature.command("ask", (ctx) => ask(ctx, ctx.match.trim()));
  // grammY's `command` reads no captions: "/ask …" under a photo is the same command.
  feature.on("message:caption", async (ctx, next) => {
    const question = askCommand(ctx.message, ctx.me.username);
    if (question === undefined) return next();
    // It speaks for its album too: the album's other photos get no "send it as text" (fallback.ts).
    if (ctx.chat.type === "private") await captionAnswersAlbum(deps.state, ctx.message);
    return ask(ctx, question);
  });

  // A photo (or video…) whose caption is the question is asked too: only a bare one gets "send text".
  feature.chatType("private").on(["message:text", "message:caption"], async (ctx, next) => {
    const text = privateText(ctx.message, ctx.me.id, deps.adminIds);
    if (text === undefined) return;
    if (!text || text.startsWith("/")) return next(); // a command none of the features has (see fallback.ts)
    const talk = smallTalk(text);
    // A document (someone not an admin, see admin.ts) is answered only for a question in its
    // caption; else it gets the refusal to add articles (fallback.ts).
    if (sentFile(ctx.message) !== undefined && talk !== undefined) return next();
    // The caption speaks for its album: the album's other photos get no "send it as text".
    await captionAnswersAlbum(deps.state, ctx.message);
    if (talk === "ack") return;
    if (talk !== undefined) {
      const lang = pickLang({ text, languageCode: ctx.from.language_code });
      const reply = talk === "thanks" ? messages.youAreWelcome(lang) : messages.greeting(lang, await servedInfo(deps));
      await limit(ctx, async () => void (await ctx.reply(reply, { parse_mode: "HTML" })));
      return;
    }
    await answer(ctx, { question: text, history: await followUpHistory(ctx, deps) });
  });

  // A caption too: a photo (or video…) that mentions the bot asks like a text.
  feature.chatType(["group", "supergroup"]).on(["message:text", "message:caption"], async (ctx, next) => {
    // One of our inline answers sent here: it repeats its question, mention and all, but asks nothing.
    if (ctx.message.via_bot?.id === ctx.me.id) return;
    const text = ctx.message.text ?? ctx.message.caption ?? "";
    if (text.startsWith("/")) return next(); // commands for other bots, or ones we do not have (see fallback.ts)
    const addressed = await groupQuestion(ctx, deps, text);
    if (addressed === undefined) return;
    const { question, mentioned } = addressed;
    const talk = smallTalk(question);
    if (talk === "thanks" || talk === "ack" || (talk === "greeting" && !mentioned)) return;
    if (!question || talk === "greeting") {
      await limit(ctx, async () => {
        // A greeting's words tell its language, as in a private chat ("@bot hi", "@bot что ты умеешь?").
        const lang = pickLang({ text: question, languageCode: ctx.from?.language_code });
        const hint = await ctx.reply(messages.mentionHint(lang, await servedInfo(deps), ctx.me.username), { parse_mode: "HTML", ...replyTo(ctx) });
        await awaitQuestion(deps, ctx, hint.message_id);
      });
      return;
    }
    await answer(ctx, addressed);
  });

  // An edited question is asked again: a name's typo fixed changes the answer. What the edit
  // reads as is decided by the same rules as a new message; only a question is answered (an
  // edit into thanks or a bare mention gets nothing: the earlier answer stays). An edit that
  // leaves the question as it was (formatting, a mention moved) is ignored, before the budget.
  feature.on(["edited_message:text", "edited_message:caption"], async (ctx) => {
    const asked = await editedQuestion(ctx, deps);
    if (asked === undefined) return;
    const key = messageKey(ctx.chat.id, ctx.editedMessage.message_id);
    const before = await deps.state.answered.get(key);
    if (before !== undefined && sameQuestion(before.question, asked.question)) return;
    // The new answer is edited into the earlier one's first message when it is one message (see
    // answer-stream.ts `replaces`); else it replies to the edit, and what is left of the earlier
    // answer is deleted (answerQuestion). Forgotten (a restart, older than 48 h): a new reply.
    await answer(ctx, asked, before);
  });

  return feature;
}

/** What the knowledge base serves now, another instance's re-index included: for hints that name its articles. */
async function servedInfo(deps: FeatureDeps): Promise<IndexInfo> {
  await deps.kb.refresh();
  return deps.kb.info();
}

/**
 * A group message the bot is addressed in, without the mention: one that mentions the bot, or a
 * follow-up, a reply to one of its answers that reads as a question to the bot. (A channel post
 * Telegram copied into the group never gets here: see for-the-bot.ts.)
 */
async function groupQuestion(ctx: Context, deps: FeatureDeps, text: string): Promise<(Asked & { mentioned: boolean }) | undefined> {
  const mentioned = mentionsBot(text, ctx.me.username);
  const question = withoutMentions(text, ctx.me.username);
  // People also talk about an answer in replies to it ("лол, ну таке", "@petro глянь"): without a
  // mention, only a reply that asks something, and asks no one else, is for the bot.
  if (!mentioned && mentionsSomeoneElse(ctx)) return undefined;
  if (!mentioned && !readsAsQuestion(question)) {
    // Picking an article out of a listing by its number asks without a "?" ("Детальніше про 2"),
    // but only in a reply to a listing: "2" under another answer is for people.
    if (pickedItem(question) === undefined) return undefined;
    const history = await followUpHistory(ctx, deps);
    return history?.at(-1)?.listed ? { question, history, mentioned } : undefined;
  }
  // Only a reply to one of our answers is a follow-up: "дякую" under /help is for people.
  const history = await followUpHistory(ctx, deps);
  if (!mentioned) return history === undefined && !isAnswer(ctx.msg?.reply_to_message) ? undefined : { question, history, mentioned };
  return { ...(await withReplied(ctx, deps, question, history)), mentioned };
}

/**
 * What the bot is asked, and with what: `history`, the conversation it continues (or the message
 * it replies to, as context); `own`, set when `question` is the text of the message replied to:
 * what the asker wrote themselves (their language is the answer's).
 */
interface Asked {
  question: string;
  history: Turn[] | undefined;
  own?: string;
}

/**
 * A mention or /ask (`own`, its text without them) replying to someone's message in this chat
 * (not one of ours, see repliedText): when it asks nothing of its own («@bot», «@bot глянь»,
 * «@bot what do you think?»: see points-at-reply.ts) it asks that message; else it is asked with
 * that message as context (a turn without an answer), as a follow-up is with its conversation.
 * Either way in the conversation that message was asked in, when it was (a member's follow-up to
 * an answer: see asked-in.ts), as its author's was: «@bot» under «А з ким він зустрівся?» is not
 * asked from scratch. Context too long to be a question (MAX_QUESTION_CHARS) is left out; as a
 * question it is refused as too long, as any question is.
 */
async function withReplied(ctx: Context, deps: FeatureDeps, own: string, history: Turn[] | undefined): Promise<Asked> {
  const replied = history === undefined ? repliedText(ctx) : undefined;
  const repliedId = ctx.msg?.reply_to_message?.message_id;
  if (!replied || repliedId === undefined) return { question: own, history };
  const continued = await askedIn(deps, ctx, repliedId);
  if (pointsOnly(own)) return { question: replied, history: continued, own };
  if (replied.length > MAX_QUESTION_CHARS) return { question: own, history: continued };
  const context: Turn = { question: replied, answer: "", context: true };
  return { question: own, history: [...(continued ?? []), context].slice(-MAX_HISTORY) };
}

/**
 * The text (or caption) of the message this one replies to, without mentions of the bot, when it
 * is someone's message in this chat: everyone there can see it. Not one of the bot's own messages
 * (an answer, /help) nor one of its inline answers sent by someone, and never a message of
 * another chat (Telegram gives that as `external_reply` and `quote`, which are not read). A reply
 * that quotes a part of it (`quote`, with `reply_to_message` in this chat) points at that part:
 * one sentence of a long post is asked, not the post.
 */
function repliedText(ctx: Context): string | undefined {
  const replied = ctx.msg?.reply_to_message;
  if (replied === undefined || replied.from?.id === ctx.me.id || replied.via_bot?.id === ctx.me.id) return undefined;
  const written = replied.text ?? replied.caption;
  if (written === undefined) return undefined;
  // A command is no one's words: «/ask Хто такий Гор?» (also «/ask@thisbot …») asks what follows
  // it, whatever part of it is quoted; another command («/start@otherbot», «/weather Київ») asks nothing.
  const text = leadingCommand(written, replied.entities ?? replied.caption_entities) ? (askCommand(replied, ctx.me.username) ?? "") : (ctx.msg?.quote?.text ?? written);
  return withoutMentions(text, ctx.me.username) || undefined;
}

/** Whether the message @mentions someone other than the bot (a username, or a user without one). */
function mentionsSomeoneElse(ctx: Context): boolean {
  const text = ctx.msg?.text ?? ctx.msg?.caption ?? "";
  const usernames = text.match(/(?<![\w@])@[a-z]\w{2,31}(?!\w)/giu) ?? [];
  if (usernames.some((at) => at.slice(1).toLowerCase() !== ctx.me.username.toLowerCase())) return true;
  const entities = ctx.msg?.entities ?? ctx.msg?.caption_entities ?? [];
  return entities.some((e) => e.type === "text_mention" && e.user.id !== ctx.me.id);
}

/**
 * What a private message says to the bot (its text or caption, trimmed), new or edited; undefined
 * for what is no question whatever it says: one of our own inline answers sent into this chat,
 * and an admin's document, caption and all (it is an upload, see admin.ts). Anyone else's
 * document cannot be one: its caption is read as a photo's is.
 */
function privateText(message: Message, botId: number, adminIds: ReadonlySet<number>): string | undefined {
  if (message.via_bot?.id === botId) return undefined;
  if (sentFile(message) !== undefined && message.from !== undefined && adminIds.has(message.from.id)) return undefined;
  return (message.text ?? message.caption ?? "").trim();
}

/**
 * The question an edited message asks the bot, by the rules for new messages above: `/ask …`,
 * in a private chat any text or caption but small talk, in a group a text or caption that
 * mentions the bot or a question replying to an answer. Undefined when the edited message is no
 * question to the bot.
 */
async function editedQuestion(ctx: Context, deps: FeatureDeps): Promise<Asked | undefined> {
  const message = ctx.editedMessage;
  const chat = ctx.chat;
  if (message === undefined || chat === undefined) return undefined;
  // Our own inline answer, or an upload: no question, as when it was sent.
  if (chat.type === "private" && privateText(message, ctx.me.id, deps.adminIds) === undefined) return undefined;
  const command = askCommand(message, ctx.me.username);
  if (command !== undefined) {
    const asked = await withReplied(ctx, deps, command, await followUpHistory(ctx, deps));
    return asked.question ? asked : undefined;
  }
  if (chat.type === "private") {
    const text = privateText(message, ctx.me.id, deps.adminIds);
    if (!text || text.startsWith("/") || smallTalk(text) !== undefined) return undefined;
    return { question: text, history: await followUpHistory(ctx, deps) };
  }
  const text = message.text ?? message.caption;
  if ((chat.type !== "group" && chat.type !== "supergroup") || text === undefined || text.startsWith("/")) return undefined;
  const addressed = await groupQuestion(ctx, deps, text);
  if (addressed === undefined || !addressed.question || smallTalk(addressed.question) !== undefined) return undefined;
  return addressed;
}

/**
 * The question after `/ask` (or `/ask@thisbot`) at the start of a message's text or caption, ""
 * for a bare one, undefined when it is not /ask for this bot: grammY's `command` as it reads new
 * texts, which it does not do for edited messages or captions.
 */
function askCommand(message: Message, username: string): string | undefined {
  const text = message.text ?? message.caption;
  const command = text === undefined ? undefined : leadingCommand(text, message.entities ?? message.caption_entities);
  if (command?.name !== "ask" || !mayBeMine(command, username)) return undefined;
  return command.rest.trim();
}

/** An edit that changed only spacing asks nothing new. */
function sameQuestion(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();
  return norm(a) === norm(b);
}

/**
 * A group message's text without the bot's mentions (what is asked, and what /stats shows), with
 * the spacing and punctuation around each mention tidied: "Хто такий @bot Гор?" reads "Хто такий
 * Гор?", "Гор, @bot?" reads "Гор?", "Привіт, @bot, хто…" reads "Привіт, хто…". Nothing else in
 * the text changes.
 */
function withoutMentions(text: string, username: string): string {
  const around = new RegExp(`([\\s,:;–—-]*)(?<![\\w@])@${username}(?!\\w)([\\s,:;–—-]*)`, "gi");
  const tidied = text.replace(around, (match: string, before: string, after: string, offset: number) => {
    const next = text.charAt(offset + match.length);
    // At the start or the end, or before the closing "?", "!" or ".": nothing of it is left.
    if (offset === 0 || next === "" || "?!.…".includes(next)) return "";
    // In the middle: the punctuation before it stays ("Привіт, @bot, хто" → "Привіт, хто"), one space or line break after.
    const kept = before.replace(/\s+/g, " ").trimEnd();
    return `${kept}${/\n/.test(before + after) ? "\n" : " "}`;
  });
  return tidied.replace(/^[\s,:;.!-]+/, "").trim();
}

/**
 * The conversation a reply continues, when it replies to one of our answers we remember (also one
 * given before its group became a supergroup). When it cannot be read (the state database down),
 * the reply is answered as a question of its own.
 */
async function followUpHistory(ctx: Context, { state, logger }: FeatureDeps): Promise<Turn[] | undefined> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return undefined;
  const replied = ctx.msg?.reply_to_message;
  if (replied) return replied.from?.id === ctx.me.id ? bestEffort(logger, "reading the conversation", () => state.conversations.get(messageKey(chatId, replied.message_id))) : undefined;
  // A reply to an answer given before this group became a supergroup (see chat-upgrade.ts).
  const quoted = ctx.msg === undefined ? undefined : quotedBotMessage(ctx.msg, ctx.me.id);
  if (quoted === undefined) return undefined;
  const { chatId: from, messageId } = quoted;
  return bestEffort(logger, "reading the conversation", async () => ((await upgradedFrom(state, from, chatId)) ? state.conversations.get(messageKey(from, messageId)) : undefined));
}

/**
 * Asks the knowledge base and replies to the asker with the formatted answer and source buttons;
 * an LLM answer is shown while it is written (see answer-stream.ts), then replaced by the final one.
 * `earlier`: this (edited) question's earlier answer, edited into the new one when it was one message.
 * `own`: set when the question is the text of a message the asker replied to (see withReplied):
 * what the asker wrote, whose language the answer is in. That text is someone else's, who did not
 * ask the bot: /stats counts it, but does not quote it, as with a private chat's questions.
 */
export async function answerQuestion(
  ctx: Context,
  deps: FeatureDeps & { drafts: DraftSupport },
  question: string,
  history?: Turn[],
  earlier?: AnsweredQuestion,
  own?: string,
): Promise<void> {
  const replaces = earlier?.answerIds[0];
  const { kb, state, logger } = deps;
  const lang = pickLang({ text: own ?? question, languageCode: ctx.from?.language_code });
  const owner = budgetOwner(ctx);
  // An edit that corrects a question replaces its answer in place, adding nothing to the group:
  // only the asker's own budget counts it (typo fixes used up the group share).
  const { decision, waitMs }: RateResult = owner === undefined ? { decision: "allow", waitMs: 0 } : await state.limiter.take(owner, earlier === undefined ? ctx.chat : undefined);
  // A flood's dropped follow-ups (nothing sent) are not remembered: each cost a state write and
  // pushed an older conversation out of the ones kept.
  if (decision === "drop") return;
  // One told to wait is: it may still be pointed at («@bot» replying to it).
  await rememberAskedIn(deps, ctx, history);
  if (decision === "warn") {
    const notice = await ctx.reply(messages.rateLimited(lang, waitMs), replyTo(ctx));
    // "Try again": a reply to it is the question asked again, in the conversation it continues.
    await awaitQuestion(deps, ctx, notice.message_id, history);
    return;
  }

  const stopTyping = startTyping(ctx, logger);
  // Draft ids must be non-zero and unique per answer: the update's id, shifted by one.
  const draftId = (ctx.update.update_id % 2_147_483_646) + 1;
  const surface = contextSurface(ctx, draftId, replyTo(ctx));
  const stream = createAnswerStream({
    surface,
    drafts: deps.drafts,
    logger,
    ...(deps.streamTiming ? { timing: deps.streamTiming } : {}),
    ...(replaces !== undefined ? { replaces } : {}),
  });
  try {
    // A chat that refuses the answer so far (the bot removed, blocked) stops the answer's writing:
    // `ask` then rejects with Telegram's refusal, as `finish` would have.
    const answer = await kb.ask(question, { ...(history ? { history } : {}), lang, onDraft: stream.update, signal: stream.signal });
    const fromGroup = ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";
    const quotable = fromGroup && own === undefined;
    const parts = formatAnswer(answer, lang);
    const keyboard = answer.notFound ? new InlineKeyboard() : await sourceKeyboard(deps, answer);
    // 👍/👎 under every answer, "not found" ones included (they show what the articles lack).
    if (keyboard.inline_keyboard.at(-1)?.length) keyboard.row();
    keyboard.text("👍", VOTE_UP).text("👎", VOTE_DOWN);
    // A listing keeps its articles' ids too: a reply naming one by its number ("А про що друга?") is
    // answered from it; so does the answer to such a reply, which the next pick ("А третя?") replies to.
    const listed = answer.kind === "listing" ? answer.citations.map((c) => c.articleId) : [...(answer.listed ?? [])];
    const listing = { ...(answer.kind === "listing" ? { listing: true as const } : {}), ...(listed.length > 0 ? { listed } : {}) };
    const turn: Turn = { question, answer: answer.remembered ?? answer.answer, ...listing };
    const turns = [...(history ?? []), turn].slice(-MAX_HISTORY);
    const ids = await stream.finish(parts, keyboard);
    // Once it was delivered: a send that failed (the bot removed from the group) answered nothing,
    // neither in the log nor in /stats. A state write that fails from here on costs no one the answer.
    // Not found while the search was partly down says nothing of the articles: no content gap.
    const counted = await countQuestion(deps, { question, notFound: answer.notFound && answer.reason !== "search-unavailable" }, quotable, earlier?.counted);
    logger.info(
      { chat: ctx.chat?.type, notFound: answer.notFound, mode: answer.mode, citations: answer.citations.length, ms: answer.ms },
      "question answered",
    );
    for (const [i, id] of ids.entries()) {
      // The chat the answer is in: a group's supergroup when the group became one meanwhile, where
      // replies to it and votes on it come from.
      const chatId = surface.chatId;
      if (i === ids.length - 1) await bestEffort(logger, "saving the vote key", () => state.feedback.register(messageKey(chatId, id), quotable ? question : null));
      await bestEffort(logger, "saving the conversation", () => state.conversations.set(messageKey(chatId, id), turns));
    }
    await rememberAnswer(ctx, deps, question, ids, earlier, counted);
  } catch (error) {
    // A half-written answer never stays: it is removed before the apology.
    await stream.abandon();
    if (!(error instanceof QuestionError)) throw error;
    const problem = messages.questionProblem(lang, error.reason, ctx.msg?.forward_origin !== undefined);
    // A question edited into one that cannot be asked (too long, empty): the problem takes the
    // earlier answer's place, which no longer answers what the message says.
    const into = earlier?.answerIds[0];
    const edited = into !== undefined && ctx.chat !== undefined && (await bestEffort(logger, "showing the problem in the earlier answer", () => ctx.api.editMessageText(ctx.chat!.id, into, problem, { parse_mode: "HTML" })));
    const ids = edited ? [into] : [(await ctx.reply(problem, { parse_mode: "HTML", ...replyTo(ctx) })).message_id];
    // It asks for the question in other words, as the hint does: a reply to it is that question,
    // in the conversation this one continues.
    await awaitQuestion(deps, ctx, ids[0]!, history);
    await rememberAnswer(ctx, deps, question, ids, earlier, earlier?.counted);
  } finally {
    stopTyping();
  }
}

/**
 * Counts an answered question in /stats; a question fixed by an edit was counted when first
 * asked (a typo fixed is not a second question): its outcome there becomes this one, so a first
 * "not found" the edit answered is no gap any more. Resolves to what /stats now holds of it.
 */
async function countQuestion({ state, logger }: FeatureDeps, now: CountedQuestion, fromGroup: boolean, earlier: CountedQuestion | undefined): Promise<CountedQuestion | undefined> {
  const written = await bestEffort(logger, "counting the question", async () => {
    if (earlier === undefined) await state.stats.record(now.question, now.notFound, fromGroup);
    else await state.stats.revise(earlier, now.question, now.notFound, fromGroup);
    return true;
  });
  return written ? now : earlier;
}

/**
 * Remembers the messages that answer this question (for an edit of it) and what /stats counted of
 * it, and deletes what the new ones did not take over of the earlier answer (it was several
 * messages, or the new one is): two answers to one question, with two sets of buttons, only confuse.
 */
async function rememberAnswer(
  ctx: Context,
  { state, logger }: FeatureDeps,
  question: string,
  ids: number[],
  earlier: AnsweredQuestion | undefined,
  counted: CountedQuestion | undefined,
): Promise<void> {
  const chatId = ctx.chat?.id;
  const messageId = ctx.msg?.message_id;
  if (chatId === undefined || messageId === undefined) return;
  await state.answered.set(messageKey(chatId, messageId), { question, answerIds: ids, ...(counted ? { counted } : {}) });
  for (const id of earlier?.answerIds ?? []) {
    if (!ids.includes(id)) await bestEffort(logger, "deleting the earlier answer", () => ctx.api.deleteMessage(chatId, id));
  }
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
