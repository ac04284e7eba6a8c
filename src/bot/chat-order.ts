import type { Context, MiddlewareFn } from "grammy";
import type { Message } from "grammy/types";
import { budgetOwner } from "./features/command-rate-limit.js";
import { announcesUpgrade } from "./features/chat-upgrade.js";

/** An update being handled, as the later updates of its chat see it. */
interface Running {
  /** Whose it is (see budgetOwner); undefined for one that concerns the whole chat (see `wholeChat`). */
  sender: number | undefined;
  /** The message whose button it taps. */
  tapped: number | undefined;
  /** The messages of this chat the bot sent (or edited) while handling it. */
  sent: Set<number>;
  done: Promise<void>;
}

/**
 * The order in which one chat's updates are handled. With an LLM an answer takes 5–10 s: handled
 * one at a time, a busy group's 30th question waited minutes behind everyone else's answers. So
 * different members' updates run at once, and an update waits only for the updates before it that
 * it depends on:
 * - its sender's own (a question, its edit, a follow-up, a tap: in the order they were sent);
 * - the one that sent the message it replies to or taps: a follow-up needs that answer's
 *   conversation, and a vote that answer's registration (which clears its votes), both saved
 *   only once the answer is out, and a member may reply to an answer still being written;
 * - other taps on the same message: a group's source passage is posted once however many tap it;
 * - one that concerns the whole chat, in both directions (see `wholeChat`).
 * Whatever else they share is safe to change at once: rate-limit buckets, counters and votes are
 * updated in one step (in memory or one SQL statement), and the other state is keyed by message.
 * Different chats never wait for each other; a private chat has one sender, so it keeps its order.
 */
export function orderInChat(): MiddlewareFn<Context> {
  const running = new Map<number, Running[]>();
  return async (ctx, next) => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return next(); // an inline query: no chat, nothing to keep in order
    const replied = (ctx.message ?? ctx.editedMessage)?.reply_to_message?.message_id;
    const self: Omit<Running, "done"> = { sender: wholeChat(ctx) ? undefined : budgetOwner(ctx), tapped: ctx.callbackQuery?.message?.message_id, sent: new Set() };
    const inChat = running.get(chatId) ?? [];
    const before = inChat.filter((r) => mustWait(self, replied, r)).map((r) => r.done);
    ctx.api.config.use(async (prev, method, payload, signal) => {
      const result = await prev(method, payload, signal);
      if (result.ok) for (const id of messageIds(result.result, chatId)) self.sent.add(id);
      return result;
    });
    const entry: Running = {
      ...self,
      done: (async () => {
        await Promise.allSettled(before);
        await next();
      })(),
    };
    inChat.push(entry);
    running.set(chatId, inChat);
    try {
      await entry.done;
    } finally {
      inChat.splice(inChat.indexOf(entry), 1);
      if (inChat.length === 0) running.delete(chatId);
    }
  };
}

/**
 * An update the whole chat waits for, and that waits for all before it: a group's upgrade to a
 * supergroup, recorded for the replies to the old group's answers that come after it in the new
 * chat (chat-upgrade.ts), and whatever has no sender to order it by. Admin commands need not be:
 * in a group they only reply, and what they change (uploads, removals, re-indexing) is kept in
 * order by the knowledge base across all chats.
 */
function wholeChat(ctx: Context): boolean {
  return budgetOwner(ctx) === undefined || (ctx.message !== undefined && announcesUpgrade(ctx.message));
}

function mustWait(self: Omit<Running, "done">, replied: number | undefined, earlier: Running): boolean {
  if (self.sender === undefined || earlier.sender === undefined || self.sender === earlier.sender) return true;
  if (replied !== undefined && earlier.sent.has(replied)) return true;
  return self.tapped !== undefined && (earlier.tapped === self.tapped || earlier.sent.has(self.tapped));
}

/** The ids of the messages of `chatId` a Bot API call returned (one, or an album's). */
function messageIds(result: unknown, chatId: number): number[] {
  const messages = (Array.isArray(result) ? result : [result]) as Partial<Message>[];
  return messages.filter((m) => typeof m?.message_id === "number" && m.chat?.id === chatId).map((m) => m.message_id as number);
}
