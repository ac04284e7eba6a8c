import { Composer, type Context } from "grammy";
import type { FeatureDeps } from "../bot-deps.js";
import { messages } from "../messages.js";
import { pickLang } from "../../texts/lang.js";
import { commandRateLimit } from "./command-rate-limit.js";

/**
 * Last of all, in a private chat: a command no feature has gets a pointer to /help. On the
 * command budget, since each one is answered. In groups such commands are for other bots and
 * stay unanswered (and uncounted).
 */
export function fallbackFeature(deps: FeatureDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.chatType("private").on("message:text", commandRateLimit(deps), async (ctx) => {
    await ctx.reply(messages.unknownCommand(pickLang({ languageCode: ctx.from.language_code })));
  });
  return feature;
}
