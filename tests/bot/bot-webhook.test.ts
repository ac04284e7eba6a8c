// Webhook mode end to end: the bot's own HTTP server takes updates, checks the secret, and
// answers through the Bot API emulator.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freePort } from "../helpers/free-port.js";
import { type Emulator, type RunningBot, startBotProcess, TelegramServer, waitForMessages } from "./spawn-bot.js";

const TOKEN = "654321:WEBHOOK-SECRET-TOKEN";
const SECRET = "s3cret_value";
// Ports chosen when the tests start (beforeAll).
let WEBHOOK_PORT: number;
let WEBHOOK_URL: string;

let server: Emulator;
let bot: RunningBot | undefined;

const update = (updateId: number, text: string) => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    date: Math.floor(Date.now() / 1000),
    chat: { id: 6001, type: "private", first_name: "W" },
    from: { id: 6001, is_bot: false, first_name: "W" },
    text,
  },
});

const post = (body: unknown, secret?: string): Promise<Response> =>
  fetch(WEBHOOK_URL, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
    body: JSON.stringify(body),
  });

describe("bot in webhook mode", () => {
  beforeAll(async () => {
    WEBHOOK_PORT = await freePort();
    WEBHOOK_URL = `http://127.0.0.1:${WEBHOOK_PORT}/telegram`;
    server = new TelegramServer({ port: await freePort(), host: "127.0.0.1", storeTimeout: 600 });
    await server.start();
    bot = await startBotProcess({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: server.config.apiURL,
      WEBHOOK_URL,
      WEBHOOK_SECRET: SECRET,
      PORT: String(WEBHOOK_PORT),
    });
    // "bot started" is logged before the webhook server listens.
    await vi.waitFor(() => expect(bot?.logs()).toContain('"msg":"webhook server listening"'), { timeout: 20_000, interval: 100 });
  }, 120_000);

  afterAll(async () => {
    await bot?.stop();
    await server?.stop();
  });

  it("rejects updates without the secret and answers those with it", async () => {
    expect((await post(update(1, "Хто такий Серджіо Гор?"))).status).toBe(401);
    expect((await post(update(2, "Хто такий Серджіо Гор?"), "wrong")).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${WEBHOOK_PORT}/healthz`)).status).toBe(200);

    expect((await post(update(3, "Хто такий Серджіо Гор?"), SECRET)).status).toBe(200);
    const messages = await waitForMessages<{ message: { text: string } }>(server, TOKEN, 6001);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.message.text).toContain("<b>Джерела</b>");
    expect(bot?.logs()).toContain('"msg":"webhook server listening"');
    expect(bot?.logs()).not.toContain("WEBHOOK-SECRET-TOKEN");
  });

  it("refuses a body over 1 MiB with 413 before reading it (issue 10 item 8)", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(WEBHOOK_URL, { method: "POST", headers: { "content-type": "application/json", "content-length": 300 * 1024 * 1024 } });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write("{"); // the other 300 MiB never need to be sent
    });
    expect(status).toBe(413);
  });
});
