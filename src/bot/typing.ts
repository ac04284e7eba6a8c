import type { Context } from "grammy";
import type { Logger } from "../shared/logger.js";

// Telegram shows "typing…" for about 5 s; repeat a little sooner while the answer is prepared.
const REPEAT_MS = 4_500;

/** Shows "typing…" until the returned function is called; failures are logged, never thrown. */
export function startTyping(ctx: Context, logger: Logger): () => void {
  const send = (): void => {
    ctx.replyWithChatAction("typing").catch((error: unknown) => {
      logger.debug({ err: error instanceof Error ? error.message : String(error) }, "typing indicator failed (ignored)");
    });
  };
  send();
  const timer = setInterval(send, REPEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}
