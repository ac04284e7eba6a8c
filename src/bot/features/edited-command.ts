import { Composer, type Context } from "grammy";
import type { FeatureDeps } from "../bot-deps.js";
import { commandForMe, leadingCommand } from "../command-target.js";
import { messages } from "../messages.js";
import { pickLang } from "../../texts/lang.js";
import { replyTo } from "../reply-to.js";
import { commandRateLimit } from "./command-rate-limit.js";
import { messageKey } from "./feedback.js";

/**
 * A message edited into a command ("/reindex", "/remove x", "/help"): Telegram delivers an edit
 * as an edit, never as a command, so nothing happened, without a word. It gets one line saying to
 * send the command again: in a private chat, or in a group when the command names this bot (a bare
 * "/foo" there may be another bot's). Whether it was a command before the edit cannot be known,
 * so a command fixed by an edit is told too. Once per message, on the command budget (an edit
 * over it is not one told: a later edit is). `/ask` is read when edited (ask.ts); a caption never
 * is a command, edited or not.
 */
export function editedCommandFeature(deps: FeatureDeps): Composer<Context> {
  const feature = new Composer<Context>();
  const limit = commandRateLimit(deps);
  feature.on("edited_message:text", async (ctx, next) => {
    const message = ctx.editedMessage;
    const command = leadingCommand(message.text, message.entities);
    if (command === undefined || command.name === "ask") return next();
    if (!commandForMe(command, ctx)) return next();
    const key = messageKey(ctx.chat.id, message.message_id);
    if (await deps.state.editedCommands.get(key)) return;
    await limit(ctx, async () => {
      await ctx.reply(messages.editNotCommand(pickLang({ languageCode: ctx.from?.language_code }), command.name), replyTo(ctx));
      // Marked once said, not before the budget: an edit refused there (told to wait, or not
      // told at all) left the message marked, and an edit after the wait got nothing either.
      await deps.state.editedCommands.set(key, true);
    });
  });
  return feature;
}
