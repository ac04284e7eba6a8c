import { Composer, type Context } from "grammy";
import type { FeatureDeps } from "../bot-deps.js";
import { messages } from "../messages.js";
import { pickLang } from "../../texts/lang.js";
import { replyTo } from "../reply-to.js";
import { commandRateLimit } from "./command-rate-limit.js";
import { replyOncePerAlbum } from "../album.js";
import { addressedToMe } from "../command-target.js";
import { sentFile } from "../sent-file.js";

// Telegram delivers an album's messages within a second or so of each other.
const ALBUM_WAIT_MS = 3_000;

/**
 * Last of all: what no feature took gets a pointer instead of silence. In a private chat, a
 * command no feature has gets /help; a photo, voice message, sticker, location… gets "send it as
 * text" (only text is read as a question). Only what a person sends: a service message (a pin)
 * gets no reply. In groups the rest is meant for people or other bots, and stays unanswered (and
 * uncounted), but for a command addressed to this bot by name (`/foo@thisbot`): a bare `/foo` may
 * be another bot's. On the command budget, since each one is answered.
 */
export function fallbackFeature(deps: FeatureDeps): Composer<Context> {
  const feature = new Composer<Context>();
  const privateChat = feature.chatType("private").on(["message:text", "message:file", "message:location", "message:contact", "message:poll", "message:dice", "message:story"]);
  const limit = commandRateLimit(deps);
  // An album is one message to its sender, however many photos Telegram sends it as: one reply,
  // and none when any of its photos carries a question (see album.ts).
  privateChat.use((ctx) =>
    replyOncePerAlbum(deps.state, ctx.message, deps.albumWaitMs ?? ALBUM_WAIT_MS, deps.logger, async () => {
      await limit(ctx, async () => {
        const lang = pickLang({ languageCode: ctx.from.language_code });
        // A reply: "send it as text" must show which of the messages sent it is about. A document
        // here is not an admin's (those are uploads, admin.ts) and its caption, if any, asked
        // nothing (ask.ts): it gets the refusal to add articles.
        const text = sentFile(ctx.message) !== undefined ? messages.adminOnly(lang) : ctx.message.text === undefined ? messages.textOnly(lang) : messages.unknownCommand(lang);
        await ctx.reply(text, replyTo(ctx));
      });
    }),
  );
  feature
    .chatType(["group", "supergroup"])
    .on("message:text")
    .filter(addressedToMe, commandRateLimit(deps), async (ctx) => {
      await ctx.reply(messages.unknownCommand(pickLang({ languageCode: ctx.from.language_code })), replyTo(ctx));
    });
  return feature;
}
