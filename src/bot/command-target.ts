import type { Context } from "grammy";

/** The bot a command at the start of `text` is addressed to ("thisbot" in `/foo@thisbot`); undefined for a bare command or none. */
export function commandTarget(text: string, entities: { type: string; offset: number; length: number }[] | undefined): string | undefined {
  const entity = entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  return entity === undefined ? undefined : text.slice(0, entity.length).split("@")[1];
}

/** Whether the message is a command addressed to this bot by name (`/foo@thisbot`), not a bare `/foo` another bot may own. */
export function addressedToMe(ctx: Context): boolean {
  const message = ctx.message;
  return message?.text !== undefined && commandTarget(message.text, message.entities)?.toLowerCase() === ctx.me.username.toLowerCase();
}
