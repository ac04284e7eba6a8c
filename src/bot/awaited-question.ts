import type { Context } from "grammy";
import type { Turn } from "../knowledge-base/knowledge-base.js";
import type { Logger } from "../shared/logger.js";
import type { BotState } from "./bot-deps.js";
import { bestEffort } from "./best-effort.js";
import { messageKey } from "./features/feedback.js";

/**
 * A message of the bot's that asks for the question (the hint a bare mention or /ask gets, a
 * refusal asking for it in other words: a link only, too long) or to ask it again ("wait N s and
 * try again", the apology's "try again later") is a conversation too: a question replying to it
 * (what someone told "write the question" or "try again" does) is a follow-up, as under an answer,
 * not a reply to a non-answer, which is for people and was left unanswered. `history`: the
 * conversation the question it answers was asked in, which the question asked again continues (no
 * turns yet for a hint). Only in groups: in a private chat any message is a question.
 */
export async function awaitQuestion({ state, logger }: { state: BotState; logger: Logger }, ctx: Context, messageId: number, history: Turn[] = []): Promise<void> {
  const chat = ctx.chat;
  if (chat === undefined || chat.type === "private") return;
  await bestEffort(logger, "saving the conversation", () => state.conversations.set(messageKey(chat.id, messageId), history));
}
