import { GrammyError, HttpError, type Transformer } from "grammy";

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
 * Retries outgoing calls a bounded number of times: after 429 it waits exactly `retry_after`
 * (Telegram's flood control; not for a call shown in passing, see `inPassing`), after a network
 * error or 5xx a short doubling pause. A call that
 * ran into the client's timeout fails at once (see `timedOut`). Unlike @grammyjs/auto-retry,
 * network errors are not retried forever (that froze start-up against an unreachable API).
 * `getUpdates` passes through: the polling loop has its own backoff.
 */
export function apiRetry(options: ApiRetryOptions = {}): Transformer {
  const maxRetries = options.maxRetries ?? 3;
  const max429Retries = options.max429Retries ?? 8;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 300;
  const baseDelay = options.baseDelayMs ?? 500;
  return async (prev, method, payload, signal) => {
    if (method === "getUpdates") return prev(method, payload, signal);
    const passing = typeof payload === "object" && payload !== null && IN_PASSING in payload;
    let attempt = 0;
    let limited = 0;
    let waitedOn429 = 0; // seconds
    for (;;) {
      let wait: number;
      try {
        const result = await prev(method, payload, signal);
        if (result.ok) return result;
        const retryAfter = result.parameters?.retry_after;
        if (typeof retryAfter === "number" && !passing && waitedOn429 + retryAfter <= maxRetryAfter && limited < max429Retries) {
          limited++;
          waitedOn429 += retryAfter;
          wait = retryAfter * 1000;
        } else if (result.error_code >= 500 && attempt < maxRetries) {
          wait = baseDelay * 2 ** attempt++;
        } else return result;
      } catch (error) {
        if (!(error instanceof HttpError) || timedOut(error) || attempt >= maxRetries || signal?.aborted) throw error;
        wait = baseDelay * 2 ** attempt++;
      }
      await pause(wait, signal as unknown as AbortSignal | undefined); // grammY types it with a shim
    }
  };
}

/** Telegram's retry_after of a 429 the retry layer handed back (shown in passing, or a wait beyond its bound). */
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
