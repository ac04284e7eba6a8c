import type { Message, Update, UserFromGetMe } from "grammy/types";
import { leadingCommand, mayBeMine } from "./command-target.js";
import { announcesUpgrade } from "./features/chat-upgrade.js";
import { VOTE_DOWN, VOTE_UP } from "./features/feedback.js";

/** Who the bot is, as far as telling what is said to it goes. */
export type Me = Pick<UserFromGetMe, "id" | "username">;

/**
 * Whether the bot may act on an update. A group with privacy mode off (or the bot an admin) sends
 * the bot every message of the group, and most are for its members: the bot's features see only
 * what passes this (create-bot.ts), and only that is journaled (update-dispatcher.ts), so one test
 * decides both and nothing a feature would take is left out of the journal. It is a coarse one:
 * whatever a feature may take passes, and the features then decide (a mention that is only
 * thanks gets nothing). In a private chat everything is for the bot, and so is anything not a
 * message (a tap, an inline query).
 */
export function forTheBot(update: Update, me: Me): boolean {
  const message = update.message ?? update.edited_message;
  if (message === undefined || message.chat.type === "private") return true;
  // A channel's post Telegram copies into its discussion group (and its edits) speaks to the
  // channel's readers ("questions? ask @bot", "/ask …" shown as an example), not to the bot. So
  // does a message a member forwards into a group: it was written for wherever it comes from (a
  // reply to it with a mention asks it). In a private chat a forward is how people ask about what they read.
  if (message.is_automatic_forward || message.forward_origin !== undefined) return false;
  return saysToBot(message, me) || botJoined(message, me.id) || announcesUpgrade(message);
}

/**
 * A group message (new or edited) that speaks to the bot: a command that may be its (a bare
 * `/help` too: in a group it may be any bot's), a mention, a reply to one of its messages, or a
 * reply from a supergroup to one of its answers in the group it was (see chat-upgrade.ts).
 */
function saysToBot(message: Message, me: Me): boolean {
  const text = message.text ?? message.caption;
  if (text === undefined) return false;
  const command = leadingCommand(text, message.entities ?? message.caption_entities);
  if (command !== undefined && mayBeMine(command, me.username)) return true;
  const replied = message.reply_to_message;
  return mentionsBot(text, me.username) || (replied !== undefined && (replied.from?.id === me.id || isAnswer(replied))) || quotedBotMessage(message, me.id) !== undefined;
}

/** `@username` as a whole word, in any case (Telegram's usernames are). */
export function mentionsBot(text: string, username: string): boolean {
  return new RegExp(`(?<![\\w@])@${username}(?!\\w)`, "i").test(text);
}

/**
 * Whether a replied-to message is one of our answers by its 👍/👎 buttons: what tells an answer
 * whose conversation is no longer kept (or cannot be read) from /help or a status message.
 */
export function isAnswer(message: Message | undefined): boolean {
  const buttons = message?.reply_markup?.inline_keyboard.flat() ?? [];
  return buttons.some((b) => "callback_data" in b && (b.callback_data === VOTE_UP || b.callback_data === VOTE_DOWN));
}

/**
 * The bot's message of another chat this one replies to (`external_reply`): in a supergroup, one
 * of the answers given in the group it was before the upgrade (see chat-upgrade.ts).
 */
export function quotedBotMessage(message: Message, botId: number): { chatId: number; messageId: number } | undefined {
  const quoted = message.external_reply;
  const chatId = quoted?.chat?.id;
  const messageId = quoted?.message_id;
  if (chatId === undefined || messageId === undefined || quoted?.origin.type !== "user" || quoted.origin.sender_user.id !== botId) return undefined;
  return { chatId, messageId };
}

/** The bot added to a group, or a group created with it (the service messages that say so). */
export function botJoined(message: Message, botId: number): boolean {
  return message.group_chat_created === true || message.supergroup_chat_created === true || (message.new_chat_members?.some((member) => member.id === botId) ?? false);
}
