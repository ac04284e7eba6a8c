import { type Api, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../shared/logger.js";
import { describeApiFailure } from "./api-failure.js";
import { pause } from "./api-retry.js";

export interface LongPollingOptions {
  api: Api;
  /** Journals and handles a batch; resolves once the batch is durable. */
  accept: (updates: readonly Update[]) => Promise<void>;
  /** Resolves when there is room for more work (back-pressure). */
  waitForRoom: () => Promise<void>;
  logger: Logger;
  allowedUpdates: readonly string[];
  /** Seconds Telegram holds an empty poll open (default 30). */
  timeoutSeconds?: number;
  /** Longest pause between failed polls (default 5 s: the first poll after an outage comes ≤ 5 s after it ends). */
  maxBackoffMs?: number;
  /**
   * A poll not answered within this is given up and retried (default: the poll's timeout + 15 s).
   * A connection dropped without a reset (a NAT or proxy forgetting it) left polling waiting
   * for the client's request timeout (grammY's 500 s then; API_TIMEOUT_SECONDS in create-bot.ts now, kept above this).
   */
  stalledPollMs?: number;
  /** An empty answer faster than this is followed by a pause (servers that do not hold polls; default 500 ms). */
  minEmptyPollMs?: number;
  /** While getUpdates keeps getting 409 Conflict (another poller), its error is logged again this often (default 5 min). */
  conflictLogEveryMs?: number;
}

/** What a 409 on getUpdates means, said as the error it is (not as an outage). */
export const POLLING_CONFLICT =
  "another process is polling with this bot token (409 Conflict): stop the other instance, or use webhook mode for several instances";
/** A 409 whose description names a webhook: one was set on the token after this bot deleted it at start. */
export const WEBHOOK_CONFLICT =
  "a webhook is set for this bot token (409 Conflict), so polling gets no updates: another deployment in webhook mode set it; stop it, or run this one in webhook mode too";

export interface LongPolling {
  /** Resolves when the loop ended (after `stop`, or on a fatal error, which it rejects with). */
  done: Promise<void>;
  /** Ends the loop: the poll in progress is aborted; nothing it fetched is lost (not confirmed). */
  stop(): Promise<void>;
}

/**
 * A long-polling loop that confirms updates (the next `offset`) only after `accept` made them
 * durable, so a crash between fetching and handling loses nothing. Outages are retried forever
 * with a pause of at most `maxBackoffMs`, with one warning per outage and one line when it ends.
 * A 409 (another poller on the token) is an error of its own, logged again every
 * `conflictLogEveryMs` while it lasts. A 401 (token revoked) ends the loop with the error.
 */
export function startLongPolling(options: LongPollingOptions): LongPolling {
  const { api, logger } = options;
  const controller = new AbortController();
  const { signal } = controller;
  const maxBackoff = options.maxBackoffMs ?? 5_000;
  const minEmptyPoll = options.minEmptyPollMs ?? 500;
  const timeoutSeconds = options.timeoutSeconds ?? 30;
  const stalledPoll = options.stalledPollMs ?? timeoutSeconds * 1_000 + 15_000;
  const conflictLogEvery = options.conflictLogEveryMs ?? 5 * 60_000;

  const loop = async (): Promise<void> => {
    let offset = 0;
    let failures = 0;
    // Failures other than 409 (the API unreachable or failing): the outage warning and "reachable again".
    let outageFailures = 0;
    let downSince = 0;
    // 409s since the last conflict line; not reset by a poll that got through in between (two
    // pollers take turns), so the line comes again every conflictLogEvery while both run.
    let conflicts = 0;
    let conflictLoggedAt = Number.NEGATIVE_INFINITY;
    while (!signal.aborted) {
      await options.waitForRoom();
      if (signal.aborted) break;
      const started = Date.now();
      let updates: Update[];
      // One controller per poll, aborted by the stall timer or by `stop`. Not AbortSignal.any over
      // the loop's signal: on Node 20 the loop's signal kept a record of every combined signal
      // for as long as the bot ran (about 70 bytes a poll).
      const poll = new AbortController();
      const abortPoll = (): void => poll.abort();
      const stallTimer = setTimeout(() => poll.abort(new DOMException("the poll stalled", "TimeoutError")), stalledPoll);
      signal.addEventListener("abort", abortPoll, { once: true });
      try {
        try {
          updates = await api.getUpdates(
            { offset, timeout: timeoutSeconds, limit: 100, allowed_updates: options.allowedUpdates as never },
            poll.signal as never, // grammY types signals with the abort-controller shim
          );
        } finally {
          clearTimeout(stallTimer);
          signal.removeEventListener("abort", abortPoll);
        }
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof GrammyError && error.error_code === 401) throw error;
        failures++;
        if (error instanceof GrammyError && error.error_code === 409) {
          conflicts++;
          if (Date.now() - conflictLoggedAt >= conflictLogEvery) {
            logger.error({ err: describe(error), conflicts }, /webhook/i.test(error.description) ? WEBHOOK_CONFLICT : POLLING_CONFLICT);
            conflictLoggedAt = Date.now();
            conflicts = 0;
          }
        } else if (++outageFailures === 1) {
          downSince = started;
          logger.warn({ err: describeApiFailure(error) }, "polling the Telegram Bot API failed; retrying every few seconds until it answers");
        }
        const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
        await pause(retryAfter !== undefined ? retryAfter * 1000 : Math.min(maxBackoff, 250 * 2 ** failures), signal);
        continue;
      }
      if (outageFailures > 0) {
        // Up to the start of the poll that got through: it may have been held open until an
        // update came (up to timeoutSeconds), which is not down time (a 2 s outage read 12.5 s).
        logger.info({ failures: outageFailures, downMs: started - downSince }, "the Telegram Bot API is reachable again");
        outageFailures = 0;
      }
      failures = 0;
      try {
        await options.accept(updates);
      } catch (error) {
        // Not journaled: do not confirm them; Telegram sends them again on the next poll.
        logger.error({ err: describe(error) }, "could not journal updates; retrying");
        await pause(maxBackoff, signal);
        continue;
      }
      const last = updates[updates.length - 1];
      if (last) offset = last.update_id + 1;
      else if (Date.now() - started < minEmptyPoll) await pause(minEmptyPoll - (Date.now() - started), signal);
    }
  };

  const done = loop();
  return {
    done,
    async stop() {
      controller.abort();
      await done.catch(() => undefined);
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
