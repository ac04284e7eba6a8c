import type { Context } from "grammy";
import type { Logger } from "../shared/logger.js";

/**
 * Acknowledges a button tap (stops its spinner) without depending on it: a tap handled late (a
 * backlog, or replayed after a restart) can no longer be acknowledged, Telegram refuses with
 * "query is too old". That is logged, and what the tap asks for is still done. `notice`: the
 * short text shown on the button, as `answerCallbackQuery` takes it.
 */
export async function acknowledgeTap(ctx: Context, logger: Logger, what: string, notice?: Parameters<Context["answerCallbackQuery"]>[0]): Promise<void> {
  try {
    await ctx.answerCallbackQuery(notice);
  } catch (error) {
    logger.info({ err: error instanceof Error ? error.message : String(error) }, `${what}: the tap could not be acknowledged; going on anyway`);
  }
}
