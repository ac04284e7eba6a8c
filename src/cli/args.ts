import { realpathSync } from "node:fs";
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { AppError, InputError, pathProblem, QuestionError, UsageError } from "../shared/errors.js";
import { secretsOf } from "../config/config.js";
import { redactSecrets } from "../shared/logger.js";
import { loadEnvFile } from "./env-file.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses `argv` strictly (flags `--name value`, booleans, positionals when allowed): an unknown
 * flag, a missing value, an unexpected positional or a flag given twice throws a `UsageError`.
 */
export function parseCliArgs<const O extends Options, const P extends boolean = false>(
  argv: string[],
  options: O,
  allowPositionals?: P,
) {
  const parse = () => parseArgs({ args: argv, options, allowPositionals: allowPositionals ?? false, strict: true, tokens: true });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    // Node's own text is its jargon ("Option '-k, --k <value>' argument missing", "positional
    // arguments"), three lines for a value starting with a dash, and for an unknown flag in a
    // command taking positionals ends in advice with an unbalanced quote: ours, one line.
    throw new UsageError(argsProblem(argv, options, allowPositionals ?? false) ?? (error as Error).message);
  }
  // node keeps the last of `--k 3 --k 5` without a word: which one was meant is the user's to say.
  // Flags meant to repeat (`multiple`, e.g. eval's --questions) may.
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    // `--store ""` (often `--store "$DIR"` with DIR unset) reached mkdir('') as "Unexpected error:
    // ENOENT", exit 1, and `--seeds ""` read the working directory as the articles folder.
    if (token.kind === "option" && token.value === "") throw new UsageError(`${token.rawName} needs a value; it was given an empty one.`);
    if (token.kind !== "option" || options[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once; give it once.`);
    seen.add(token.name);
  }
  const { tokens: _, ...result } = parsed;
  return result;
}

/**
 * What strict parsing refuses in `argv`, the first of it, as one line naming the flag as it was
 * written ("--bogus", "-k"): an unknown flag, one missing its value or given one it does not
 * take, a stray argument. Undefined if none is found (Node's text is then kept).
 */
function argsProblem(argv: string[], options: Options, allowPositionals: boolean): string | undefined {
  // Lenient parsing takes the next argument as a flag's value even when it starts with a dash.
  const { tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind === "positional" && !allowPositionals) return `Unexpected argument "${token.value}": this command takes only the flags below.`;
    if (token.kind !== "option") continue;
    const type = Object.hasOwn(options, token.name) ? options[token.name]?.type : undefined;
    if (type === undefined) return `Unknown option ${token.rawName}.`;
    if (type === "boolean" && token.value !== undefined) return `${token.rawName} takes no value (given "${token.value}").`;
    if (type === "string" && token.value === undefined) return `${token.rawName} needs a value.`;
    if (type === "string" && !token.inlineValue && token.value?.startsWith("-")) {
      return `${token.rawName} needs a value; "${token.value}" after it starts with a dash (if that is its value, write --${token.name}=${token.value}).`;
    }
  }
  return undefined;
}

/** A whole-number flag value within [min, max]; `fallback` when the flag is absent. */
export function integerFlag(name: string, value: string | undefined, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\s*-?\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    const range = max < Number.MAX_SAFE_INTEGER ? `a whole number from ${min} to ${max}` : min === 1 ? "a positive whole number" : `a whole number of at least ${min}`;
    throw new UsageError(`--${name} must be ${range}, got "${value}".`);
  }
  return n;
}

/**
 * A file or folder named by `flag` (its value, or its default) must exist and be of that kind:
 * otherwise an `InputError` (exit 2) naming the flag and the path, before any work starts, not
 * Node's "ENOENT … scandir" from the middle of the run. `what` says what it should be.
 */
export async function requirePath(flag: string, path: string, kind: "file" | "folder", opts: { what?: string; hint?: string } = {}): Promise<void> {
  let problem: string;
  try {
    const info = await stat(path);
    // A file is anything readable but a folder: a pipe too (`--questions <(grep … q.jsonl)`, /dev/stdin).
    if (kind === "folder" ? info.isDirectory() : !info.isDirectory()) return;
    problem = info.isDirectory() ? "it is a folder" : "it is a file";
  } catch (error) {
    problem = pathProblem(error);
  }
  throw new InputError(`${flag} "${path}" is not ${opts.what ?? `a ${kind}`}: ${problem}.${opts.hint ? ` ${opts.hint}` : ""}`);
}

/** What every command does on `-h, --help`: its usage on stdout, and exit code 0. */
export function printUsage(usage: string, io: CliIo): number {
  io.stdout.write(`${usage}\n`);
  return 0;
}

/** What a command reads and writes: the process's own streams and environment, or a test's. */
export interface CliIo {
  env: Record<string, string | undefined>;
  /** `isTTY`, `columns` and `rows` as on a terminal's stream (absent on a pipe). */
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number; rows?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** A command's main function: parses `argv`, does the work, returns the exit code. */
export type CliMain = (argv: string[], io: CliIo) => Promise<number>;

/** The real process's environment and streams. */
export function processIo(): CliIo {
  return { env: process.env, stdout: process.stdout, stderr: process.stderr };
}

/**
 * Runs a command and turns errors into exit codes, the same rule for every command (README,
 * "Exit codes"): 0 success; 2 bad usage or bad input the user named (a flag, its value, a file
 * or folder, the configuration, the question), one line (plus the usage text for usage errors);
 * 1 a run that failed: our other errors with their message, unexpected errors with a short
 * message (stack only when DEBUG is set). With `--json`, a failure
 * also prints one `{"error": …}` line on stdout, so scripts reading the last line see why.
 * Secrets are blanked out of both, as the logger does.
 */
export async function runCommand(main: CliMain, usage: string, argv: string[], io: CliIo): Promise<number> {
  try {
    return await main(argv, io);
  } catch (error) {
    const code = reportCliError(error, usage, io);
    if (argv.includes("--json")) io.stdout.write(`${JSON.stringify({ error: redact(errorMessage(error), io) })}\n`);
    return code;
  }
}

/**
 * Entry-point glue, a no-op unless `moduleUrl` is the script node was started with (so tests
 * can import a command and call its `main`): loads `.env` (see loadEnvFile), runs the command on the process's
 * arguments and streams, and sets the exit code.
 */
export async function runAsEntryPoint(moduleUrl: string, main: CliMain, usage: string, opts: { exitOnFailure?: boolean } = {}): Promise<void> {
  const script = process.argv[1];
  if (!script || pathToFileURL(realPath(resolve(script))).href !== moduleUrl) return;
  const withEnvFile: CliMain = (argv, io) => {
    loadEnvFile();
    return main(argv, io);
  };
  const code = await runCommand(withEnvFile, usage, process.argv.slice(2), processIo());
  // A long-running command (the bot) may hold listeners open: a failure must still end it.
  if (code !== 0 && opts.exitOnFailure) process.exit(code);
  process.exitCode = code;
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `text` without the configured secrets: a failure's message may quote them (a provider
 * echoing the API key it refused, a Bot API error naming the URL with the token in it).
 */
function redact(text: string, io: CliIo): string {
  return redactSecrets(text, secretsOf(io.env));
}

/** Prints a CLI error for a person (secrets blanked out) and returns the exit code. */
export function reportCliError(error: unknown, usage: string, io: CliIo = processIo()): number {
  const write = (text: string) => io.stderr.write(redact(text, io));
  if (error instanceof UsageError) {
    write(`${error.message}\n\n${usage}\n`);
    return 2;
  }
  if (error instanceof AppError) {
    write(`${error.message}\n`);
    // Bad input (a named path, configuration, a question that cannot be asked) exits 2 like bad arguments.
    return error instanceof InputError || error instanceof QuestionError ? 2 : 1;
  }
  write(`Unexpected error: ${errorMessage(error)}\n`);
  if (io.env.DEBUG && error instanceof Error && error.stack) write(`${error.stack}\n`);
  return 1;
}
