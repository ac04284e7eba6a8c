// Start-up against a Bot API that refuses connections: a clear error within 30 s, not a hang.
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../bot/spawn-bot.js";
import { startBotApiMock } from "../helpers/bot-api-mock.js";
import { figure } from "./figures.js";

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs `npm start`'s entry point against `apiRoot` until it exits; its code, output and time taken. */
async function startAgainst(apiRoot: string, token: string): Promise<{ code: number | null; output: string; ms: number; indexed: boolean }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "unreachable-"));
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/start.ts"], {
    cwd: REPO,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_API_ROOT: apiRoot,
      SEEDS_DIR: path.join(REPO, "seeds"),
      VECTORSTORE_DIR: path.join(dir, "store"),
      WEBHOOK_URL: "",
      LLM_MODEL: "",
      LOG_LEVEL: "warn",
    },
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  const ms = Date.now() - started;
  const indexed = await fs.stat(path.join(dir, "store")).then(() => true, () => false);
  await fs.rm(dir, { recursive: true, force: true });
  return { code, output, ms, indexed };
}

describe("start-up without a reachable Bot API", () => {
  it("exits with 'Could not reach the Telegram Bot API' within 30 s", async () => {
    const apiRoot = `http://127.0.0.1:${await closedPort()}`;
    const { code, output, ms } = await startAgainst(apiRoot, "123456:UNREACHABLE");
    expect(code).toBe(1);
    // With what the network said, not grammY's bare "Network request for 'getMe' failed!".
    expect(output).toContain(`Could not reach the Telegram Bot API at ${apiRoot}: Network request for 'getMe' failed: connect ECONNREFUSED ${apiRoot.slice("http://".length)}. Check`);
    expect(output).not.toContain("UNREACHABLE");
    expect(ms).toBeLessThan(30_000);
    figure("start-up, Bot API refusing connections", { exitAfterMs: ms });
  }, 45_000);

  it("a Bot API answering 502 is reported with its answer, not grammY's 'Aborted delay'", async () => {
    const token = "123456:BADGATEWAY";
    const api = await startBotApiMock({
      token,
      respond: (method) => (method === "getMe" ? { status: 502, body: { ok: false, error_code: 502, description: "Bad Gateway" } } : undefined),
    });
    try {
      const { code, output, ms } = await startAgainst(api.apiRoot, token);
      expect(code).toBe(1);
      expect(output).toContain(`Could not reach the Telegram Bot API at ${api.apiRoot}: Call to 'getMe' failed! (502: Bad Gateway).`);
      expect(output).not.toContain("Aborted delay");
      expect(ms).toBeLessThan(30_000);
    } finally {
      await api.close();
    }
  }, 45_000);

  it("a Bot API answering getMe with 404 (a token Telegram does not take) is a wrong token, said at once", async () => {
    const token = "123456:NOT-FOUND";
    let getMeCalls = 0;
    const api = await startBotApiMock({
      token,
      respond: (method) => {
        if (method !== "getMe") return undefined;
        getMeCalls++;
        return { status: 404, body: { ok: false, error_code: 404, description: "Not Found" } };
      },
    });
    try {
      const { code, output, indexed } = await startAgainst(api.apiRoot, token);
      expect(code).toBe(1);
      expect(output).toContain("Telegram rejected TELEGRAM_BOT_TOKEN (404 Not Found). Copy the token again from @BotFather (/token).");
      // Said before any index is built: a first build of a large archive takes minutes.
      expect(indexed).toBe(false);
      expect(output).not.toContain("Could not reach");
      expect(output).not.toContain("NOT-FOUND");
      // Not retried: the API answered.
      expect(getMeCalls).toBe(1);
    } finally {
      await api.close();
    }
  }, 45_000);
});
