// Outages of the Bot API: polling heals within seconds of the API coming back, with one warning
// per outage and one "reachable again" line; a question sent during the outage is answered.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type BotApiMock, startBotApiMock } from "../helpers/bot-api-mock.js";
import { type RunningBot, startBotProcess } from "../bot/spawn-bot.js";
import { figure } from "./figures.js";

const TOKEN = "123456:OUTAGE-TEST";
let api: BotApiMock;
let bot: RunningBot | undefined;

beforeAll(async () => {
  api = await startBotApiMock({ token: TOKEN });
  bot = await startBotProcess({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot });
});

afterAll(async () => {
  await bot?.stop();
  await api?.close();
});

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

describe("Bot API outages", () => {
  it("a 13 s outage (connection refused): first poll ≤ 5 s after recovery, one warning, one recovery line", async () => {
    await vi.waitFor(() => expect(api.polls.length).toBeGreaterThan(0));
    await api.unlisten();
    await new Promise((resolve) => setTimeout(resolve, 13_000));
    api.pushText(8001, "Хто такий Серджіо Гор?");
    const back = Date.now();
    await api.reopen();
    await vi.waitFor(() => expect(api.polls.some((t) => t >= back)).toBe(true), { timeout: 10_000, interval: 50 });
    const firstPollMs = api.polls.find((t) => t >= back)! - back;
    expect(firstPollMs).toBeLessThanOrEqual(5_000);
    await vi.waitFor(() => expect(api.sentMessages(8001)).toHaveLength(1), { timeout: 10_000 });

    const logs = bot!.logs();
    expect(count(logs, /polling the Telegram Bot API failed/g)).toBe(1);
    expect(count(logs, /the Telegram Bot API is reachable again/g)).toBe(1);
    expect(logs).not.toContain("OUTAGE-TEST");
    figure("Bot API outage 13 s (connection refused)", { firstPollAfterRecoveryMs: firstPollMs, warnings: 1, recoveryLines: 1, lost: 0 });
  }, 60_000);

  it("a second poller gets 409 and the bot keeps polling (one conflict error, no outage warning), then heals", async () => {
    const before = count(bot!.logs(), /polling the Telegram Bot API failed/g);
    // Hold the bot's long poll's place with a competing poller: the bot's next poll gets 409.
    const rival = fetch(`${api.apiRoot}/bot${TOKEN}/getUpdates`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ timeout: 3 }) }).catch(() => undefined);
    await vi.waitFor(() => expect(api.conflicts).toBeGreaterThan(0), { timeout: 40_000, interval: 50 });
    await rival;
    api.pushText(8002, "Хто такий Серджіо Гор?");
    await vi.waitFor(() => expect(api.sentMessages(8002)).toHaveLength(1), { timeout: 15_000 });
    expect(count(bot!.logs(), /polling the Telegram Bot API failed/g) - before).toBe(0);
    expect(count(bot!.logs(), /another process is polling with this bot token \(409 Conflict\)/g)).toBe(1);
  }, 60_000);
});
