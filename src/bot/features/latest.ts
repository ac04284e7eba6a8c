import { Composer, type Context } from "grammy";
import type { FeatureDeps } from "../bot-deps.js";
import { formatLatest } from "../format-answer.js";
import { pickLang } from "../../texts/lang.js";
import { replyInGroup } from "../reply-to.js";
import { commandRateLimit } from "./command-rate-limit.js";

/** How many articles /latest shows. */
export const LATEST_COUNT = 5;

/** /latest: the newest articles with their dates and links. */
export function latestFeature(deps: FeatureDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.command("latest", commandRateLimit(deps), async (ctx) => {
    const lang = pickLang({ languageCode: ctx.from?.language_code });
    await deps.kb.refresh();
    // One message, but for titles full of characters HTML escapes longer ("&" is "&amp;"). In a
    // group each replies to the command: under a channel post, a message that replies to nothing
    // lands in the group's main chat (comment threads are reply chains, not forum topics).
    for (const text of formatLatest(deps.kb.latest(LATEST_COUNT), lang)) {
      await ctx.reply(text, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...replyInGroup(ctx) });
    }
  });
  return feature;
}
