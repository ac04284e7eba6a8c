import { Bot, type BotError, type Context, GrammyError } from "grammy";
import { apiRetry, floodWait } from "./api-retry.js";
import type { BotDeps, BotState, FeatureDeps, Limiter } from "./bot-deps.js";
import { bestEffort } from "./best-effort.js";
import type { RateLimitOptions } from "../state/bot-state-store.js";
import { ExpiringMemoryMap } from "../state/expiring-memory-map.js";
import { MemoryBotState } from "../state/memory-bot-state.js";
import { createFileDownloader } from "./download-file.js";
import { commandsInAnyCase } from "./command-case.js";
import { adminFeature } from "./features/admin.js";
import { askFeature } from "./features/ask.js";
import { editedCommandFeature } from "./features/edited-command.js";
import { helpFeature } from "./features/help.js";
import { latestFeature } from "./features/latest.js";
import { passageFeature } from "./features/passage.js";
import { messages } from "./messages.js";
import { pickLang } from "../texts/lang.js";
import { outgoingThrottle } from "./outgoing-throttle.js";
import { replyInGroup } from "./reply-to.js";
import { feedbackFeature } from "./features/feedback.js";
import { inlineFeature } from "./features/inline.js";
import { fallbackFeature } from "./features/fallback.js";
import { chatUpgradeFeature } from "./features/chat-upgrade.js";
import { followChatMigration } from "./chat-migration.js";
import { isClosedTopic } from "./closed-topic.js";
import { isMutedInChat } from "./muted-in-chat.js";
import { orderInChat } from "./chat-order.js";
import { forTheBot } from "./for-the-bot.js";
import { awaitQuestion } from "./awaited-question.js";
import { askedIn } from "./asked-in.js";
import { checkedBeforeEachAttempt, stopWhenTakenOver } from "./taken-over.js";
import { UpdateTakenOverError } from "../shared/errors.js";

const DEFAULT_API_ROOT = "https://api.telegram.org";
/**
 * How long one call to the Bot API may take (grammY's default is 500 s: a hung sendMessage held
 * its question for over 8 minutes, and then was retried). Above the long poll's own limit, as this
 * client also polls: getUpdates is held open 30 s by Telegram and given up at 45 s by its stall
 * guard (see long-polling.ts); anything else Telegram answers in well under a second.
 */
export const API_TIMEOUT_SECONDS = 60;
// A question edited two days on is more likely a new thought than a typo fixed: it gets a new reply.
const ANSWERED_TTL_MS = 48 * 60 * 60 * 1000;
// Answers remembered for edits: a question is at most 1,000 characters, so 10 MB at the very worst.
const ANSWERED_CAPACITY = 5_000;
// An album's messages arrive within moments of each other.
const ALBUM_TTL_MS = 10 * 60 * 1000;
const ALBUM_CAPACITY = 1_000;
// Messages edited into a command, told so once each: edits come within hours, keys are short.
const EDITED_COMMAND_TTL_MS = 48 * 60 * 60 * 1000;
const EDITED_COMMAND_CAPACITY = 5_000;
// A source's passage posted in a group is not posted again for the same answer within this time.
// In this process's memory (a few hundred KB at most): with several webhook instances sharing a
// database, a tap handled by another instance may post the passage once more.
const PASSAGE_SHOWN_TTL_MS = 10 * 60 * 1000;
const PASSAGE_SHOWN_CAPACITY = 5_000;

/** A bot together with its state (conversations, stats, votes, rate limits). */
export type ArticleBot = Bot<Context> & { state: BotState };

/**
 * Builds the grammY bot: one composer per feature behind an error boundary, each member's
 * updates in a chat handled in order, automatic retries after 429. Starting it (polling or webhook) is
 * the caller's job.
 */
export function createBot(token: string, deps: BotDeps): ArticleBot {
  const apiRoot = deps.apiRoot ?? DEFAULT_API_ROOT;
  const bot = new Bot<Context>(token, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    client: { apiRoot, timeoutSeconds: deps.apiTimeoutSeconds ?? API_TIMEOUT_SECONDS },
  });
  // Inner: queue messages to Telegram's rate limits, so 429s stay rare. Outer (installed later,
  // runs first): retry 429 (after retry_after), 5xx and network errors a few times, each try queued
  // again; a call that timed out is not sent again (it may have reached Telegram). A wait inside
  // the queue held one of its 30 places: 30 chats under flood control held every other chat's answers.
  // Innermost of all: right before each attempt, an update another instance took over sends
  // nothing more, also after waiting in the queue or on a 429; a call waiting in either gives up
  // as soon as that is learnt (see taken-over.ts).
  bot.api.config.use(checkedBeforeEachAttempt());
  if (deps.throttle !== false) bot.api.config.use(outgoingThrottle());
  bot.api.config.use(apiRetry(deps.apiRetry));
  // Outermost of the bot's own, so run first of these: a send refused because the group became a
  // supergroup is made again to the new chat through all of the above (retried, queued for that
  // chat's own limits, checked). An update's ctx.api adds its transformers around these, so theirs
  // run before it (see stopWhenTakenOver, orderInChat).
  bot.api.config.use(followChatMigration(deps.logger, deps.now));

  const now = deps.now ?? Date.now;
  const store = deps.stateStore ?? new MemoryBotState({ now });
  // A limit that cannot be checked (the state database down) lets the request through: answering
  // beats apologising, and every input is still bounded in size.
  const limiter = (name: string, rate: RateLimitOptions): Limiter => ({
    take: async (userId) =>
      (await bestEffort(deps.logger, `checking the ${name} rate limit`, () => store.rateLimits.take(name, userId, rate, now()))) ?? { decision: "allow", waitMs: 0 },
  });
  const questions = limiter("question", { burst: 5, refillMs: 4_000, ...deps.rateLimit });
  const groupShare = { burst: 3, refillMs: 20_000, ...deps.groupRateLimit };
  const state: BotState = {
    answered: new ExpiringMemoryMap(ANSWERED_CAPACITY, ANSWERED_TTL_MS, now),
    albums: new ExpiringMemoryMap(ALBUM_CAPACITY, ALBUM_TTL_MS, now),
    passagesShown: new ExpiringMemoryMap(PASSAGE_SHOWN_CAPACITY, PASSAGE_SHOWN_TTL_MS, now),
    editedCommands: new ExpiringMemoryMap(EDITED_COMMAND_CAPACITY, EDITED_COMMAND_TTL_MS, now),
    conversations: store.conversations,
    passageKeys: store.passageKeys,
    stats: store.stats,
    feedback: store.feedback,
    // In a group, first the member's share of that group's answers (a group gets about 20 messages
    // a minute: one member flooding it held everyone else's answers back by 20 s and more), then
    // their own budget. A question over the share does not use up the budget.
    limiter: {
      take: async (userId, chat) => {
        if (chat !== undefined && chat.type !== "private") {
          const share = await limiter(`question-in:${chat.id}`, groupShare).take(userId);
          if (share.decision !== "allow") return share;
        }
        return questions.take(userId);
      },
    },
    commandLimiter: limiter("command", { burst: 5, refillMs: 3_000, ...deps.commandRateLimit }),
    passageLimiter: limiter("passage", { burst: 10, refillMs: 2_000, ...deps.passageRateLimit }),
    // Telegram sends an inline query at every pause in typing: a question typed at a normal pace
    // must fit (3 at once, as before, ran out on the 4th pause).
    inlineLimiter: limiter("inline", { burst: 10, refillMs: 1_000, ...deps.inlineRateLimit }),
  };
  const features: FeatureDeps = {
    ...deps,
    state,
    now,
    downloadFile: deps.downloadFile ?? createFileDownloader({ token, apiRoot, maxBytes: deps.maxUploadBytes }),
  };

  const onError = async (error: BotError<Context>): Promise<void> => {
    const { ctx } = error;
    // Another instance took the update over and answers it (the warning is the state store's):
    // an apology from here would be a second reply.
    if (error.error instanceof UpdateTakenOverError) {
      deps.logger.debug({ updateId: ctx.update.update_id }, "stopped handling an update another instance took over");
      return;
    }
    // Removed from the group, or blocked by the user: nothing can be sent there, an apology neither.
    // An everyday event, not a fault of ours: one line, without the error's stack.
    const forbidden = forbiddenChat(error.error);
    if (forbidden !== undefined && (forbidden.chatId === undefined || forbidden.chatId === ctx.chat?.id)) {
      deps.logger.info({ chat: forbidden.refusedBy ?? ctx.chat?.id, reason: forbidden.reason, updateId: ctx.update.update_id }, "the bot may not write to this chat; nothing was sent");
      return;
    }
    // A forum topic closed (or deleted) while its question was answered: an apology would go
    // there too. Likewise one line: what was asked there is left unanswered, and said so here.
    if (isClosedTopic(error.error)) {
      deps.logger.info({ chat: ctx.chat?.id, topic: ctx.msg?.message_thread_id, reason: error.error.description, updateId: ctx.update.update_id }, "the forum topic is closed or deleted; nothing was sent there");
      return;
    }
    // Telegram's flood control holds the chat for longer than the retry layer waits: an apology
    // would be refused there too. One warning, as the answer is lost.
    const retryAfter = floodWait(error.error);
    if (retryAfter !== undefined) {
      const { method, payload } = error.error as GrammyError;
      const chat = (payload as { chat_id?: unknown }).chat_id ?? ctx.chat?.id;
      deps.logger.warn({ chat, method, retryAfter, updateId: ctx.update.update_id }, "Telegram's flood control holds this chat longer than the bot waits; nothing was sent");
      return;
    }
    // The cause may be a grammY HttpError wrapping a fetch error whose message holds the request
    // URL, token included: the logger scrubs tokens from every line (see createLogger).
    deps.logger.error({ err: error.error, updateId: ctx.update.update_id }, "update failed");
    if (!ctx.chat) return;
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: messages.apology(pickLang({ languageCode: ctx.from?.language_code })) });
      // In a group it replies to what failed: whose question it was must show, and a comment's
      // apology must stay in its post's thread (a reply goes there; a plain message, to the main chat).
      else {
        // Said instead of an answer, it is in the language the answer would have been in: the
        // message's own words, else (a command, a file) the client's (see answerQuestion).
        const lang = pickLang({ text: ctx.msg?.text ?? ctx.msg?.caption, languageCode: ctx.from?.language_code });
        const apology = await ctx.reply(messages.apology(lang), replyInGroup(ctx));
        // "Try again": a question replying to it is asked, as under the hint for a bare mention, in
        // the conversation the failed question was asked in (a follow-up's: see asked-in.ts).
        const conversation = ctx.msg === undefined ? undefined : await askedIn(features, ctx, ctx.msg.message_id);
        await awaitQuestion(features, ctx, apology.message_id, conversation);
      }
    } catch (replyError) {
      deps.logger.warn({ err: replyError instanceof Error ? replyError.message : String(replyError) }, "apology not sent");
    }
  };

  // What a group's members say among themselves never reaches a feature: the same test decides
  // what is journaled (see for-the-bot.ts), so nothing a feature takes can be missing there.
  bot.use((ctx, next) => (forTheBot(ctx.update, ctx.me) ? next() : undefined));
  bot.use(commandsInAnyCase);
  // Each member's updates in a chat are handled in order (a follow-up never overtakes its
  // question); different members and different chats run concurrently (see chat-order.ts).
  bot.use(orderInChat());
  // With a shared update log: an update another instance took over, while it waited its turn
  // above or while it is handled, sends nothing more from here.
  bot.use(stopWhenTakenOver(store.updates, deps.logger));
  bot.errorBoundary(onError, chatUpgradeFeature(features), helpFeature(features), latestFeature(features), adminFeature(features), feedbackFeature(features), inlineFeature(features), passageFeature(features), editedCommandFeature(features), askFeature(features), fallbackFeature(features));
  bot.catch(onError);

  return Object.assign(bot, { state });
}

/**
 * A call Telegram refused with 403 (the bot was kicked from the group, or blocked by the user)
 * or with the 400 of a bot muted there (muted-in-chat.ts): the chat it was made for (when the
 * call names one), the chat that refused it (that one, or the supergroup the group became: see
 * chat-migration.ts) and Telegram's reason.
 */
function forbiddenChat(error: unknown): { chatId: number | undefined; refusedBy: number | undefined; reason: string } | undefined {
  if (!(error instanceof GrammyError) || (error.error_code !== 403 && !isMutedInChat(error))) return undefined;
  const named = (error.payload as { chat_id?: unknown }).chat_id;
  const chatId = typeof named === "number" ? named : undefined;
  return { chatId, refusedBy: error.parameters.migrate_to_chat_id ?? chatId, reason: error.description };
}
