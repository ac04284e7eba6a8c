import { Composer, type Context } from "grammy";
import type { Chunk } from "../../chunks/chunk.js";
import type { FeatureDeps } from "../bot-deps.js";
import { messages } from "../messages.js";
import { pickLang } from "../../texts/lang.js";
import { parsePassageCallback, passageHash } from "../passage-keys.js";
import { passageView } from "../passage-view.js";
import { buttonRateLimit } from "./command-rate-limit.js";
import { acknowledgeTap } from "../acknowledge-tap.js";

/** The source buttons under an answer: reply with the passage that source comes from, the cited sentence in bold. */
export function passageFeature(deps: FeatureDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.on("callback_query:data", buttonRateLimit(deps), async (ctx) => {
    const lang = pickLang({ languageCode: ctx.from.language_code });
    const source = await parsePassageCallback(deps.state, ctx.callbackQuery.data);
    // The same id may now hold other text (the article changed): that is not the cited passage.
    const cited = (): Chunk | undefined => {
      const current = source ? deps.kb.chunk(source.chunkId) : undefined;
      return current && source && passageHash(current.text) === source.hash ? current : undefined;
    };
    // Not in the version held: another instance's re-index may have made the cited passage's
    // version current since this one's last question. Checked only then, so a tap found at once
    // does not wait for the check (up to 5 s) before Telegram is answered.
    let chunk = cited();
    if (source && !chunk) {
      await deps.kb.refresh();
      chunk = cited();
    }
    if (!source || !chunk) {
      await acknowledgeTap(ctx, deps.logger, "a source button", { text: messages.passageGone(lang), show_alert: true });
      return;
    }
    const answerId = ctx.callbackQuery.message?.message_id;
    // In a group the passage is posted for everyone: a second tap on the same button under the same
    // answer (a double tap, another member) within minutes gets a toast instead of the same post.
    // Marked before posting, so taps handled at once are posted once; unmarked if posting failed.
    const inGroup = ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";
    const shownKey = inGroup && answerId !== undefined ? `${ctx.chat?.id}:${answerId}:${ctx.callbackQuery.data}` : undefined;
    if (shownKey !== undefined) {
      if (await deps.state.passagesShown.get(shownKey)) {
        await acknowledgeTap(ctx, deps.logger, "a source button", { text: messages.passageAlreadyShown(lang) });
        return;
      }
      await deps.state.passagesShown.set(shownKey, true);
    }
    // A tap handled too late to acknowledge still shows its passage.
    await acknowledgeTap(ctx, deps.logger, "a source button");
    const header = messages.passageHeader(lang, String(source.n), chunk.title, chunk.date);
    const parts = passageView(header, chunk.text, source.quote);
    try {
      // The parts after the first go to the first's topic. A tap under an answer Telegram no longer
      // shows (an inaccessible message, date 0) says nothing of its topic, so grammY names none:
      // the first part, a reply, lands in the answer's topic, and the others would land in General.
      // (A tap with no message at all, from an inline message, has no chat to post in either; the
      // bot's inline results carry no source buttons.)
      let thread: { message_thread_id?: number } = {};
      for (const [i, part] of parts.entries()) {
        const sent = await ctx.reply(part, {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...thread,
          ...(i === 0 && answerId !== undefined
            ? { reply_parameters: { message_id: answerId, allow_sending_without_reply: true as const } }
            : {}),
        });
        if (i === 0 && sent.is_topic_message && sent.message_thread_id !== undefined) thread = { message_thread_id: sent.message_thread_id };
      }
    } catch (error) {
      if (shownKey !== undefined) await deps.state.passagesShown.set(shownKey, false);
      throw error;
    }
  });
  return feature;
}
