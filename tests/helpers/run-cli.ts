import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { runCommand, type CliIo, type CliMain } from "../../src/cli/args.js";

export const REPO_ROOT = join(import.meta.dirname, "..", "..");
const TSX = join(REPO_ROOT, "node_modules", ".bin", "tsx");
const execFileAsync = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Offline, extractive, quiet: what every CLI test starts from (a developer's .env must not leak in). */
export const OFFLINE_ENV = { LLM_MODEL: "", EMBEDDINGS_PROVIDER: "local", LOG_LEVEL: "" };

/**
 * Runs `src/cli/<name>.ts` as a user would (through tsx); resolves with the exit code and the
 * output even when the command fails.
 */
export async function runCli(
  name: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync(TSX, [join(REPO_ROOT, "src", "cli", `${name}.ts`), ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: options.env ?? { ...process.env, ...OFFLINE_ENV },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The last line of a command's output (where `--json` puts its object). */
export const lastLine = (text: string): string => text.trim().split("\n").at(-1) ?? "";

const COMMANDS = {
  ask: () => import("../../src/cli/ask.js"),
  ingest: () => import("../../src/cli/ingest.js"),
  eval: () => import("../../src/cli/eval.js"),
  bench: () => import("../../src/cli/bench.js"),
  start: () => import("../../src/cli/start.js"),
  train: () => import("../../src/cli/train.js"),
};

/** A terminal both of a command's streams are written to (see fake-terminal.ts). */
export interface TestTerminal {
  columns: number;
  rows: number;
  write(text: string): unknown;
}

/**
 * Runs a command in this process (its exported `main`, through the same error handling as
 * the real entry point), capturing its output: ~100x cheaper than starting tsx. `env`
 * replaces the environment the command sees (default: this process's, made offline).
 * With `terminal`, stdout and stderr are that terminal's (a TTY), and write to it as well.
 */
export async function runCliInProcess(
  name: keyof typeof COMMANDS,
  args: string[],
  options: { env?: Record<string, string | undefined>; terminal?: TestTerminal } = {},
): Promise<CliResult> {
  const command: { main: CliMain; USAGE: string } = await COMMANDS[name]();
  let stdout = "";
  let stderr = "";
  const terminal = options.terminal;
  const tty = terminal ? { isTTY: true, columns: terminal.columns, rows: terminal.rows } : {};
  const io: CliIo = {
    env: options.env ?? { ...process.env, ...OFFLINE_ENV },
    stdout: {
      ...tty,
      write(text: string) {
        stdout += text;
        terminal?.write(text);
      },
    },
    stderr: {
      ...(terminal ? { isTTY: true } : {}),
      write(text: string) {
        stderr += text;
        terminal?.write(text);
      },
    },
  };
  const code = await runCommand(command.main, command.USAGE, args, io);
  return { code, stdout, stderr };
}
