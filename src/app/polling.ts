import { run } from "@grammyjs/runner";
import type { ArticleBot } from "../bot/create-bot.js";
import { throttleEmptyPolls } from "../bot/throttle-empty-polls.js";
import type { Logger } from "../shared/logger.js";

/** The update types the bot handles (polling and webhook alike). */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

/** Long polling with @grammyjs/runner: chats are served concurrently, each chat in order; returns its stop function. */
export async function startPolling(bot: ArticleBot, logger: Logger): Promise<() => Promise<void>> {
  // A webhook left over from an earlier webhook run would make getUpdates fail.
  await bot.api.deleteWebhook();
  bot.api.config.use(throttleEmptyPolls(500));
  // The runner retries failed polls, printing each error with console.error: grammY's HttpError
  // nests the fetch error whose message holds the URL with the token. So it runs silent, and
  // failed polls go to our logger, which scrubs tokens.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      if (method === "getUpdates" && !signal?.aborted) logger.warn({ err: error }, "getUpdates failed; retrying");
      throw error;
    }
  });
  // Keep retrying through outages of any length (the default gives up after ~15 hours, leaving
  // a process that runs but no longer polls).
  const runner = run(bot, {
    runner: { silent: true, maxRetryTime: Number.POSITIVE_INFINITY, fetch: { allowed_updates: ALLOWED_UPDATES } },
  });
  return async () => {
    if (runner.isRunning()) await runner.stop();
  };
}
