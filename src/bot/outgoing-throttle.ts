import { apiThrottler } from "@grammyjs/transformer-throttler";
import type { Transformer } from "grammy";
import { stillOursCheck, unlessTakenOver } from "./taken-over.js";

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
  return (prev, method, payload, signal) => {
    if (UNTHROTTLED.has(method)) return prev(method, payload, signal);
    // A call for an update another instance took over (see taken-over.ts) is refused as soon as
    // that is learnt while it waits its turn (a group's calls are paced one a second, 20 a minute):
    // asked only at its turn, it held its handler, and the sender's next questions, up to a minute
    // first. The throttler cannot take a job out of its queue, so its place stays; at its turn it
    // sends nothing (checkedBeforeEachAttempt refuses it at once), spending none of Telegram's limits.
    const stillOurs = stillOursCheck(payload);
    if (stillOurs === undefined) return throttled(prev, method, payload, signal);
    return unlessTakenOver(() => throttled(prev, method, payload, signal), stillOurs);
  };
}
