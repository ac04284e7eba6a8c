// The bot checks its chat model once it is up, in the background: a model the provider does not
// know is in the log at start, not at the first question, and start-up neither waits for nor fails on it.
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type BotApiMock, startBotApiMock } from "../helpers/bot-api-mock.js";
import { type OpenAiStub, startOpenAiStub } from "../helpers/openai-stub.js";
import { type RunningBot, startBotProcess } from "../bot/spawn-bot.js";

const TOKEN = "123456:MODEL-CHECK";
const KEY = "sk-model-check-secret-0123456789";

let api: BotApiMock;
let llm: OpenAiStub;
let stateDir: string;
let bot: RunningBot | undefined;

beforeAll(async () => {
  api = await startBotApiMock({ token: TOKEN });
  // Ollama's answer for a model it has not pulled, after a while: the bot is up before it comes.
  llm = await startOpenAiStub({ chat: () => ({ status: 404, body: { error: { message: 'model "llama3" not found, try pulling it first' } }, delayMs: 500 }) });
  stateDir = await fs.mkdtemp(path.join(os.tmpdir(), "model-check-state-"));
});

afterAll(async () => {
  await bot?.stop();
  await api?.close();
  await llm?.close();
  await fs.rm(stateDir, { recursive: true, force: true });
});

describe("the chat model checked at the bot's start", () => {
  it("a 404 is logged after 'bot started' with what to check, no question asked, never with the key", async () => {
    bot = await startBotProcess({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      STATE_DIR: stateDir,
      LLM_MODEL: "openai:llama3",
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: llm.baseUrl,
    });
    await vi.waitFor(() => expect(bot!.logs()).toMatch(/"status":404.*LLM_MODEL/), { timeout: 20_000, interval: 100 });
    const logs = bot.logs();
    expect(logs.indexOf('"msg":"bot started"')).toBeLessThan(logs.search(/"status":404/));
    expect(llm.requests.filter((r) => r.path.endsWith("/chat/completions"))).toHaveLength(1);
    expect(logs).not.toContain(KEY);
    await bot.stop();
    expect(bot.logs()).toContain('"msg":"stopped"');
  }, 120_000);
});
