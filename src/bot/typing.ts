import type { Context } from "grammy";
import type { Logger } from "../shared/logger.js";
import { inPassing } from "./api-retry.js";

// Telegram shows "typing…" for about 5 s; repeat a little sooner while the answer is prepared.
const REPEAT_MS = 4_500;

/** Shows "typing…" until the returned function is called; failures are logged, never thrown. */
export function startTyping(ctx: Context, logger: Logger): () => void {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return () => {};
  const thread = typingThread(ctx);
  const send = (): void => {
    ctx.api.sendChatAction(chatId, "typing", inPassing(thread)).catch((error: unknown) => {
      logger.debug({ err: error instanceof Error ? error.message : String(error) }, "typing indicator failed (ignored)");
    });
  };
  send();
  const timer = setInterval(send, REPEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The thread to show "typing…" in: the message's own, but in a forum only a topic's. A reply in
 * a forum's General topic carries the id of its reply chain as message_thread_id (without
 * is_topic_message), which is no topic: named in the action, "typing…" did not show in General.
 * (grammY's replyWithChatAction names it whatever it is.) Elsewhere a reply chain is the thread
 * to show it in: a channel post's comments.
 */
function typingThread(ctx: Context): { message_thread_id?: number } {
  const msg = ctx.msg;
  if (msg?.message_thread_id === undefined) return {};
  if (ctx.chat?.type === "supergroup" && ctx.chat.is_forum && !msg.is_topic_message) return {};
  return { message_thread_id: msg.message_thread_id };
}
