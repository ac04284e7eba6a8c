import type { Context } from "grammy";
import type { Turn } from "../knowledge-base/knowledge-base.js";
import type { Logger } from "../shared/logger.js";
import type { BotState } from "./bot-deps.js";
import { bestEffort } from "./best-effort.js";

/**
 * The conversation a member's message in a group was asked in: a follow-up's, the question and
 * answer it replied to. Someone who points the bot at that message later («@bot» replying to it,
 * or a question of their own with it as context) asks in that conversation too, as its author did:
 * Telegram gives a reply's replied-to message without what that one replied to, so it is
 * remembered when the message is asked. Kept with the conversations, under the group's id and the
 * message's: only a reply in that same group finds it. Not in private chats, where no one else can
 * point at the message.
 */
export async function rememberAskedIn({ state, logger }: { state: BotState; logger: Logger }, ctx: Context, history: Turn[] | undefined): Promise<void> {
  const chat = ctx.chat;
  const messageId = ctx.msg?.message_id;
  if (chat === undefined || chat.type === "private" || messageId === undefined || !history?.length) return;
  await bestEffort(logger, "saving the conversation", () => state.conversations.set(askedInKey(chat.id, messageId), history));
}

/** The conversation message `messageId` of this group was asked in (see rememberAskedIn); undefined when none or unreadable. */
export async function askedIn({ state, logger }: { state: BotState; logger: Logger }, ctx: Context, messageId: number): Promise<Turn[] | undefined> {
  const chat = ctx.chat;
  if (chat === undefined || chat.type === "private") return undefined;
  return bestEffort(logger, "reading the conversation", () => state.conversations.get(askedInKey(chat.id, messageId)));
}

// Apart from the answers' keys (`${chatId}:${messageId}`): a member's message is no answer, and a
// reply to it without a mention is for people.
const askedInKey = (chatId: number, messageId: number): string => `asked-in:${chatId}:${messageId}`;
