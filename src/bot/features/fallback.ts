import { Composer, type Context } from "grammy";
import type { FeatureDeps } from "../bot-deps.js";
import { messages } from "../messages.js";
import { pickLang } from "../../texts/lang.js";
import { commandRateLimit } from "./command-rate-limit.js";

/**
 * Last of all, in a private chat: what no feature took gets a pointer instead of silence. A
 * command no feature has gets /help; a photo, voice message, sticker, location… gets "send it as
 * text" (only text is read as a question). Only what a person sends: a service message (a pin)
 * gets no reply. On the command budget, since each one is answered. In groups all of this is
 * meant for people or other bots, and stays unanswered (and uncounted).
 */
export function fallbackFeature(deps: FeatureDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.chatType("private").on(["message:text", "message:file", "message:location", "message:contact", "message:poll", "message:dice", "message:story"], commandRateLimit(deps), async (ctx) => {
    const lang = pickLang({ languageCode: ctx.from.language_code });
    await ctx.reply(ctx.message.text === undefined ? messages.textOnly(lang) : messages.unknownCommand(lang));
  });
  return feature;
}
