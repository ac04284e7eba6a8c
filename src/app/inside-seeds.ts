import { relative, resolve } from "node:path";
import type { Config } from "../config/config.js";
import { ConfigError } from "../shared/errors.js";

/** How messages name the folders' settings (a command's flags, e.g. --store and --seeds). */
export interface FolderSettings {
  store?: string;
  seeds?: string;
}

/**
 * Refuses a folder the app writes into inside the articles folder (or the same folder): the index
 * (VECTORSTORE_DIR) and the bot's state (STATE_DIR). Their files were listed with the articles,
 * each write made the index stale again (every start, `ask` and `ingest` rebuilt it), and every
 * start listed them as skipped articles. With DATABASE_URL both live in the database.
 */
export function refuseFoldersInsideSeeds(config: Pick<Config, "seedsDir" | "vectorstoreDir" | "stateDir" | "databaseUrl">, settings: FolderSettings = {}): void {
  if (config.databaseUrl) return;
  const seeds = `${settings.seeds ?? "SEEDS_DIR"} "${config.seedsDir}"`;
  for (const [setting, dir, files] of [
    [settings.store ?? "VECTORSTORE_DIR", config.vectorstoreDir, "the index's files"],
    ["STATE_DIR", config.stateDir, "the bot's state files"],
  ] as const) {
    if (!isInside(config.seedsDir, dir)) continue;
    throw new ConfigError(
      `${setting} "${dir}" is inside the articles folder (${seeds}): ${files} would be read as articles and every run would build the index again. Put it beside that folder.`,
    );
  }
}

/** Whether `dir` is `root` or lies under it. */
function isInside(root: string, dir: string): boolean {
  const path = relative(resolve(root), resolve(dir));
  return !path.startsWith("..") && resolve(path) !== path;
}
