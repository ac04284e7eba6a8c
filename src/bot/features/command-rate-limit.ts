import { Composer, type Context } from "grammy";
import type { FeatureDeps } from "../bot-deps.js";
import { messages } from "../messages.js";
import { pickLang } from "../../texts/lang.js";
import { replyTo } from "./ask.js";

/**
 * Rate-limits every command addressed to this bot except /ask (questions have their own
 * budget), and uploaded documents: a user flooding /help, /stats or /reindex gets one "wait N s"
 * and then silence until their budget refills.
 */
export function commandRateLimit(deps: FeatureDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.on(["message:text", "message:document"], async (ctx, next) => {
    if (!isLimited(ctx)) return next();
    const { decision, waitMs } = await deps.state.commandLimiter.take(ctx.from.id);
    if (decision === "allow") return next();
    if (decision === "warn") {
      await ctx.reply(messages.rateLimited(pickLang({ languageCode: ctx.from.language_code }), waitMs), replyTo(ctx));
    }
  });
  return feature;
}

function isLimited(ctx: Context): boolean {
  if (ctx.message?.document) return ctx.chat?.type === "private"; // uploads are taken in private chats only
  const text = ctx.message?.text ?? "";
  const command = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?/.exec(text);
  if (!command) return false;
  const [, name, target] = command;
  if (target !== undefined && target.toLowerCase() !== ctx.me.username.toLowerCase()) return false; // another bot's
  return name?.toLowerCase() !== "ask";
}
