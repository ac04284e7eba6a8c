import { Composer, type Context, GrammyError } from "grammy";
import type { InlineQuery, InlineQueryResult, InlineQueryResultArticle, InlineQueryResultsButton, User } from "grammy/types";
import { QuestionError, type Answer } from "../../knowledge-base/knowledge-base.js";
import type { Logger } from "../../shared/logger.js";
import { questionProblemText, searchUnavailableText } from "../../texts/answer-texts.js";
import { stripCitationMarkers } from "../../texts/citation-marker.js";
import { type Lang, pickLang } from "../../texts/lang.js";
import { listingHeading, periodNotFoundText } from "../../texts/time-texts.js";
import type { FeatureDeps } from "../bot-deps.js";
import { clip } from "../clip.js";
import { formatAnswerMessage } from "../format-answer.js";
import { messages } from "../messages.js";
import { smallTalk } from "../small-talk.js";
import { TELEGRAM_MESSAGE_LIMIT } from "../split-message.js";

// Answers depend on the articles, which a re-index changes: Telegram may reuse one for a minute.
const CACHE_SECONDS = 60;
// Telegram shows no answer that comes more than about 10 s after the query ("query is too old"):
// a slower one (an LLM writing it) is not waited for; the rest is left for the call itself.
const DEADLINE_MS = 8_000;
const TOO_SLOW = Symbol("too slow");
// Fewer letters and figures than this are the start of a word being typed ("Хт", "ко"), not yet
// a question: Telegram sends them at the first pause, and their lookup only spent the user's
// budget and the search on passages that held the two letters somewhere.
const MIN_QUERY_LETTERS = 3;

/**
 * Inline mode (`@bot question` typed in any chat, once /setinline is on in @BotFather): one
 * result, the answer with its sources as the message to send. Telegram sends a query for every
 * pause in typing, so each user has a budget of its own that fits typing; over it, nothing is
 * looked up. A hint, a problem or "not found" is no result (tapping a result posts it into the
 * chat) but the button above the results, which opens the private chat with /help; so is an
 * answer not ready before Telegram stops waiting. A lookup no one waits for any more (past that
 * deadline, or the user's next query arrived: Telegram shows only the latest one's results) is
 * aborted, its LLM request too.
 */
export function inlineFeature(deps: FeatureDeps): Composer<Context> {
  const feature = new Composer<Context>();
  const lookups = new LatestLookups();
  feature.on("inline_query", async (ctx) => {
    const answerQuery = (results: readonly InlineQueryResult[], options: AnswerOptions) => answerInline(ctx, deps.logger, results, options);
    // Whatever it asks (an emptied query too), this query is the one the user now sees.
    const lookup = lookups.start(ctx.from.id);
    try {
      await answerLatest(ctx, deps, answerQuery, lookup);
    } finally {
      lookups.end(ctx.from.id, lookup);
    }
  });
  return feature;
}

/** Answers one inline query; `lookup` is aborted by the user's next query, and here once the deadline passes. */
async function answerLatest(
  ctx: Context & { inlineQuery: InlineQuery; from: User },
  deps: FeatureDeps,
  answerQuery: (results: readonly InlineQueryResult[], options: AnswerOptions) => Promise<void>,
  lookup: AbortController,
): Promise<void> {
  const question = ctx.inlineQuery.query.trim();
  const talk = smallTalk(question);
  // "ok", "k" or an emoji is typed alike in any language, Latin letters or not: the hint then
  // follows the user's Telegram language, as for "?" (no letters at all).
  const lang = pickLang({ text: talk === "ack" ? undefined : question, languageCode: ctx.from.language_code });
  const personal = { is_personal: true, cache_time: 0 };
  // Thanks, an "ok" or an emoji are no question (see small-talk.ts), nor are one or two letters:
  // nothing to look up or send. A query with no letters at all ("?") is the knowledge base's to refuse.
  if (!question || talk !== undefined || isWordStart(question)) return void (await answerQuery([], { ...personal, button: helpButton(messages.inlineHint(lang)) }));
  const limit = await deps.state.inlineLimiter.take(ctx.from.id);
  if (limit.decision !== "allow") {
    return void (await answerQuery([], { ...personal, button: helpButton(messages.rateLimited(lang, limit.waitMs)) }));
  }
  const deadlineMs = deps.inlineDeadlineMs ?? DEADLINE_MS;
  let answer: Answer | typeof TOO_SLOW;
  try {
    // Not counted in /stats: Telegram sends a query at every pause in typing, so one question
    // typed inline would count as several ("коли", "коли від", …), the halves as not found.
    answer = await withinDeadline(deps.kb.ask(question, { lang, signal: lookup.signal }), deadlineMs);
  } catch (error) {
    // Only the user's next query aborts the lookup before the deadline: that query answers, and
    // Telegram would show nothing of this one.
    if (lookup.signal.aborted) return void deps.logger.debug("inline lookup superseded by the user's next query; aborted");
    if (error instanceof QuestionError) return void (await answerQuery([], { ...personal, button: helpButton(questionProblemText(lang, error.reason)) }));
    // Left unanswered, the query would spin until Telegram gives up. Not cached: the next try
    // asks again.
    deps.logger.error({ err: error }, "inline query failed");
    return void (await answerQuery([], { ...personal, button: helpButton(messages.inlineFailed(lang)) }));
  }
  if (answer === TOO_SLOW) {
    lookup.abort();
    deps.logger.warn({ deadlineMs }, "inline answer not ready before Telegram stops waiting; pointed to the private chat");
    return void (await answerQuery([], { ...personal, button: helpButton(messages.inlineSlow(lang)) }));
  }
  const cached = { is_personal: true, cache_time: CACHE_SECONDS };
  // "Not found" is nothing to post into a chat (a message saying only that): it is said above the results.
  if (answer.notFound) return void (await answerQuery([], { ...cached, button: helpButton(notFoundText(answer, lang)) }));
  // The message is posted by the user into a chat whose members did not see the query: it
  // says what was asked first. It is one message: a long answer is shortened, its sources kept (see formatAnswerMessage).
  const asked = `${messages.inlineQuestion(question)}\n\n`;
  const html = asked + (formatAnswerMessage(answer, lang, TELEGRAM_MESSAGE_LIMIT - asked.length) || messages.notFound(lang, []));
  await answerQuery([article("answer", clip(question, 100), clip(description(answer, lang), 200), html)], cached);
}

/** One or two letters or figures, whatever else is around them ("Хт", "ЄС?", "5"). */
function isWordStart(query: string): boolean {
  const letters = query.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  return letters > 0 && letters < MIN_QUERY_LETTERS;
}

/**
 * The lookup each user waits for: one starting aborts the user's earlier one. An entry lives only
 * while its lookup runs, so the map holds at most one per user with a query being answered.
 */
class LatestLookups {
  private readonly running = new Map<number, AbortController>();

  start(userId: number): AbortController {
    this.running.get(userId)?.abort();
    const lookup = new AbortController();
    this.running.set(userId, lookup);
    return lookup;
  }

  end(userId: number, lookup: AbortController): void {
    if (this.running.get(userId) === lookup) this.running.delete(userId);
  }
}

type AnswerOptions = NonNullable<Parameters<Context["answerInlineQuery"]>[1]>;

/**
 * Answers the query; one Telegram no longer waits for (answered late, or replayed after a restart)
 * is an everyday event, not a fault: one line, without the error's stack.
 */
async function answerInline(ctx: Context, logger: Logger, results: readonly InlineQueryResult[], options: AnswerOptions): Promise<void> {
  try {
    await ctx.answerInlineQuery(results, options);
  } catch (error) {
    if (!(error instanceof GrammyError && error.error_code === 400 && /query is too old|query id is invalid/i.test(error.description))) throw error;
    logger.info({ reason: error.description }, "inline query expired before it was answered; Telegram shows nothing");
  }
}

/**
 * `work`'s outcome, or TOO_SLOW once `ms` passed; its late outcome, a failure too, is dropped: the
 * query was answered.
 */
async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T | typeof TOO_SLOW> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TOO_SLOW>((resolve) => (timer = setTimeout(resolve, ms, TOO_SLOW)));
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The line under the result's title: the answer without its markers; for a period's articles (a
 * listing, whose answer text is empty) the heading and their titles.
 */
function description(answer: Answer, lang: Lang): string {
  if (answer.kind === "listing") return `${listingHeading(lang, answer)} ${answer.citations.map((c) => c.title).join("; ")}`;
  return stripCitationMarkers(answer.answer);
}

/**
 * "Not found" as the chat says it: for a day that does not exist or a period with nothing in it
 * (the future too: "що буде завтра"), which one. The article nearest in time is left out: the
 * button is one short line, and the period would be cut for it.
 */
function notFoundText(answer: Answer, lang: Lang): string {
  const { nearest: _nearest, ...period } = answer;
  return searchUnavailableText(lang, answer) ?? periodNotFoundText(lang, period) ?? messages.inlineNotFound(lang);
}

/** The button above the results: `text`, and a tap opens the private chat with /start (the help). */
function helpButton(text: string): InlineQueryResultsButton {
  return { text: clip(text, 64), start_parameter: "inline" };
}

function article(id: string, title: string, description: string, html: string): InlineQueryResultArticle {
  return {
    type: "article",
    id,
    title: title || "…",
    ...(description ? { description } : {}),
    input_message_content: { message_text: html, parse_mode: "HTML", link_preview_options: { is_disabled: true } },
  };
}
