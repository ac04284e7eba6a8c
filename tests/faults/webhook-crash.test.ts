// Webhook mode: a 200 means the update is journaled, so kill -9 right after the 200s loses
// nothing; an update Telegram delivers twice is answered once; an oversized body gets 413.
import { describe, expect, it, vi } from "vitest";
import type { RunningBot } from "../bot/spawn-bot.js";
import { useBotProcesses } from "../helpers/bot-processes.js";
import { figure } from "./figures.js";

const TOKEN = "123456:WEBHOOK-CRASH";
const SECRET = "hook_secret";
const PORT = 18511;
const URL = `http://127.0.0.1:${PORT}/tg`;

const bots = useBotProcesses({
  token: TOKEN,
  chat: () => ({ content: "Серджіо Гор – спеціальний посланець США [1].", delayMs: 1_500 }),
  env: { WEBHOOK_URL: URL, WEBHOOK_SECRET: SECRET, PORT: String(PORT) },
});

const update = (id: number) => ({
  update_id: id,
  message: { message_id: id, date: 0, chat: { id: 7500 + id, type: "private", first_name: "W" }, from: { id: 7500 + id, is_bot: false, first_name: "W" }, text: "Хто такий Серджіо Гор?" },
});

const post = (body: unknown): Promise<Response> =>
  fetch(URL, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body: JSON.stringify(body) });

/** Starts the bot and waits until its webhook server listens ("bot started" comes before). */
async function startWebhookBot(): Promise<RunningBot> {
  const bot = await bots.start();
  await vi.waitFor(() => expect(bot.logs()).toContain('"msg":"webhook server listening"'), { timeout: 20_000, interval: 100 });
  return bot;
}

describe("webhook mode", () => {
  it("kill -9 right after the 200s: every update answered after a restart, a repeated delivery once", async () => {
    const first = await startWebhookBot();
    const ids = Array.from({ length: 20 }, (_, i) => i + 1);
    const statuses = await Promise.all(ids.map((id) => post(update(id)).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect((await post(update(1))).status).toBe(200); // Telegram re-sending: accepted, not handled again
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("close", resolve));
    const before = ids.filter((id) => bots.api.sentMessages(7500 + id).length > 0).length;

    const second = await startWebhookBot();
    expect((await post(update(2))).status).toBe(200); // and again after the restart
    await vi.waitFor(() => expect(ids.filter((id) => bots.api.sentMessages(7500 + id).length > 0)).toHaveLength(ids.length), { timeout: 30_000, interval: 200 });
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // room for a wrong second answer
    const twice = ids.filter((id) => bots.api.sentMessages(7500 + id).length > 1).length;
    expect(twice).toBe(0);
    figure("webhook: kill -9 after the 200s (1.5 s LLM answers), re-sent deliveries", {
      updates: ids.length,
      answeredBeforeKill: before,
      lost: 0,
      duplicated: twice,
    });

    const big = await fetch(URL, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body: "x".repeat(2 * 1024 * 1024) }).catch(() => null);
    expect(big?.status ?? 413).toBe(413);
    await second.stop();
  }, 120_000);
});
