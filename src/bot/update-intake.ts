import path from "node:path";
import type { Bot, Context } from "grammy";
import type { Logger } from "../shared/logger.js";
import { UpdateDispatcher } from "./update-dispatcher.js";
import { UpdateJournal } from "./update-journal.js";

/** Where updates enter the bot (polling or webhook): journaled, de-duplicated, handled. */
export interface UpdateIntake {
  dispatcher: UpdateDispatcher;
  /**
   * Waits for updates being handled (at most `drainMs`), then closes the journal. Whatever
   * did not finish stays journaled and is handled on the next start.
   */
  close(drainMs: number): Promise<void>;
}

/**
 * Opens the update journal in `stateDir`, and handles the updates an earlier run left
 * unfinished before any new one is taken.
 */
export async function openUpdateIntake(bot: Bot<Context>, stateDir: string, logger: Logger): Promise<UpdateIntake> {
  const journal = await UpdateJournal.open(path.join(stateDir, "updates"));
  const dispatcher = new UpdateDispatcher({ journal, logger, handle: (update) => bot.handleUpdate(update) });
  await dispatcher.replayPending();
  return {
    dispatcher,
    async close(drainMs) {
      const busy = dispatcher.busy;
      if (busy > 0) logger.info({ updates: busy, waitMs: drainMs }, "waiting for answers in progress");
      const finished = await dispatcher.drain(drainMs);
      if (!finished) logger.warn({ updates: dispatcher.busy }, "stopping with answers unfinished; they are answered on the next start");
      await journal.close();
    },
  };
}
