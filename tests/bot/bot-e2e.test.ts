// End to end over real HTTP: `npm start`'s entry point against the telegram-test-api emulator.
import { type ChildProcess, spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import type { TelegramServer as Emulator } from "telegram-test-api/lib/telegramServer.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// A CommonJS package whose typings declare a default export that ESM does not see: load it plainly.
const TelegramServer = createRequire(import.meta.url)("telegram-test-api") as typeof Emulator;

const PORT = 18401;
const TOKEN = "123456:E2E-SECRET-TOKEN";
const REPO = path.resolve(import.meta.dirname, "../..");
const QUESTION = "Хто такий Серджіо Гор?";

interface BotMessage {
  message: {
    chat_id: number | string;
    text: string;
    parse_mode?: string;
    reply_parameters?: { message_id: number };
    reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
  };
}

let server: Emulator;
let bot: ChildProcess;
let logs = "";

/** What the bot sent to `chatId` so far, through the emulator's client API. */
async function botMessages(chatId: number): Promise<BotMessage[]> {
  const response = await fetch(`${server.config.apiURL}/getUpdates`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: TOKEN, chatId }),
  });
  const body = (await response.json()) as { result: BotMessage[] };
  return body.result;
}

async function waitForMessages(chatId: number): Promise<BotMessage[]> {
  return vi.waitFor(
    async () => {
      const got = await botMessages(chatId);
      if (got.length === 0) throw new Error(`no answer yet in chat ${chatId}`);
      return got;
    },
    { timeout: 60_000, interval: 200 },
  );
}

describe("bot over HTTP against telegram-test-api", () => {
  beforeAll(async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-e2e-"));
    await fs.cp(path.join(REPO, "seeds"), path.join(dir, "seeds"), { recursive: true });
    server = new TelegramServer({ port: PORT, host: "127.0.0.1", storeTimeout: 600 });
    await server.start();

    bot = spawn("npx", ["tsx", "src/cli/start.ts"], {
      cwd: REPO,
      detached: true, // its own process group, so the test can stop npx, tsx and node together
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: server.config.apiURL,
        SEEDS_DIR: path.join(dir, "seeds"),
        VECTORSTORE_DIR: path.join(dir, "store"),
        WEBHOOK_URL: "",
        ADMIN_IDS: "",
        LLM_MODEL: "",
        EMBEDDINGS_PROVIDER: "local",
        LOG_LEVEL: "info",
      },
    });
    bot.stdout?.on("data", (chunk: Buffer) => (logs += chunk.toString()));
    bot.stderr?.on("data", (chunk: Buffer) => (logs += chunk.toString()));
    await vi.waitFor(
      () => {
        if (bot.exitCode !== null) throw new Error(`the bot exited early:\n${logs}`);
        expect(logs).toContain('"msg":"bot started"');
      },
      { timeout: 90_000, interval: 200 },
    );
  }, 120_000);

  afterAll(async () => {
    if (bot?.pid && bot.exitCode === null) {
      const exited = new Promise((resolve) => bot.once("exit", resolve));
      process.kill(-bot.pid, "SIGTERM");
      await exited;
      if (process.env.BOT_E2E_LOGS) process.stderr.write(logs);
      expect(logs).toContain('"msg":"stopped"'); // SIGTERM stops it cleanly
    }
    await server?.stop();
  });

  it("answers a private question with its source, and a source button", async () => {
    const client = server.getClient(TOKEN, { userId: 5001, chatId: 5001, type: "private", firstName: "Olena" });
    await client.sendMessage(client.makeMessage(QUESTION));

    const [reply, ...rest] = await waitForMessages(5001);
    if (process.env.BOT_E2E_LOGS) process.stderr.write(`${reply?.message.text}\n`);
    expect(rest).toEqual([]);
    expect(reply?.message.parse_mode).toBe("HTML");
    expect(reply?.message.text).toContain("Гор");
    expect(reply?.message.text).toMatch(/\[1\]/);
    expect(reply?.message.text).toContain("<b>Джерела</b>");
    expect(reply?.message.text).toMatch(/\n1\. .+, 2026-02-04/);
    expect(reply?.message.reply_markup?.inline_keyboard.flat()[0]?.text).toBe("[1]");
  });

  it("stays silent on a group message without a mention, and answers /ask in the same group", async () => {
    const group = server.getClient(TOKEN, { userId: 5002, chatId: -5003, type: "group", chatTitle: "Readers" });
    await group.sendMessage(group.makeMessage(QUESTION));
    await group.sendCommand(group.makeCommand(`/ask ${QUESTION}`));

    // Updates of one chat are handled in order, so once /ask is answered the plain message was
    // handled too: exactly one message, and it replies to the /ask.
    const messages = await waitForMessages(-5003);
    const askUpdate = server.storage.userMessages.find((u) => "message" in u && u.message.text === `/ask ${QUESTION}`);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.message.reply_parameters?.message_id).toBe(askUpdate?.messageId);
    expect(messages[0]?.message.text).toContain("<b>Джерела</b>");
  });

  it("survives the emulator's unsupported methods and never logs the token", () => {
    // sendChatAction and setMyCommands answer HTTP 500 there; both questions were still answered.
    expect(logs.match(/"msg":"question answered"/g)).toHaveLength(2);
    expect(logs).not.toContain("E2E-SECRET-TOKEN");
  });
});
