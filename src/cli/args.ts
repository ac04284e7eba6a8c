import { parseArgs, type ParseArgsConfig } from "node:util";
import { AppError, UsageError } from "../shared/errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses `argv` strictly (flags `--name value`, booleans, positionals when allowed): an unknown
 * flag, a missing value or an unexpected positional throws a `UsageError`.
 */
export function parseCliArgs<const O extends Options, const P extends boolean = false>(
  argv: string[],
  options: O,
  allowPositionals?: P,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: allowPositionals ?? false, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
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
 * Runs a CLI's main function and turns errors into exit codes: usage and config errors exit 2
 * with one line (usage text for usage errors), our other errors exit 1 with their message, and
 * unexpected errors exit 1 with a short message (stack only when DEBUG is set).
 */
export async function runCli(main: () => Promise<number | void>, usage: string): Promise<void> {
  try {
    process.exitCode = (await main()) ?? 0;
  } catch (error) {
    process.exitCode = reportCliError(error, usage);
  }
}

/** Prints a CLI error to stderr for a person and returns the exit code. */
export function reportCliError(error: unknown, usage: string): number {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    return 2;
  }
  if (error instanceof AppError) {
    process.stderr.write(`${error.message}\n`);
    return error.name === "ConfigError" ? 2 : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Unexpected error: ${message}\n`);
  if (process.env.DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 1;
}
