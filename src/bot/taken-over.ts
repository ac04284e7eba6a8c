import type { Context, MiddlewareFn, Transformer } from "grammy";
import type { Logger } from "../shared/logger.js";
import { UpdateTakenOverError } from "../shared/errors.js";
import type { UpdateLog } from "../state/bot-state-store.js";

/**
 * A call's "is its update still ours?" check (throws UpdateTakenOverError when not), carried in
 * its payload from the update's ctx.api down to the bot's innermost transformer (see
 * checkedBeforeEachAttempt). A symbol: JSON leaves it out of what is sent to Telegram, and the
 * transformers in between pass the payload on as it is (chat-migration.ts spreads it, symbol kept).
 */
const STILL_OURS = Symbol("still ours");

/**
 * Nothing more is sent for an update another instance took over (UpdateLog.lost: the lease here
 * ran out, the database out of reach or the event loop stalled, and the other instance answers it).
 * Checked when the update's turn comes in its chat (one lost while it waited is not handled) and
 * at each Bot API call made for it, one place instead of every send: the call is refused with an
 * UpdateTakenOverError, which ends the handler there (an answer being written stops writing, see
 * answer-stream.ts; create-bot.ts sends no apology for it). Deleting a message is let through: it
 * removes the half-written answer shown here. Not a guarantee: the loss is learnt at the next
 * lease renewal (a third of the lease), so what went out before that may still be a second answer.
 *
 * A transformer on ctx.api runs before the bot's own (grammY gives each update an Api with bot.api's
 * transformers, then adds the ctx's around them): checked only there, a call already waiting in the
 * bot's throttle queue or on a 429's retry_after (30 s and more) when the loss was learnt was sent
 * anyway. So the check also travels with the call: checkedBeforeEachAttempt asks it again right
 * before each attempt, and the throttle queue (unlessTakenOver) and a 429's wait (api-retry.ts) ask
 * it while the call waits, to fail it then rather than at its turn.
 */
export function stopWhenTakenOver(log: Pick<UpdateLog, "lost">, logger: Logger): MiddlewareFn<Context> {
  return (ctx, next) => {
    const updateId = ctx.update.update_id;
    if (log.lost(updateId)) {
      logger.debug({ updateId }, "not handling an update another instance took over");
      return;
    }
    const stillOurs = (): void => {
      if (log.lost(updateId)) throw new UpdateTakenOverError(updateId);
    };
    ctx.api.config.use(async (prev, method, payload, signal) => {
      if (method === "deleteMessage") return prev(method, payload, signal);
      // At once too: a call for an update already lost does not queue behind others first.
      stillOurs();
      return prev(method, { ...payload, [STILL_OURS]: stillOurs } as typeof payload, signal);
    });
    return next();
  };
}

/**
 * The bot's innermost transformer: right before each attempt at a call (after its turn in the
 * throttle queue, after each wait on a 429 or a network error), asks the call's "still ours?"
 * check, when stopWhenTakenOver gave it one.
 */
export function checkedBeforeEachAttempt(): Transformer {
  return (prev, method, payload, signal) => {
    stillOursCheck(payload)?.();
    return prev(method, payload, signal);
  };
}

/**
 * The call's "still ours?" check (throws UpdateTakenOverError when not), when stopWhenTakenOver
 * gave it one: for a wait (a 429's retry_after, see api-retry.ts) to end as soon as nothing
 * would be sent after it.
 */
export function stillOursCheck(payload: unknown): (() => void) | undefined {
  return (payload as { [STILL_OURS]?: () => void } | undefined)?.[STILL_OURS];
}

/** How often a call waiting its turn asks whether its update is still ours: a lookup in memory (see UpdateLog.lost). */
export const STILL_OURS_EVERY_MS = 100;

/**
 * What `call` comes to, or, as soon as `stillOurs` throws (asked at once, then every
 * STILL_OURS_EVERY_MS while the call waits), what it throws: the update was taken over, and what
 * the call would send is not wanted any more. For a call waiting in a queue (see outgoing-throttle.ts).
 */
export function unlessTakenOver<T>(call: () => Promise<T>, stillOurs: () => void): Promise<T> {
  stillOurs();
  return new Promise<T>((resolve, reject) => {
    const timer = setInterval(() => {
      try {
        stillOurs();
      } catch (error) {
        clearInterval(timer);
        reject(error);
      }
    }, STILL_OURS_EVERY_MS);
    call().then(
      (result) => {
        clearInterval(timer);
        resolve(result);
      },
      (error: unknown) => {
        clearInterval(timer);
        reject(error);
      },
    );
  });
}
