import type { Context, MiddlewareFn } from "grammy";
import type { Logger } from "../shared/logger.js";
import { UpdateTakenOverError } from "../shared/errors.js";
import type { UpdateLog } from "../state/bot-state-store.js";

/**
 * Nothing more is sent for an update another instance took over (UpdateLog.lost: the lease here
 * ran out, the database out of reach or the event loop stalled, and the other instance answers it).
 * Checked when the update's turn comes in its chat (one lost while it waited is not handled) and
 * at each Bot API call made for it, one place instead of every send: the call is refused with an
 * UpdateTakenOverError, which ends the handler there (an answer being written stops writing, see
 * answer-stream.ts; create-bot.ts sends no apology for it). Deleting a message is let through: it
 * removes the half-written answer shown here. Not a guarantee: the loss is learnt at the next
 * lease renewal (a third of the lease), so what went out before that may still be a second answer.
 */
export function stopWhenTakenOver(log: Pick<UpdateLog, "lost">, logger: Logger): MiddlewareFn<Context> {
  return (ctx, next) => {
    const updateId = ctx.update.update_id;
    if (log.lost(updateId)) {
      logger.debug({ updateId }, "not handling an update another instance took over");
      return;
    }
    ctx.api.config.use(async (prev, method, payload, signal) => {
      if (method !== "deleteMessage" && log.lost(updateId)) throw new UpdateTakenOverError(updateId);
      return prev(method, payload, signal);
    });
    return next();
  };
}
