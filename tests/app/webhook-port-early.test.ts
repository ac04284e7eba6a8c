// In webhook mode PORT answers from the start: a platform probing /healthz on PORT (Render, Fly.io)
// restarted a bot whose first index build (minutes at 100,000 chunks) left PORT closed.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startBot } from "../../src/app/start-bot.js";
import { loadConfig } from "../../src/config/config.js";
import { silentLogger } from "../../src/shared/logger.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import { type BotApiMock, startBotApiMock } from "../helpers/bot-api-mock.js";
import { OFFLINE_ENV } from "../helpers/run-cli.js";
import { useTempSeeds } from "../helpers/temp-seeds.js";
import { freePort } from "../helpers/free-port.js";

const temp = useTempSeeds();
let api: BotApiMock;
const token = "123456:EARLY-PORT";
beforeAll(async () => {
  api = await startBotApiMock({ token });
});
afterAll(async () => {
  await api?.close();
});


describe("webhook mode during the first index build", () => {
  it("answers /healthz on PORT 503 'starting' and updates 503 (Telegram delivers them again), then 200 'ready' once the bot runs", async () => {
    const port = await freePort();
    const config = loadConfig({
      ...OFFLINE_ENV,
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_API_ROOT: api.apiRoot,
      WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
      PORT: String(port),
      SEEDS_DIR: temp.seeds,
      VECTORSTORE_DIR: temp.store,
      STATE_DIR: join(temp.root, "state"),
    });
    // The build waits for this lock (as for an `npm run ingest` running): start-up stays in the build.
    const release = (await createHnswStore(temp.store).lockForWriting())!;
    const starting = startBot({ ...config, telegramBotToken: token }, silentLogger);
    let stop: (() => Promise<void>) | undefined;
    try {
      await vi.waitFor(
        async () => {
          const health = await fetch(`http://127.0.0.1:${port}/healthz`);
          expect([health.status, await health.text()]).toEqual([503, "starting\n"]);
        },
        { timeout: 20_000, interval: 100 },
      );
      const early = await fetch(`http://127.0.0.1:${port}/hook`, { method: "POST", body: JSON.stringify({ update_id: 1 }) });
      expect(early.status).toBe(503); // not 2xx: Telegram keeps the update and delivers it again
      expect(api.calls.map((c) => c.method)).not.toContain("setWebhook");
      await release();
      stop = await starting;
      const ready = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect([ready.status, await ready.text()]).toEqual([200, "ready\n"]);
    } finally {
      await release().catch(() => {});
      await (stop ?? (await starting.catch(() => undefined)))?.();
    }
  }, 90_000);
});
