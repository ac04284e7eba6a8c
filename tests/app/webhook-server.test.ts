// What the webhook server writes to the logs: its URL's path is often a secret token.
import { describe, expect, it } from "vitest";
import { startWebhookServer } from "../../src/app/webhook-server.js";
import type { ArticleBot } from "../../src/bot/create-bot.js";
import { createLogger } from "../../src/shared/logger.js";

describe("webhook server logs", () => {
  it("say it listens, with the host and the path's shape, never the path itself", async () => {
    const lines: string[] = [];
    const logger = createLogger("info", { destination: { write: (line: string) => void lines.push(line) } });
    const bot = { api: { setWebhook: async () => true } } as unknown as ArticleBot;
    const url = "https://bot.example.org/tg/7f3a9c1e5b2d4f60a8e1";
    const stop = await startWebhookServer(bot, { url, secret: "header-secret-value", port: 0, accept: async () => {}, waitForRoom: async () => {} }, logger);
    await stop();
    const listening = lines.map((line) => JSON.parse(line)).find((record) => record.msg === "webhook server listening");
    expect(listening).toMatchObject({ port: 0, host: "bot.example.org", path: "/***/***" });
    expect(lines.join("")).not.toContain("7f3a9c1e5b2d4f60a8e1");
  });
});
