// A .env that is there but cannot be read must say so: its settings silently missing read as
// "TELEGRAM_BOT_TOKEN is not set … put it in a .env file", sending the operator to the file they
// already wrote (a .env copied as root, mode 600, next to a unit running as another user).
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { OFFLINE_ENV, runCli } from "../helpers/run-cli.js";

let dir = "";
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The tests' environment, offline, with no bot token (a developer's own must not leak in). */
function withoutToken(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...OFFLINE_ENV };
  delete env.TELEGRAM_BOT_TOKEN;
  return env;
}

describe(".env", () => {
  it("that cannot be read stops every command with one line naming it, exit 2", async () => {
    dir = await mkdtemp(join(tmpdir(), "env-file-"));
    // A folder: unreadable as a file even by root (a chmod 000 file is readable to root, who runs CI).
    await mkdir(join(dir, ".env"));
    const env = withoutToken();
    for (const [command, args] of [["start", []], ["ask", ["Хто?"]]] as const) {
      const run = await runCli(command, [...args], { cwd: dir, env });
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toBe(`Could not read ${join(dir, ".env")}: it is a folder. Make it a file readable by this user, or remove it.`);
    }
  }, 60_000);

  it("that is missing is no error: settings come from the environment", async () => {
    dir = await mkdtemp(join(tmpdir(), "env-file-"));
    const env = withoutToken();
    const run = await runCli("start", [], { cwd: dir, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^TELEGRAM_BOT_TOKEN is not set/);
  }, 60_000);
});
