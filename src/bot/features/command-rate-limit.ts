import type { Context, MiddlewareFn } from "grammy";
import type { FeatureDeps } from "../bot-deps.js";
import { messages } from "../messages.js";
import { pickLang } from "../../texts/lang.js";
import { replyTo } from "../reply-to.js";
import { acknowledgeTap } from "../acknowledge-tap.js";
import { awaitQuestion } from "../awaited-question.js";

/**
 * The per-user budget of commands (all but /ask: questions have their own) and uploads. Each
 * feature puts it in front of what it handles, so only what this bot answers is counted: another
 * bot's `/roll` in a group must not use up the /help after it. A user flooding /help, /stats or
 * /reindex gets one "wait N s" and then silence beyond the budget until one is served again (see token-bucket.ts).
 */
export function commandRateLimit(deps: FeatureDeps): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const owner = budgetOwner(ctx);
    if (owner === undefined) return next();
    const { decision, waitMs } = await deps.state.commandLimiter.take(owner);
    if (decision === "allow") return next();
    if (decision === "warn") {
      // In the language of what it refuses: a greeting's words ("hello"), as its reply would have
      // been; a command or a sticker has none, and gets the client's.
      const lang = pickLang({ text: ctx.msg?.text ?? ctx.msg?.caption, languageCode: ctx.from?.language_code });
      const notice = await ctx.reply(messages.rateLimited(lang, waitMs), replyTo(ctx));
      // It reads as the questions' notice does ("try again"): a question replying to it is asked.
      await awaitQuestion(deps, ctx, notice.message_id);
    }
  };
}

/**
 * Whose budget a message uses: its sender's, or that of the chat it was sent as. Telegram puts one
 * stand-in in `from` for every anonymous admin of every group (GroupAnonymousBot) and for everyone
 * posting as a channel (Channel_Bot): keyed by it, all of them would share one budget. The group
 * (or channel) is the sender there; its id is negative, so it is never a user's budget.
 */
export function budgetOwner(ctx: Context): number | undefined {
  return (ctx.message ?? ctx.editedMessage)?.sender_chat?.id ?? ctx.from?.id;
}

/**
 * The per-user budget of the buttons under answers: sources and votes, one budget of their own
 * so that reading sources does not use up questions. In front of their handlers, so a flood of
 * taps costs no state look-up (a database query) each. Every refused tap gets "wait N s" on the
 * button, not just the first as commands do: a tap must be answered anyway (its spinner runs
 * until then), and a notice on the button adds nothing to the chat.
 */
export function buttonRateLimit(deps: FeatureDeps): MiddlewareFn<Context> {
  return async (ctx, next) => {
    if (!ctx.from) return next();
    const { decision, waitMs } = await deps.state.passageLimiter.take(ctx.from.id);
    if (decision === "allow") return next();
    await acknowledgeTap(ctx, deps.logger, "a button over its budget", { text: messages.rateLimited(pickLang({ languageCode: ctx.from.language_code }), waitMs) });
  };
}
