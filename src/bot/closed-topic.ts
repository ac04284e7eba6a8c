import { GrammyError } from "grammy";

/**
 * Telegram's 400 to a call into a forum topic that was closed (only its admins may write there
 * then) or deleted: nothing more can go there, an apology neither. An everyday event in a forum
 * group, not a fault of ours, as a 403 from a group the bot was removed from is (see create-bot.ts).
 */
export function isClosedTopic(error: unknown): error is GrammyError {
  return error instanceof GrammyError && error.error_code === 400 && /TOPIC_CLOSED|TOPIC_DELETED|message thread not found/i.test(error.description);
}
