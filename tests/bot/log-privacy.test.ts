import { GrammyError } from "grammy";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/shared/logger.js";
import { makeBot } from "./harness.js";

// A failed Bot API call is logged as "update failed" with its error. grammY's GrammyError carries
// the call's whole payload: an inline answer's text starts with the question the user typed, which
// nobody else has seen; setWebhook's carries the webhook secret.
describe("logs of failed Bot API calls", () => {
  it("never hold the payload of the call (an inline query's private question)", async () => {
    const lines: string[] = [];
    const logger = createLogger("info", { destination: { write: (line: string) => void lines.push(line) } });
    const { bot } = makeBot({ logger });
    bot.api.config.use(async (prev, method, payload, signal) => {
      // Any refused inline answer (one Telegram no longer waits for is not logged as a failure at all).
      if (method === "answerInlineQuery") {
        throw new GrammyError(`Call to '${method}' failed!`, { ok: false, error_code: 400, description: "Bad Request: MESSAGE_TOO_LONG" }, method, payload);
      }
      return prev(method, payload, signal);
    });
    const question = "Чи правда, що мій сусід Петро Іваненко з Бішкека — це Серджіо Гор?";
    await bot.handleUpdate({ update_id: 77, inline_query: { id: "iq-old", from: { id: 7, is_bot: false, first_name: "U" }, query: question, offset: "" } } as unknown as Update);
    const failed = lines.find((line) => line.includes("update failed"));
    expect(failed).toBeDefined();
    expect(failed).toContain("MESSAGE_TOO_LONG");
    expect(failed).toContain("answerInlineQuery");
    expect(lines.join("\n")).not.toContain("Іваненко");
  });
});
