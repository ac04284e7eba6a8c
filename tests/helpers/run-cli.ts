import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

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
