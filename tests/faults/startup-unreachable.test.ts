// Start-up against a Bot API that refuses connections: a clear error within 30 s, not a hang.
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../bot/spawn-bot.js";
import { figure } from "./figures.js";

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("start-up without a reachable Bot API", () => {
  it("exits with 'Could not reach the Telegram Bot API' within 30 s", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "unreachable-"));
    const apiRoot = `http://127.0.0.1:${await closedPort()}`;
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/start.ts"], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        TELEGRAM_BOT_TOKEN: "123456:UNREACHABLE",
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
    expect(code).toBe(1);
    expect(output).toContain(`Could not reach the Telegram Bot API at ${apiRoot}`);
    expect(output).not.toContain("UNREACHABLE");
    expect(ms).toBeLessThan(30_000);
    figure("start-up, Bot API refusing connections", { exitAfterMs: ms });
    await fs.rm(dir, { recursive: true, force: true });
  }, 45_000);
});
