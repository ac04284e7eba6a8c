import type { Context, NextFunction } from "grammy";
import type { Message, MessageEntity } from "grammy/types";

/**
 * "/Help", "/ASK …" and "/Ask@ThisBot …" are this bot's commands: Telegram's clients match
 * commands in any case, grammY only as registered. So a message's leading command (and that of
 * the message it replies to, which an answer may read) is lowercased before any feature sees it.
 */
export async function commandsInAnyCase(ctx: Context, next: NextFunction): Promise<void> {
  for (const message of [ctx.msg, ctx.msg?.reply_to_message]) if (message !== undefined) lowercaseCommand(message);
  await next();
}

function lowercaseCommand(message: Message): void {
  if (message.text !== undefined) message.text = lowercased(message.text, message.entities);
  if (message.caption !== undefined) message.caption = lowercased(message.caption, message.caption_entities);
}

// Telegram's commands are Latin letters, digits and "_", so lowercasing keeps every entity's offset.
function lowercased(text: string, entities: readonly MessageEntity[] | undefined): string {
  const command = entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  return command === undefined ? text : text.slice(0, command.length).toLowerCase() + text.slice(command.length);
}
