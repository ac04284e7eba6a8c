import { realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
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
      `${setting} "${dir}" is inside the articles folder (${seeds}): ${files} would be read as articles and every run would build the index again. Put it beside that folder, or in a hidden folder inside it (a name starting with a dot).`,
    );
  }
}

/**
 * Whether `dir` is `root` or lies under it where the article listing looks, as written or once
 * symbolic links are followed: SEEDS_DIR=/srv/articles-link and VECTORSTORE_DIR=/srv/articles/index
 * name the same folder, as do two paths through a linked parent. Compared as written only, such a
 * folder got past the check. A hidden folder on the way (`seeds/.index`) is taken: the listing
 * never enters hidden entries (list-article-files.ts), nor do uploads or /remove, so its files are
 * neither articles nor a change to the index.
 */
function isInside(root: string, dir: string): boolean {
  return listedUnder(resolve(root), resolve(dir)) || listedUnder(realPath(root), realPath(dir));
}

function listedUnder(root: string, dir: string): boolean {
  const path = relative(root, dir);
  // "..x" is a name inside; only ".." itself, or a path starting with it, leads out.
  if (path === ".." || path.startsWith(`..${sep}`) || isAbsolute(path)) return false;
  return !path.split(sep).some((part) => part.startsWith("."));
}

/** `dir` with its links followed; a folder not made yet: its nearest existing parent's real path and the rest. */
function realPath(dir: string): string {
  const full = resolve(dir);
  try {
    return realpathSync(full);
  } catch {
    const parent = dirname(full);
    return parent === full ? full : join(realPath(parent), basename(full));
  }
}
