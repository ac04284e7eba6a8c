import type { Message } from "grammy/types";
import type { Logger } from "../shared/logger.js";
import type { BotState } from "./bot-deps.js";

/** What is known of an album: its caption was answered, or its first photo waits for one. */
export type AlbumMark = "caption" | "waiting";

/**
 * Marks `message`'s album as answered by its caption: the album's other photos get no reply of
 * their own. Nothing for a message of no album.
 */
export async function captionAnswersAlbum(state: BotState, message: Message): Promise<void> {
  if (message.media_group_id !== undefined) await state.albums.set(albumKey(message), "caption");
}

/**
 * Replies to a message that holds no question once per album: Telegram sends each photo or file
 * of an album as a message of its own, while its sender sent one. The caption may be on any of
 * them, and the messages after this one are handled only once this returns (one sender's updates
 * in a chat are handled in order): so the first message seen does not wait, it runs `reply` after
 * `waitMs` unless the caption was answered meanwhile (see `captionAnswersAlbum`). The album's
 * other messages get nothing. A message of no album gets `reply` at once.
 */
export async function replyOncePerAlbum(state: BotState, message: Message, waitMs: number, logger: Logger, reply: () => Promise<void>): Promise<void> {
  if (message.media_group_id === undefined) return reply();
  const key = albumKey(message);
  if ((await state.albums.get(key)) !== undefined) return;
  await state.albums.set(key, "waiting");
  const timer = setTimeout(async () => {
    try {
      if ((await state.albums.get(key)) === "waiting") await reply();
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, "could not answer an album");
    }
  }, waitMs);
  timer.unref(); // a pointer to "send text" is not worth delaying a shutdown
}

function albumKey(message: Message): string {
  return `${message.chat.id}:${message.media_group_id}`;
}
