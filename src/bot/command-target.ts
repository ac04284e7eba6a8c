import type { Context } from "grammy";

/** A command at the start of a message's text or caption, as Telegram marks it (a `bot_command` entity at offset 0). */
export interface LeadingCommand {
  /** "foo" in `/foo@thisbot …`. */
  name: string;
  /** The bot it is addressed to, "thisbot" in `/foo@thisbot`; undefined for a bare `/foo`. */
  target: string | undefined;
  /** What follows the command, untrimmed. */
  rest: string;
}

/** The command at the start of `text`; undefined when there is none. */
export function leadingCommand(text: string, entities: readonly { type: string; offset: number; length: number }[] | undefined): LeadingCommand | undefined {
  const entity = entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (entity === undefined) return undefined;
  const [name = "", target] = text.slice(1, entity.length).split("@");
  return { name, target, rest: text.slice(entity.length) };
}

/** Whether the message is a command addressed to this bot by name (`/foo@thisbot`), not a bare `/foo` another bot may own. */
export function addressedToMe(ctx: Context): boolean {
  const message = ctx.message;
  return message?.text !== undefined && namesMe(leadingCommand(message.text, message.entities), ctx);
}

/** Whether `command` is this bot's: it names it (`/foo@thisbot`), or it is a bare `/foo` in a private chat, where no other bot reads it. */
export function commandForMe(command: LeadingCommand, ctx: Context): boolean {
  return command.target === undefined ? ctx.chat?.type === "private" : namesMe(command, ctx);
}

/** Whether `command` may be this bot's: a bare `/foo` (in a group any bot's, this one's too) or one naming this bot. */
export function mayBeMine(command: LeadingCommand, username: string): boolean {
  return command.target === undefined || command.target.toLowerCase() === username.toLowerCase();
}

/** Whether `command` names this bot; Telegram matches usernames in any case. */
function namesMe(command: LeadingCommand | undefined, ctx: Context): boolean {
  return command?.target?.toLowerCase() === ctx.me.username.toLowerCase();
}
