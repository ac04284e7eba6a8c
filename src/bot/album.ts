import type { Message } from "grammy/types";
import type { BotState } from "./bot-deps.js";

/**
 * Whether another message of `message`'s album (`media_group_id`) was answered already; marks
 * its album answered now. Telegram sends each photo or file of an album as a message of its own,
 * while its sender sent one: it gets one reply. False for a message of no album.
 */
export async function albumAnswered(state: BotState, message: Message): Promise<boolean> {
  const group = message.media_group_id;
  if (group === undefined) return false;
  const key = `${message.chat.id}:${group}`;
  if (await state.albums.get(key)) return true;
  await state.albums.set(key, true);
  return false;
}
