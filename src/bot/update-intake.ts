import type { Bot, Context } from "grammy";
import type { Logger } from "../shared/logger.js";
import type { UpdateLog } from "../state/bot-state-store.js";
import { forTheBot } from "./for-the-bot.js";
import { UpdateDispatcher } from "./update-dispatcher.js";

/** Where updates enter the bot (polling or webhook): recorded, de-duplicated, handled. */
export interface UpdateIntake {
  dispatcher: UpdateDispatcher;
  /**
   * Waits for updates being handled (at most `drainMs`). Whatever did not finish stays recorded
   * and is handled on the next start (or, on a shared database, by another instance). The
   * caller closes the update log after this.
   */
  close(drainMs: number): Promise<void>;
}

/**
 * Handles the updates an earlier run left unfinished before any new one is taken. On a shared
 * log (Postgres) it keeps looking every `sweepMs`: an instance that died leaves updates whose
 * lease runs out later, and one of the living instances takes them over.
 */
export async function openUpdateIntake(bot: Bot<Context>, log: UpdateLog, logger: Logger, options: { sweepMs?: number } = {}): Promise<UpdateIntake> {
  const dispatcher = new UpdateDispatcher({ journal: log, logger, handle: (update) => bot.handleUpdate(update), forTheBot: (update) => forTheBot(update, bot.botInfo) });
  await dispatcher.replayPending();
  const sweep = log.shared
    ? setInterval(() => {
        dispatcher.replayPending().catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, "could not check for unfinished updates"));
      }, options.sweepMs ?? 15_000)
    : undefined;
  sweep?.unref();
  return {
    dispatcher,
    async close(drainMs) {
      clearInterval(sweep);
      const busy = dispatcher.busy;
      if (busy > 0) logger.info({ updates: busy, waitMs: drainMs }, "waiting for answers in progress");
      const finished = await dispatcher.drain(drainMs);
      if (!finished) logger.warn({ updates: dispatcher.busy }, "stopping with answers unfinished; they are answered on the next start");
    },
  };
}
