import { Composer, type Context } from "grammy";
import type { FeatureDeps } from "../bot-deps.js";
import { messages } from "../messages.js";
import { pickLang } from "../../texts/lang.js";
import { commandRateLimit } from "./command-rate-limit.js";

/** /start and /help: what the bot knows (article count, date range) and how to ask. */
export function helpFeature(deps: FeatureDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.command(["start", "help"], commandRateLimit(deps), async (ctx) => {
    const isAdmin = ctx.from !== undefined && deps.adminIds.has(ctx.from.id) && ctx.chat.type === "private";
    const text = messages.help(pickLang({ languageCode: ctx.from?.language_code }), deps.kb.info(), {
      botUsername: ctx.me.username,
      isAdmin,
      inGroup: ctx.chat.type !== "private",
      inline: ctx.me.supports_inline_queries,
    });
    await ctx.reply(text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  });
  return feature;
}
