import type { Context } from "grammy";

/** Reply parameters pointing at the message being answered (still sent if it was deleted). */
export function replyTo(ctx: Context): { reply_parameters?: { message_id: number; allow_sending_without_reply: true } } {
  const id = ctx.msg?.message_id;
  return id === undefined ? {} : { reply_parameters: { message_id: id, allow_sending_without_reply: true } };
}

/**
 * `replyTo` in a group, where a busy chat must see whom a short line (help, a hint) answers; none
 * in a private chat, where there is no one else to answer.
 */
export function replyInGroup(ctx: Context): ReturnType<typeof replyTo> {
  return ctx.chat?.type === "private" ? {} : replyTo(ctx);
}
