// `npm start` on DATABASE_URL, stopped while the database no longer answers (a network cut or a
// failover: connections stay open, nothing comes back) while it answers a question. The bot's
// state gives its statements up after 10 s, but the question's index statements (their waits
// are cut short, the statements are not) never end, nor does the pool's end; a SIGTERM must
// still end the process once the drain and the closing had their time, not leave it running
// until a SIGKILL.
import { type ChildProcess, spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { stopDeadlineMs } from "../../src/app/start-bot.js";
import { startBotApiMock, type BotApiMock } from "../helpers/bot-api-mock.js";
import { startPgliteServer } from "../helpers/pglite.js";
import { OFFLINE_ENV } from "../helpers/run-cli.js";
import { type SilenceableProxy, startSilenceableProxy } from "../helpers/silenceable-proxy.js";
import { makeTempSeeds } from "../helpers/temp-seeds.js";

const REPO = path.resolve(import.meta.dirname, "../..");
const TOKEN = "123456:UNRESPONSIVE-DB";
const LLM_TIMEOUT_MS = 1_000;

let server: Awaited<ReturnType<typeof startPgliteServer>>;
let api: BotApiMock;
let proxy: SilenceableProxy;
let root: string;
let child: ChildProcess | undefined;
/** Once true, the database goes silent when the bot starts answering (its "typing…"). */
let silenceOnTyping = false;

beforeAll(async () => {
  server = await startPgliteServer();
  api = await startBotApiMock({
    token: TOKEN,
    respond: (method) => {
      if (silenceOnTyping && method === "sendChatAction") proxy.mode = "silent";
      return undefined;
    },
  });
  ({ root } = await makeTempSeeds());
  proxy = await startSilenceableProxy(server.url);
}, 60_000);

afterAll(async () => {
  if (child?.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  proxy?.close();
  await api?.close();
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

it("a SIGTERM ends the bot within the stop's deadline, saying why, though the database stopped answering mid-question", async () => {
  const url = proxy.url;
  child = spawn(process.execPath, ["--import", "tsx", "src/cli/start.ts"], {
    cwd: REPO,
    env: {
      ...process.env,
      ...OFFLINE_ENV,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_URL: url,
      SEEDS_DIR: path.join(root, "seeds"),
      LLM_TIMEOUT_MS: String(LLM_TIMEOUT_MS),
      HEALTH_PORT: "",
      WEBHOOK_URL: "",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child!.on("exit", (code) => resolve(code)));

  api.pushText(501, "Хто такий Серджіо Гор?");
  await vi.waitFor(() => expect(api.sentMessages(501)).toHaveLength(1), { timeout: 45_000, interval: 100 });
  // Claimed, then the database goes silent under its version check and search.
  silenceOnTyping = true;
  api.pushText(501, "Скільки вуликів на найбільшій пасіці?");
  await vi.waitFor(() => expect(proxy.mode).toBe("silent"), { timeout: 10_000, interval: 50 });
  await new Promise((resolve) => setTimeout(resolve, 1_500));

  const signalled = Date.now();
  child.kill("SIGTERM");
  const deadline = stopDeadlineMs({ llmTimeoutMs: LLM_TIMEOUT_MS });
  const code = await Promise.race([exited, new Promise<"running">((resolve) => setTimeout(() => resolve("running"), deadline + 5_000))]);
  expect(code).toBe(1);
  expect(Date.now() - signalled).toBeGreaterThanOrEqual(deadline - 500);
  expect(stderr).toContain("could not stop in time");
}, 90_000);
