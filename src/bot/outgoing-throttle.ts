import { apiThrottler } from "@grammyjs/transformer-throttler";
import type { Transformer } from "grammy";

// Best-effort calls that Telegram does not count as messages: they must not queue behind answers.
// Message drafts are paced by the answer stream itself (one a second, latest text only); queued
// here they took the private chat's one-per-second slot and held the final answer back up to 1 s.
const UNTHROTTLED = new Set(["sendChatAction", "answerCallbackQuery", "sendMessageDraft"]);

/**
 * Paces outgoing messages to Telegram's limits (about 30 messages/s overall, 20/min per group,
 * 1/s per private chat) by queueing them, instead of sending them into 429s. Typing
 * indicators skip the queue: a late "typing…" is worse than none.
 */
export function outgoingThrottle(): Transformer {
  // The default refills 30 sends at each second boundary, so 60 can go out within a few
  // milliseconds across it; spacing them ≥ 36 ms keeps any 1 s window under 30 with room for timer jitter.
  const throttled = apiThrottler({ global: { maxConcurrent: 30, minTime: 36, reservoir: 30, reservoirRefreshAmount: 30, reservoirRefreshInterval: 1000 } });
  return (prev, method, payload, signal) =>
    UNTHROTTLED.has(method) ? prev(method, payload, signal) : throttled(prev, method, payload, signal);
}
