// Test helper: the bot started as `npm start` runs it (a process of its own, so that it can be
// killed), on a Bot API mock and an OpenAI stub, with a state folder its restarts share.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { type RunningBot, startBotProcess } from "../bot/spawn-bot.js";
import { type BotApiMock, type BotApiMockOptions, startBotApiMock } from "./bot-api-mock.js";
import { type OpenAiStub, type OpenAiStubOptions, startOpenAiStub } from "./openai-stub.js";

export interface BotProcesses {
  /** The Bot API every bot started polls (set once the file's first beforeAll ran). */
  api: BotApiMock;
  /** The LLM every bot started asks (set once the file's first beforeAll ran; only with `chat`). */
  llm: OpenAiStub;
  /** The STATE_DIR every bot started shares (set once the file's first beforeAll ran). */
  stateDir: string;
  /** Starts a bot process, `env` added for this one; one still running after the file's tests is killed. */
  start(env?: Record<string, string>): Promise<RunningBot>;
}

/**
 * The mock, the stub and the state folder for all of a test file's tests: made before them, and
 * after them closed and removed, with every bot still running killed first. Without `chat` no
 * stub is started and the bots run without an LLM, as `npm start` does by default. `api` sets the
 * mock's rate limit; `env` adds to (or overrides) what each bot is started with.
 */
export function useBotProcesses(options: {
  token: string;
  chat?: NonNullable<OpenAiStubOptions["chat"]>;
  api?: Omit<BotApiMockOptions, "token">;
  env?: Record<string, string>;
}): BotProcesses {
  const running: RunningBot[] = [];
  const bots = {
    async start(env?: Record<string, string>) {
      const bot = await startBotProcess({
        TELEGRAM_BOT_TOKEN: options.token,
        TELEGRAM_API_ROOT: bots.api.apiRoot,
        STATE_DIR: bots.stateDir,
        ...(options.chat ? { LLM_MODEL: "openai:stub", OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: bots.llm.baseUrl } : {}),
        ...options.env,
        ...env,
      });
      running.push(bot);
      return bot;
    },
  } as BotProcesses;
  beforeAll(async () => {
    bots.api = await startBotApiMock({ ...options.api, token: options.token });
    if (options.chat) bots.llm = await startOpenAiStub({ chat: options.chat });
    bots.stateDir = await mkdtemp(join(tmpdir(), "bot-state-"));
  });
  afterAll(async () => {
    // Waited for: a bot still writing its state would race the folder's removal.
    const alive = running.filter((bot) => bot.child.exitCode === null && bot.child.signalCode === null);
    const closed = alive.map((bot) => new Promise((resolve) => bot.child.once("close", resolve)));
    for (const bot of alive) bot.child.kill("SIGKILL");
    await Promise.all(closed);
    await bots.api?.close();
    await bots.llm?.close();
    if (bots.stateDir) await rm(bots.stateDir, { recursive: true, force: true });
  });
  return bots;
}
