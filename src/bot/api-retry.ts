import { GrammyError, HttpError, type Transformer } from "grammy";
import { STILL_OURS_EVERY_MS, stillOursCheck } from "./taken-over.js";

export interface ApiRetryOptions {
  /** Retries of one call after a 5xx or a network error (default 3); a call that timed out is not retried. */
  maxRetries?: number;
  /** Retries of one call after 429 (default 8): Telegram said exactly when to try again. */
  max429Retries?: number;
  /**
   * The most one call waits on 429s in all (default 300 s: Telegram holds a group that posts a
   * lot for minutes, and a question's answer is worth waiting for); a 429 whose retry_after would
   * take it beyond fails at once. Bounding each wait instead let one call wait 8 × 5 minutes.
   */
  maxRetryAfterSeconds?: number;
  /** First pause after a network error or 5xx; doubled each time (default 500 ms). */
  baseDelayMs?: number;
}

/**
 * Marks a call as shown in passing ("typing…", an answer's text so far), by its options: a 429 is
 * handed back at once instead of waited out. The next such call replaces it anyway; waited, it
 * came late ("typing…" after the answer) or held the final answer back. A symbol: grammY copies it
 * into the call's payload, and JSON leaves it out of what is sent to Telegram.
 */
const IN_PASSING = Symbol("in passing");

/** `options` marked as shown in passing (see IN_PASSING). */
export function inPassing<T extends object>(options: T): T {
  return { ...options, [IN_PASSING]: true };
}

/**
 * Answers to an inline query or a tap: Telegram takes them only for seconds after the query
 * ("query is too old"), so a longer wait than this would only end in that refusal.
 */
const SHORT_LIVED = /^answer(InlineQuery|CallbackQuery)$/;
const SHORT_LIVED_WAIT_SECONDS = 10;

/** Calls that show something in a chat: what Telegram's flood control holds back per chat. */
const SHOWN_IN_CHAT = /^(send|edit|copy|forward)/;

/**
 * Retries outgoing calls a bounded number of times: after 429 it waits exactly `retry_after`
 * (Telegram's flood control; not for a call shown in passing, see `inPassing`), after a network
 * error or 5xx a short doubling pause. A call that
 * ran into the client's timeout fails at once (see `timedOut`). Unlike @grammyjs/auto-retry,
 * network errors are not retried forever (that froze start-up against an unreachable API).
 * `getUpdates` passes through: the polling loop has its own backoff.
 * A 429 holds its chat: later messages to it wait out the same retry_after before trying (shown in
 * passing, they get the remaining wait back at once). Each used to try on its own, and each 429
 * was one more request Telegram counted against the chat. Other chats are not held.
 * A 429 to a call shown in passing holds only the calls of its kind shown in passing there (the
 * next "typing…", the next draft or edit of the text so far): held, the chat's answer waited out
 * the retry_after of a "typing…" (30 s and more) behind it. The answer is tried at once, and
 * waits only for a 429 of its own.
 * A call for an update another instance took over (see taken-over.ts) fails at once, before a wait
 * and during one: checked only before each attempt, it waited out the whole retry_after (30 s and
 * more) to be refused then, holding its handler and the sender's next questions behind it.
 */
export function apiRetry(options: ApiRetryOptions = {}): Transformer {
  const maxRetries = options.maxRetries ?? 3;
  const max429Retries = options.max429Retries ?? 8;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 300;
  const baseDelay = options.baseDelayMs ?? 500;
  const heldUntil = new Map<unknown, number>(); // chat_id → when Telegram lets it send again (ms)
  const passingHeldUntil = new Map<unknown, number>(); // "method chat_id" → the same, for calls shown in passing
  return async (prev, method, payload, signal) => {
    if (method === "getUpdates") return prev(method, payload, signal);
    const passing = typeof payload === "object" && payload !== null && IN_PASSING in payload;
    const bound = SHORT_LIVED.test(method) ? Math.min(maxRetryAfter, SHORT_LIVED_WAIT_SECONDS) : maxRetryAfter;
    let attempt = 0;
    let limited = 0;
    let waitedOn429 = 0; // seconds
    const chat = SHOWN_IN_CHAT.test(method) ? (payload as { chat_id?: unknown } | undefined)?.chat_id : undefined;
    const kind = passing && chat !== undefined ? `${method} ${String(chat)}` : undefined;
    const wait = (ms: number) => waitOut(ms, signal as unknown as AbortSignal | undefined, stillOursCheck(payload)); // grammY types the signal with a shim
    for (;;) {
      const until = Math.max(heldUntil.get(chat) ?? 0, kind === undefined ? 0 : (passingHeldUntil.get(kind) ?? 0));
      const held = Math.ceil((until - Date.now()) / 1000);
      if (held > 0) {
        if (passing || waitedOn429 + held > bound) return floodLimited(held);
        waitedOn429 += held;
        await wait(held * 1000);
      }
      let delay: number;
      try {
        const result = await prev(method, payload, signal);
        if (result.ok) return result;
        const retryAfter = result.parameters?.retry_after;
        if (typeof retryAfter === "number" && chat !== undefined) {
          if (kind === undefined) hold(heldUntil, chat, retryAfter);
          else hold(passingHeldUntil, kind, retryAfter);
        }
        if (typeof retryAfter === "number" && !passing && waitedOn429 + retryAfter <= bound && limited < max429Retries) {
          limited++;
          waitedOn429 += retryAfter;
          delay = retryAfter * 1000;
        } else if (result.error_code >= 500 && attempt < maxRetries) {
          delay = baseDelay * 2 ** attempt++;
        } else return result;
      } catch (error) {
        if (!(error instanceof HttpError) || timedOut(error) || attempt >= maxRetries || signal?.aborted) throw error;
        delay = baseDelay * 2 ** attempt++;
      }
      await wait(delay);
    }
  };
}

/** Marks `key` (a chat, or a kind of call in one) held for `seconds`, and forgets those no longer held (the map stays as small as what is held). */
function hold(heldUntil: Map<unknown, number>, key: unknown, seconds: number): void {
  const now = Date.now();
  for (const [other, until] of heldUntil) if (until <= now) heldUntil.delete(other);
  heldUntil.set(key, Math.max(heldUntil.get(key) ?? 0, now + seconds * 1000));
}

/** A 429 as Telegram would answer it, for a call not sent because its chat is held. */
function floodLimited(seconds: number) {
  return { ok: false as const, error_code: 429, description: `Too Many Requests: retry after ${seconds}`, parameters: { retry_after: seconds } };
}

/** Telegram's retry_after of a 429 the retry layer handed back (shown in passing, or a wait beyond its bound; or its own, for a held chat). */
export function floodWait(error: unknown): number | undefined {
  return error instanceof GrammyError ? error.parameters.retry_after : undefined;
}

/**
 * A call that ran into the client's timeout may have reached Telegram all the same: sent again,
 * an answer could be posted twice, and each try would hold the chat for another full timeout.
 * grammY wraps its timeout in an HttpError whose cause says so.
 */
function timedOut(error: HttpError): boolean {
  return error.error instanceof Error && /timed out after/.test(error.error.message);
}

/**
 * Waits `ms` as `pause` does; with a "still ours?" check, asks it first and then every
 * STILL_OURS_EVERY_MS, and throws what it throws (the update was taken over) at once.
 */
async function waitOut(ms: number, signal: AbortSignal | undefined, stillOurs: (() => void) | undefined): Promise<void> {
  if (stillOurs === undefined) return pause(ms, signal);
  const end = Date.now() + ms;
  for (;;) {
    stillOurs();
    const left = end - Date.now();
    if (left <= 0 || signal?.aborted) return;
    await pause(Math.min(left, STILL_OURS_EVERY_MS), signal);
  }
}

/** Waits `ms`, or less when `signal` aborts (the caller then sees the abort on its next call). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
