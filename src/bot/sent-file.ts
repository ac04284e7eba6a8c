import type { Document, Message } from "grammy/types";

/**
 * The file a message sends as a file (an upload, for an admin), if any. Telegram sets `document`
 * on a GIF too (an `animation`, for older clients): read as a file, a GIF got "only the bot's
 * administrators can do this", or an admin's "only .txt and .md files", for what is a picture.
 */
export function sentFile(message: Message): Document | undefined {
  return message.animation === undefined ? message.document : undefined;
}
