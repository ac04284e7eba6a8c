import type { Context, MiddlewareFn } from "grammy";
import type { FeatureDeps } from "../bot-deps.js";
import { messages } from "../messages.js";
import { pickLang } from "../../texts/lang.js";
import { replyTo } from "./ask.js";

/**
 * The per-user budget of commands (all but /ask: questions have their own) and uploads. Each
 * feature puts it in front of what it handles, so only what this bot answers is counted: another
 * bot's `/roll` in a group must not use up the /help after it. A user flooding /help, /stats or
 * /reindex gets one "wait N s" and then silence until their budget refills.
 */
export function commandRateLimit(deps: FeatureDeps): MiddlewareFn<Context> {
  return async (ctx, next) => {
    if (!ctx.from) return next();
    const { decision, waitMs } = await deps.state.commandLimiter.take(ctx.from.id);
    if (decision === "allow") return next();
    if (decision === "warn") {
      await ctx.reply(messages.rateLimited(pickLang({ languageCode: ctx.from.language_code }), waitMs), replyTo(ctx));
    }
  };
}
