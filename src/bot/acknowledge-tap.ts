import type { Context } from "grammy";
import type { Logger } from "../shared/logger.js";

/**
 * Acknowledges a button tap (stops its spinner) without depending on it: a tap handled late (a
 * backlog, or replayed after a restart) can no longer be acknowledged, Telegram refuses with
 * "query is too old". That is logged, and what the tap asks for is still done.
 */
export async function acknowledgeTap(ctx: Context, logger: Logger, what: string): Promise<void> {
  try {
    await ctx.answerCallbackQuery();
  } catch (error) {
    logger.info({ err: error instanceof Error ? error.message : String(error) }, `${what}: the tap could not be acknowledged; going on anyway`);
  }
}
