// Each command's --help lists every flag it accepts, and only those: bench's usage line left out
// the pglite backend and --database-url it takes.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import * as ask from "../../src/cli/ask.js";
import * as bench from "../../src/cli/bench.js";
import * as evalCli from "../../src/cli/eval.js";
import * as ingest from "../../src/cli/ingest.js";
import * as start from "../../src/cli/start.js";
import * as train from "../../src/cli/train.js";
import { OFFLINE_ENV, REPO_ROOT, runCliInProcess } from "../helpers/run-cli.js";

const COMMANDS = { ask, bench, eval: evalCli, ingest, start, train };

describe.each(Object.entries(COMMANDS))("npm run %s -- --help", (_name, command) => {
  const flags = Object.keys(command.OPTIONS);
  const synopsis = command.USAGE.split("\n\n")[0]!;

  it("names every flag it accepts in the usage line and describes each on a line of its own", () => {
    expect(command.USAGE).toMatch(/--help\b/);
    for (const flag of flags.filter((f) => f !== "help")) {
      expect(synopsis, `--${flag} in the usage line`).toMatch(new RegExp(`--${flag}\\b`));
      expect(command.USAGE, `a line describing --${flag}`).toMatch(new RegExp(`^\\s+(-\\w, )?--${flag}\\b`, "m"));
    }
  });

  it("mentions no flag it does not accept", () => {
    const mentioned = [...command.USAGE.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => m[1]);
    for (const flag of mentioned) expect(flags, `--${flag}`).toContain(flag);
  });
});

describe("npm run bench -- --help", () => {
  it("lists every backend it accepts in the usage line", () => {
    expect(bench.USAGE.split("\n\n")[0]).toMatch(/--backend files\|postgres\|pglite/);
  });
});

describe("npm start without TELEGRAM_BOT_TOKEN", () => {
  it("suggests asking without Telegram a question any dated archive answers, not one only the sample seed article answers", async () => {
    const { code, stderr } = await runCliInProcess("start", [], { env: { ...OFFLINE_ENV, TELEGRAM_BOT_TOKEN: "" } });
    expect(code).toBe(2);
    expect(stderr).toContain('You can ask questions without Telegram: npm run ask -- "Що нового?"');
    // The pruned Docker image has no tsx, so npm run ask does not run there.
    expect(stderr).toContain('(built, or in the Docker image: node dist/cli/ask.js "Що нового?")');
    expect(stderr).not.toContain("Серджіо");
  });
});

describe("npm run eval:dev -- --help", () => {
  it("prints its usage and evaluates nothing (it once passed --help on to npm run eval and failed reading the usage as JSON)", async () => {
    const script = join(REPO_ROOT, "scripts", "eval-dev-sets.sh");
    // A missing dev-sets folder: whatever is run, no set is evaluated.
    const env = { ...process.env, ...OFFLINE_ENV, EVAL_DIR: join(REPO_ROOT, "no-such-eval-dir") };
    const { stdout } = await promisify(execFile)("bash", [script, "--help"], { env, timeout: 60_000 });
    expect(stdout).toMatch(/^Usage: npm run eval:dev -- /);
    expect(stdout).not.toContain("| set |");
  }, 60_000);
});

describe("npm run eval:dev without the development sets", () => {
  it("says which folder is missing and exits 2, not with a JSON SyntaxError", async () => {
    const script = join(REPO_ROOT, "scripts", "eval-dev-sets.sh");
    const env = { ...process.env, ...OFFLINE_ENV, EVAL_DIR: join(REPO_ROOT, "no-such-eval-dir") };
    const failure = await promisify(execFile)("bash", [script], { env, timeout: 60_000 }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('The development sets folder "');
    expect(failure.stderr).toContain("no-such-eval-dir");
    expect(failure.stderr).not.toContain("SyntaxError");
  }, 60_000);
});
