import { Composer, type Context } from "grammy";
import type { FeatureDeps } from "../bot-deps.js";
import type { Vote } from "../../state/bot-state-store.js";
import { messages } from "../messages.js";
import { pickLang } from "../../texts/lang.js";
import { buttonRateLimit } from "./command-rate-limit.js";
import { acknowledgeTap } from "../acknowledge-tap.js";

/** Callback data of the 👍 and 👎 buttons under every answer. */
export const VOTE_UP = "v:+";
export const VOTE_DOWN = "v:-";

/**
 * A message's key in the bot's state, `${chatId}:${messageId}`: an answer's votes and
 * conversation (the message that carries the buttons), a question's answer (for edits).
 */
export const messageKey = (chatId: number, messageId: number): string => `${chatId}:${messageId}`;

/**
 * 👍/👎 under an answer: one vote per user per answer (a second tap changes it), acknowledged
 * with a short notice on the button, never a new message (works the same in groups).
 */
export function feedbackFeature(deps: FeatureDeps): Composer<Context> {
  const feature = new Composer<Context>();
  // Each vote is a state write: on the budget of the buttons under answers.
  feature.callbackQuery([VOTE_UP, VOTE_DOWN], buttonRateLimit(deps), async (ctx) => {
    const lang = pickLang({ languageCode: ctx.from.language_code });
    const message = ctx.callbackQuery.message;
    // A tap must always be answered: the client shows a spinner until then. One handled too late
    // to acknowledge ("query is too old") is still counted.
    if (!message) return acknowledgeTap(ctx, deps.logger, "a vote");
    const vote: Vote = ctx.callbackQuery.data === VOTE_UP ? 1 : -1;
    const { outcome, listed } = await deps.state.feedback.vote(messageKey(message.chat.id, message.message_id), ctx.from.id, vote);
    await acknowledgeTap(ctx, deps.logger, "a vote", { text: messages.voteThanks(lang, vote, outcome, listed) });
  });
  return feature;
}
