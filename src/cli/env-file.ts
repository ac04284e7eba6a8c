import { resolve } from "node:path";
import dotenv from "dotenv";
import { ConfigError, pathProblem } from "../shared/errors.js";

/**
 * Loads `.env` from the working directory into `env` (what is set there already wins). No file is
 * no error; one that is there but cannot be read is a `ConfigError`: its settings silently missing
 * read as "TELEGRAM_BOT_TOKEN is not set … put it in a .env file", the file the operator wrote.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env): void {
  const path = resolve(".env");
  const { error } = dotenv.config({ path, processEnv: env, quiet: true });
  if (!error || (error as NodeJS.ErrnoException).code === "ENOENT") return;
  throw new ConfigError(`Could not read ${path}: ${pathProblem(error)}. Make it a file readable by this user, or remove it.`);
}
