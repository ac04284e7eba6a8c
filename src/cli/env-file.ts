import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import dotenv from "dotenv";
import { ConfigError, pathProblem } from "../shared/errors.js";

/**
 * Loads `.env` from the working directory into `env` (what is set there already wins). No file is
 * no error; one that is there but cannot be read is a `ConfigError`: its settings silently missing
 * read as "TELEGRAM_BOT_TOKEN is not set … put it in a .env file", the file the operator wrote.
 * So is a value the file's reading would cut short at a "#" (see `cutAtHash`), or one whose opening
 * quote is not closed (see `unclosedQuote`).
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env, path = resolve(".env")): void {
  const before = { ...env };
  const { parsed, error } = dotenv.config({ path, processEnv: env, quiet: true });
  if (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw new ConfigError(`Could not read ${path}: ${pathProblem(error)}. Make it a file readable by this user, or remove it.`);
  }
  // Only the values taken from the file: one set in the environment was not read from it.
  const fromFile = Object.keys(parsed ?? {}).filter((name) => !(name in before) || env[name] !== before[name]);
  if (fromFile.length === 0) return;
  const text = readFileSync(path, "utf8");
  // The value is not shown: it may be a secret (a token, a key, a password).
  const open = unclosedQuote(text, parsed ?? {}, fromFile);
  if (open !== undefined) {
    throw new ConfigError(
      `${open.name} in ${path} has a value that opens with ${open.quote} and does not end with one, so .env reading kept the ${open.quote} as part of the value${open.hash ? ` and cut the value at its "#"` : ""}: end the value with the same quote (${open.name}=${open.quote}…${open.quote}).`,
    );
  }
  const cut = cutAtHash(text, fromFile);
  if (cut === undefined) return;
  throw new ConfigError(
    `${cut} in ${path} has a "#" in its value with no space before it, and .env reading takes a "#" for the start of a comment, so the value was cut there: put the value in quotes (${cut}="…")${cut === "DATABASE_URL" ? `, or write the password's "#" as %23` : ""}.`,
  );
}

/**
 * The first of `names` whose value in the .env text `text` is cut short at a "#": dotenv ends an
 * unquoted value at any "#" (`DATABASE_URL=postgres://bot:pa#ss@db/x` reads as
 * "postgres://bot:pa", a token or key holding "#" is shortened without a word). A "#" after a
 * space (`ADMIN_IDS=1 # me`) is a comment, as compose reads it too; one inside the value
 * (`pa#ss`, `=#x`) is the value's own, which compose and `docker run --env-file` keep.
 */
export function cutAtHash(text: string, names: readonly string[]): string | undefined {
  const raws = lastDefinitions(text, names);
  return names.find((name) => {
    const raw = raws.get(name);
    if (raw === undefined || /^\s*["'`]/.test(raw)) return false;
    const hash = raw.indexOf("#");
    return hash !== -1 && (hash === 0 || !/\s/.test(raw[hash - 1]!));
  });
}

/**
 * The first of `names` whose value in the .env text `text` opens with a quote that dotenv did not
 * take as closed (`parsed`, what it read): `KEY="abc#def` with no closing quote reads as `"abc`,
 * the quote kept and the value cut at the "#"; `KEY="abc` reads as `"abc`; `KEY="ab"c` as
 * `"ab"c`. A value dotenv took the quotes off cannot start with the quote that opened it (the
 * quoted part holds it only escaped), so one that does was not read as quoted; a value quoted over
 * several lines (`KEY="a⏎b"`) is read whole and is no concern here.
 */
export function unclosedQuote(
  text: string,
  parsed: Readonly<Record<string, string>>,
  names: readonly string[],
): { name: string; quote: string; hash: boolean } | undefined {
  const raws = lastDefinitions(text, names);
  for (const name of names) {
    const raw = raws.get(name)?.trimStart();
    const quote = raw?.[0];
    if (raw === undefined || quote === undefined || !"\"'`".includes(quote)) continue;
    if (parsed[name]?.startsWith(quote)) return { name, quote, hash: raw.includes("#") };
  }
  return undefined;
}

/** What follows the "=" on the line that last sets each of `names` in `text` (the last wins, as in dotenv). */
function lastDefinitions(text: string, names: readonly string[]): Map<string, string> {
  const wanted = new Set(names);
  const raws = new Map<string, string>();
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const match = /^\s*(?:export\s+)?([\w.-]+)(?:\s*=|:(?=\s))(.*)$/.exec(line);
    if (match && wanted.has(match[1]!)) raws.set(match[1]!, match[2]!);
  }
  return raws;
}
