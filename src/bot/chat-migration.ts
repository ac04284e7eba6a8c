import type { Transformer } from "grammy";
import type { Logger } from "../shared/logger.js";
import { ExpiringMemoryMap } from "../state/expiring-memory-map.js";

// The calls that post a new message into `chat_id`: sent to the new chat once the old one is gone.
const POSTING = new Set([
  "sendMessage",
  "sendPhoto",
  "sendDocument",
  "sendVideo",
  "sendAnimation",
  "sendAudio",
  "sendVoice",
  "sendSticker",
  "sendMediaGroup",
  "sendPoll",
  "sendLocation",
  "sendContact",
  "sendDice",
  "copyMessage",
  "forwardMessage",
]);
// The calls that change a message the bot sent (an answer being written is edited, then finished).
const CHANGING = new Set(["editMessageText", "editMessageReplyMarkup", "editMessageCaption", "deleteMessage"]);
// Messages sent on to a supergroup, for their edits: an answer is written within a minute or two.
const MOVED_TTL_MS = 60 * 60 * 1000;
const MOVED_CAPACITY = 1_000;

/**
 * A group upgraded to a supergroup (see features/chat-upgrade.ts) while one of its questions was
 * being answered: Telegram refuses a send to the old id with 400 and `migrate_to_chat_id`. The
 * call is made once more, to the new chat, instead of losing the answer; without its reply (and
 * its thread): the question's message id is one of the old chat's, and in the new chat the same
 * id is another message or none (the supergroup starts its own numbering; the old messages stay
 * the old group's). Later edits and deletions of a message sent on this way (an answer written
 * while it streams, then finished) go to the new chat too. Kept in memory, in this process: a
 * restart in the middle of such an answer only leaves its half-written text.
 */
export function followChatMigration(logger: Logger, now: () => number = Date.now): Transformer {
  // `${oldChat}:${messageId}` of a message sent on to the new chat → the new chat's id.
  const moved = new ExpiringMemoryMap<number>(MOVED_CAPACITY, MOVED_TTL_MS, now);
  return async (prev, method, payload, signal) => {
    const p = payload as Record<string, unknown>;
    if (CHANGING.has(method) && typeof p.chat_id === "number" && typeof p.message_id === "number") {
      const to = await moved.get(`${p.chat_id}:${p.message_id}`);
      if (to !== undefined) return refusedIn(to, await prev(method, { ...p, chat_id: to } as typeof payload, signal));
    }
    const result = await prev(method, payload, signal);
    const to = result.ok ? undefined : result.parameters?.migrate_to_chat_id;
    if (to === undefined || !POSTING.has(method) || typeof p.chat_id !== "number" || p.chat_id === to) return result;
    const from = p.chat_id;
    logger.info({ from, to, method }, "the group is now a supergroup: sending to its new chat");
    const { reply_parameters: _reply, reply_to_message_id: _replyTo, message_thread_id: _thread, ...rest } = p;
    const again = await prev(method, { ...rest, chat_id: to } as typeof payload, signal);
    if (again.ok) {
      const sent = Array.isArray(again.result) ? again.result : [again.result];
      for (const message of sent) {
        const id = (message as { message_id?: unknown } | null)?.message_id;
        if (typeof id === "number") await moved.set(`${from}:${id}`, to);
      }
    }
    return refusedIn(to, again);
  };
}

/**
 * A call made again in the new chat, its refusal (the bot not in the supergroup, or kicked from
 * it) marked with that chat (`migrate_to_chat_id`, as Telegram's own refusal of the old one): the
 * error grammY makes of it names the call's chat, the old group, which refused nothing.
 */
function refusedIn<R extends { ok: boolean; parameters?: object }>(to: number, result: R): R {
  return result.ok ? result : { ...result, parameters: { ...result.parameters, migrate_to_chat_id: to } };
}
