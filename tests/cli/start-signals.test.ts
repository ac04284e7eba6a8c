// The documented start commands (`npm start`, `npm run build` + `npm run start:prod`) must pass a
// SIGTERM on to the bot: a service manager or `docker stop` signals the process it started (npm),
// and a bot that outlives it keeps polling, re-parented, next to its replacement.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freePort } from "../helpers/free-port.js";

const REPO = path.resolve(import.meta.dirname, "../..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

/** The few Bot API methods start-up needs; getUpdates holds like a long poll. */
function fakeBotApi(): http.Server {
  return http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const method = (req.url ?? "").split("/").pop();
      const result =
        method === "getMe"
          ? { id: 42, is_bot: true, first_name: "Test", username: "test_bot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false }
          : method === "getUpdates"
            ? []
            : true;
      const send = (): void => void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
      if (method === "getUpdates") setTimeout(send, 300);
      else send();
    });
  });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let api: http.Server;
let apiRoot: string;
let dir: string;
const started: ChildProcess[] = [];

beforeAll(async () => {
  api = fakeBotApi();
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiRoot = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "start-signals-"));
  await fs.cp(path.join(REPO, "seeds"), path.join(dir, "seeds"), { recursive: true });
});

afterAll(async () => {
  // Whatever a failed test left running: its whole process group (npm, sh, node).
  for (const child of started) {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
  await fs.rm(dir, { recursive: true, force: true });
});


/** Spawns `npm <args>` as an operator would, waits for "bot started", returns npm and the bot's pid. */
async function startWithNpm(args: string[], store: string, extraEnv: Record<string, string> = {}): Promise<{ npm: ChildProcess; botPid: number; logs: () => string }> {
  const npm = spawn(NPM, args, {
    cwd: REPO,
    detached: true, // its own process group, so afterAll can clean up after a failure
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      TELEGRAM_BOT_TOKEN: "123456:SIGNAL-TEST",
      TELEGRAM_API_ROOT: apiRoot,
      SEEDS_DIR: path.join(dir, "seeds"),
      VECTORSTORE_DIR: path.join(dir, store),
      WEBHOOK_URL: "",
      HEALTH_PORT: "",
      LLM_MODEL: "",
      EMBEDDINGS_PROVIDER: "local",
      LOG_LEVEL: "info",
      ...extraEnv,
    },
  });
  started.push(npm);
  let logs = "";
  npm.stdout?.on("data", (chunk: Buffer) => (logs += chunk.toString()));
  npm.stderr?.on("data", (chunk: Buffer) => (logs += chunk.toString()));
  const line = await vi.waitFor(
    () => {
      if (npm.exitCode !== null) throw new Error(`npm exited early:\n${logs}`);
      const found = logs.split("\n").find((l) => l.includes('"msg":"bot started"'));
      if (!found) throw new Error("not started yet");
      return found;
    },
    { timeout: 60_000, interval: 200 },
  );
  // pino writes the pid of the process that logs: the bot's node, not npm.
  const botPid = (JSON.parse(line) as { pid: number }).pid;
  return { npm, botPid, logs: () => logs };
}

async function expectSigtermStopsTheBot(npm: ChildProcess, botPid: number, logs: () => string): Promise<void> {
  expect(alive(botPid)).toBe(true);
  const npmClosed = new Promise((resolve) => npm.once("close", resolve));
  npm.kill("SIGTERM"); // to npm only, as systemd (KillMode=mixed) or a plain `kill <pid>` would
  await vi.waitFor(
    () => {
      if (alive(botPid)) throw new Error(`bot ${botPid} still running after SIGTERM to npm`);
    },
    { timeout: 15_000, interval: 100 },
  );
  await npmClosed; // its output is fully read now
  expect(logs()).toContain('"signal":"SIGTERM"');
}

describe("a SIGTERM to the documented start command stops the bot", () => {
  it("npm start (development, tsx)", async () => {
    const { npm, botPid, logs } = await startWithNpm(["start"], "store-dev");
    await expectSigtermStopsTheBot(npm, botPid, logs);
  }, 90_000);

  it("npm run build, then npm run start:prod (compiled JavaScript, no tsx), with /healthz in polling mode", async () => {
    await promisify(execFile)(NPM, ["run", "build"], { cwd: REPO, timeout: 120_000 });
    const healthPort = await freePort();
    const { npm, botPid, logs } = await startWithNpm(["run", "start:prod"], "store-prod", { HEALTH_PORT: String(healthPort) });
    const health = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, "ready\n"]);
    // The bot runs dist/, not TypeScript through a loader.
    const cmdline = await fs.readFile(`/proc/${botPid}/cmdline`, "utf8").catch(() => "");
    if (cmdline) {
      expect(cmdline).toContain("dist/cli/start.js");
      expect(cmdline).not.toContain("tsx");
    }
    await expectSigtermStopsTheBot(npm, botPid, logs);
  }, 180_000);
});

describe("a signal during the first index build", () => {
  let seeds: string;
  beforeAll(async () => {
    // Enough articles for a build of a few seconds.
    seeds = path.join(dir, "many-seeds");
    await fs.mkdir(seeds);
    for (let i = 0; i < 3_000; i++) {
      await fs.writeFile(path.join(seeds, `a${i}.txt`), `Article ${i} is about the harbour of town ${i}. It opened in year ${1800 + (i % 200)} and has ${i} boats.`);
    }
  });

  /** Starts the bot from the sources on an empty store; resolves once the build holds the LOCK, with the LOCK holder's pid. */
  async function startBuilding(store: string, env: Record<string, string> = {}) {
    const bot = spawn(process.execPath, ["--import", "tsx", "src/cli/start.ts"], {
      cwd: REPO,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        TELEGRAM_BOT_TOKEN: "123456:SIGNAL-TEST",
        TELEGRAM_API_ROOT: apiRoot,
        SEEDS_DIR: seeds,
        VECTORSTORE_DIR: store,
        WEBHOOK_URL: "",
        HEALTH_PORT: "",
        LLM_MODEL: "",
        EMBEDDINGS_PROVIDER: "local",
        LOG_LEVEL: "info",
        ...env,
      },
    });
    started.push(bot);
    let logs = "";
    bot.stdout?.on("data", (chunk: Buffer) => (logs += chunk.toString()));
    bot.stderr?.on("data", (chunk: Buffer) => (logs += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => bot.once("exit", (code) => resolve(code)));
    const lock = path.join(store, "LOCK");
    const builder = await vi.waitFor(
      async () => {
        if (bot.exitCode !== null) throw new Error(`the bot exited early:\n${logs}`);
        // The build holds the lock, and names its process there once written.
        return (JSON.parse(await fs.readFile(lock, "utf8")) as { pid: number }).pid;
      },
      { timeout: 60_000, interval: 10 },
    );
    return { bot, builder, lock, exited, logs: () => logs };
  }

  it("SIGTERM: /healthz answers 'starting' meanwhile (the build runs in a child process); the bot and its child exit, leaving no LOCK behind, so the next start need not wait for it", async () => {
    const healthPort = await freePort();
    const { bot, builder, lock, exited, logs } = await startBuilding(path.join(dir, "store-cut"), { HEALTH_PORT: String(healthPort) });
    expect(builder).not.toBe(bot.pid);
    const health = await fetch(`http://127.0.0.1:${healthPort}/healthz`, { signal: AbortSignal.timeout(5_000) });
    expect([health.status, await health.text()]).toEqual([503, "starting\n"]);
    expect(logs()).not.toContain('"msg":"bot started"');
    bot.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(logs()).toContain('"signal":"SIGTERM"');
    expect(logs()).not.toMatch(/"level":50/); // no error: the build the signal stopped is no failure
    expect(alive(builder)).toBe(false); // waited for: no orphan building on
    await expect(fs.access(lock)).rejects.toThrow(); // removed on the way out
  }, 90_000);

  it("kill -9: the build's child process does not outlive the bot", async () => {
    const { bot, builder, exited } = await startBuilding(path.join(dir, "store-killed"));
    bot.kill("SIGKILL");
    await exited;
    await vi.waitFor(
      () => {
        if (alive(builder)) throw new Error(`build process ${builder} still running after the bot was killed`);
      },
      { timeout: 15_000, interval: 100 },
    );
  }, 90_000);
});
