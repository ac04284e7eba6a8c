import { Composer, type Context } from "grammy";
import type { FeatureDeps } from "../bot-deps.js";
import { messages } from "../messages.js";
import { pickLang } from "../../texts/lang.js";
import { parsePassageCallback, passageHash } from "../passage-keys.js";
import { passageView } from "../passage-view.js";

/** The source buttons under an answer: reply with the passage that source comes from, the cited sentence in bold. */
export function passageFeature(deps: FeatureDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.on("callback_query:data", async (ctx) => {
    const lang = pickLang({ languageCode: ctx.from.language_code });
    // Buttons have their own budget: reading sources must not use up the user's questions.
    // Checked first: a flood of presses must not cost a state look-up (a database query) each.
    const limit = await deps.state.passageLimiter.take(ctx.from.id);
    if (limit.decision !== "allow") {
      await ctx.answerCallbackQuery({ text: messages.rateLimited(lang, limit.waitMs) });
      return;
    }
    const source = await parsePassageCallback(deps.state, ctx.callbackQuery.data);
    const current = source ? deps.kb.chunk(source.chunkId) : undefined;
    // The same id may now hold other text (the article changed): that is not the cited passage.
    const chunk = current && source && passageHash(current.text) === source.hash ? current : undefined;
    if (!source || !chunk) {
      await ctx.answerCallbackQuery({ text: messages.passageGone(lang), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    const header = messages.passageHeader(lang, String(source.n), chunk.title, chunk.date);
    const parts = passageView(header, chunk.text, source.quote);
    const answerId = ctx.callbackQuery.message?.message_id;
    for (const [i, part] of parts.entries()) {
      await ctx.reply(part, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(i === 0 && answerId !== undefined
          ? { reply_parameters: { message_id: answerId, allow_sending_without_reply: true as const } }
          : {}),
      });
    }
  });
  return feature;
}
