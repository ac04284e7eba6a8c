// A second Ctrl+C (SIGINT) while the bot waits for answers in progress ends it at once, and the
// question it was answering is answered on the next start (the update journal), not lost.
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type BotApiMock, startBotApiMock } from "../helpers/bot-api-mock.js";
import { type OpenAiStub, startOpenAiStub } from "../helpers/openai-stub.js";
import { type RunningBot, startBotProcess } from "../bot/spawn-bot.js";
import { MODEL_CHECK_PROMPT } from "../../src/answers/model-check.js";

const TOKEN = "123456:SECOND-SIGNAL";
const USER = 8100;

let api: BotApiMock;
let llm: OpenAiStub;
let stateDir: string;
let released = false;
const running: RunningBot[] = [];

const env = (): Record<string, string> => ({
  TELEGRAM_BOT_TOKEN: TOKEN,
  TELEGRAM_API_ROOT: api.apiRoot,
  STATE_DIR: stateDir,
  LLM_MODEL: "openai:stub",
  OPENAI_API_KEY: "sk-test",
  OPENAI_BASE_URL: llm.baseUrl,
  // The first stop would wait this long (plus 10 s) for the held answer.
  LLM_TIMEOUT_MS: "60000",
});

beforeAll(async () => {
  api = await startBotApiMock({ token: TOKEN });
  // Held (no answer) until released: the first bot is stopped mid-answer.
  llm = await startOpenAiStub({ chat: () => (released ? "Серджіо Гор – спеціальний посланець США [1]." : new Promise<string>(() => {})) });
  stateDir = await fs.mkdtemp(path.join(os.tmpdir(), "second-signal-state-"));
});

afterAll(async () => {
  for (const bot of running) bot.child.kill("SIGKILL");
  await api?.close();
  await llm?.close();
  await fs.rm(stateDir, { recursive: true, force: true });
});

describe("a second SIGINT during the stop", () => {
  it("exits at once with 130, and the question in progress is answered on the next start", async () => {
    const first = await startBotProcess(env());
    running.push(first);
    api.pushText(USER, "Хто такий Серджіо Гор?");
    // The question's request, not the start-up check of the model (held too, until the stop aborts it).
    await vi.waitFor(() => expect(llm.requests.some((r) => r.path.endsWith("/chat/completions") && !JSON.stringify(r.body).includes(MODEL_CHECK_PROMPT))).toBe(true), {
      timeout: 30_000,
      interval: 100,
    });

    const exited = new Promise<number | null>((resolve) => first.child.once("close", (code) => resolve(code)));
    first.child.kill("SIGINT");
    await vi.waitFor(() => expect(first.logs()).toContain('"msg":"stopping"'), { timeout: 10_000, interval: 50 });
    first.child.kill("SIGINT");
    // Without the second signal counting, the stop waits for the answer for 70 s, far past this.
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("still running"), 20_000))]);
    expect(code).toBe(130);
    expect(first.logs()).toContain("second signal");
    expect(api.sentMessages(USER)).toHaveLength(0);

    released = true;
    const second = await startBotProcess(env());
    running.push(second);
    await vi.waitFor(() => expect(api.sentMessages(USER).length).toBeGreaterThan(0), { timeout: 30_000, interval: 200 });
    await second.stop();
  }, 120_000);
});
