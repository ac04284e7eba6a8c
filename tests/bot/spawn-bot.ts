import { type ChildProcess, spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { TelegramServer as Emulator } from "telegram-test-api/lib/telegramServer.js";
import { expect, vi } from "vitest";

// A CommonJS package whose typings declare a default export that ESM does not see: load it plainly.
export const TelegramServer = createRequire(import.meta.url)("telegram-test-api") as typeof Emulator;
export type { Emulator };

export const REPO = path.resolve(import.meta.dirname, "../..");

export interface RunningBot {
  child: ChildProcess;
  logs: () => string;
  /** SIGTERM to the bot; resolves when it exited and its output is fully read. */
  stop: () => Promise<void>;
}

/**
 * Starts the bot's entry point as `npm start` does (tsx, `src/cli/start.ts`) on a temp copy of
 * seeds/, and waits for "bot started". One node process (`node --import tsx`), not npx → tsx →
 * node: a signal then reaches the bot itself, and "close" means its last log line was read.
 */
export async function startBotProcess(env: Record<string, string>): Promise<RunningBot> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-e2e-"));
  await fs.cp(path.join(REPO, "seeds"), path.join(dir, "seeds"), { recursive: true });
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/start.ts"], {
    cwd: REPO,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      SEEDS_DIR: path.join(dir, "seeds"),
      VECTORSTORE_DIR: path.join(dir, "store"),
      WEBHOOK_URL: "",
      WEBHOOK_SECRET: "",
      ADMIN_IDS: "",
      LLM_MODEL: "",
      EMBEDDINGS_PROVIDER: "local",
      LOG_LEVEL: "info",
      ...env,
    },
  });
  let logs = "";
  child.stdout?.on("data", (chunk: Buffer) => (logs += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (logs += chunk.toString()));
  await vi.waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`the bot exited early:\n${logs}`);
      expect(logs).toContain('"msg":"bot started"');
    },
    { timeout: 90_000, interval: 200 },
  );
  return {
    child,
    logs: () => logs,
    stop: async () => {
      if (!child.pid || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("close", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** What the bot sent to `chatId` and nobody has read yet, through the emulator's client API. */
export async function botMessages<T>(server: Emulator, token: string, chatId: number): Promise<T[]> {
  const response = await fetch(`${server.config.apiURL}/getUpdates`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, chatId }),
  });
  return ((await response.json()) as { result: T[] }).result;
}

/** Polls until the bot has sent something to `chatId`. */
export function waitForMessages<T>(server: Emulator, token: string, chatId: number): Promise<T[]> {
  return vi.waitFor(
    async () => {
      const got = await botMessages<T>(server, token, chatId);
      if (got.length === 0) throw new Error(`no answer yet in chat ${chatId}`);
      return got;
    },
    { timeout: 60_000, interval: 200 },
  );
}
