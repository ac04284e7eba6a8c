import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import dotenv from "dotenv";
import { ConfigError, pathProblem } from "../shared/errors.js";

/**
 * Loads `.env` from the working directory into `env` (what is set there already wins). No file is
 * no error; one that is there but cannot be read is a `ConfigError`: its settings silently missing
 * read as "TELEGRAM_BOT_TOKEN is not set … put it in a .env file", the file the operator wrote.
 * So is a value the file's reading would cut short at a "#" (see `cutAtHash`).
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
  const cut = cutAtHash(readFileSync(path, "utf8"), fromFile);
  if (cut === undefined) return;
  // The value is not shown: it may be a secret (a token, a key, a password).
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
  const wanted = new Set(names);
  // The last definition wins, as in dotenv.
  const cutLast = new Map<string, boolean>();
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const match = /^\s*(?:export\s+)?([\w.-]+)(?:\s*=|:(?=\s))(.*)$/.exec(line);
    if (!match || !wanted.has(match[1]!)) continue;
    const raw = match[2]!;
    const quoted = /^\s*["'`]/.test(raw);
    const hash = raw.indexOf("#");
    cutLast.set(match[1]!, !quoted && hash !== -1 && (hash === 0 || !/\s/.test(raw[hash - 1]!)));
  }
  return names.find((name) => cutLast.get(name));
}
