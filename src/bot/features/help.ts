import { Composer, type Context } from "grammy";
import type { FeatureDeps } from "../bot-deps.js";
import { messages } from "../messages.js";
import { pickLang } from "../../texts/lang.js";
import { isoDay } from "../../time/calendar.js";
import { replyInGroup } from "../reply-to.js";
import { commandRateLimit } from "./command-rate-limit.js";
import { botJoined } from "../for-the-bot.js";

/**
 * /start and /help: what the bot knows (article count, date range) and how to ask. The group's
 * help is also posted once when the bot is added to a group (or a group is created with it), so
 * its members learn how to ask without guessing a command.
 */
export function helpFeature(deps: FeatureDeps): Composer<Context> {
  const feature = new Composer<Context>();
  // `reply`: in a group, /help answers the command message (see replyInGroup); the help posted on
  // joining replies to nothing.
  const replyHelp = async (ctx: Context, who: { isAdmin: boolean; inGroup: boolean }, reply: ReturnType<typeof replyInGroup> = {}): Promise<void> => {
    await deps.kb.refresh();
    const text = messages.help(pickLang({ languageCode: ctx.from?.language_code }), deps.kb.info(), {
      botUsername: ctx.me.username,
      ...who,
      inline: ctx.me.supports_inline_queries,
      today: isoDay(new Date(deps.now())),
    });
    await ctx.reply(text, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...reply });
  };
  feature.command(["start", "help"], commandRateLimit(deps), async (ctx) => {
    const isAdmin = ctx.from !== undefined && deps.adminIds.has(ctx.from.id) && ctx.chat.type === "private";
    await replyHelp(ctx, { isAdmin, inGroup: ctx.chat.type !== "private" }, replyInGroup(ctx));
  });
  // A service message in the "message" updates polling already takes: no my_chat_member needed.
  feature.on(["message:new_chat_members", "message:group_chat_created", "message:supergroup_chat_created"], async (ctx, next) => {
    if (!botJoined(ctx.message, ctx.me.id)) return next();
    await replyHelp(ctx, { isAdmin: false, inGroup: true });
  });
  return feature;
}
