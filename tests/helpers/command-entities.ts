// Test helper: the entity Telegram marks a message's leading /command with; the bot knows a
// command by it, not by the text.
import type { MessageEntity } from "grammy/types";

/** `{ entities }` for a text starting with /command or /command@bot, to spread into a message; else nothing. */
export function commandEntities(text: string): { entities?: MessageEntity[] } {
  const command = /^\/\w+(@\w+)?/.exec(text);
  return command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {};
}
