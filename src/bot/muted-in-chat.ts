import { GrammyError } from "grammy";

/**
 * Telegram's 400 to a message into a group where the bot may not send one: an admin restricted
 * (muted) it, or the group lets members send no text. Like a 403 from a group that removed the
 * bot, nothing can go there, an apology neither: an everyday event in groups, not a fault of ours.
 */
export function isMutedInChat(error: unknown): error is GrammyError {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    /not enough rights to send|have no rights to send|CHAT_RESTRICTED|CHAT_SEND_[A-Z_]*FORBIDDEN/i.test(error.description)
  );
}
