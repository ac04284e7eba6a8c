import { GrammyError } from "grammy";
import type { ArticleBot } from "../bot/create-bot.js";
import { startLongPolling } from "../bot/long-polling.js";
import type { UpdateIntake } from "../bot/update-intake.js";
import type { Logger } from "../shared/logger.js";

/**
 * The update types the bot handles (polling and webhook alike). Telegram delivers no other
 * type: a handler whose type is missing here never runs (tests/app/polling.test.ts).
 */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query"] as const;

/**
 * Long polling that confirms updates only once they are journaled (see UpdateDispatcher):
 * chats (and a group's members) are served concurrently, each member in order (chat-order.ts). Returns
 * the function that stops taking updates. A revoked token (401) ends the process.
 */
export async function startPolling(bot: ArticleBot, intake: UpdateIntake, logger: Logger): Promise<() => Promise<void>> {
  // A webhook left over from an earlier webhook run would make getUpdates fail.
  await bot.api.deleteWebhook();
  const polling = startLongPolling({
    api: bot.api,
    accept: (updates) => intake.dispatcher.accept(updates),
    waitForRoom: () => intake.dispatcher.waitForRoom(),
    logger,
    allowedUpdates: ALLOWED_UPDATES,
  });
  polling.done.catch((error: unknown) => {
    const reason = error instanceof GrammyError && error.error_code === 401 ? "Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized)" : String(error);
    logger.fatal({ err: reason }, "polling stopped");
    process.exitCode = 1;
    process.kill(process.pid, "SIGTERM");
  });
  return () => polling.stop();
}
