import { relative, resolve } from "node:path";
import type { Config } from "../config/config.js";
import { ConfigError } from "../shared/errors.js";

/**
 * Refuses an index folder inside the articles folder (or the same folder): the index's own files
 * were listed with the articles, each build's new ones made the index stale again (every start,
 * `ask` and `ingest` rebuilt it), and every start listed them as skipped articles.
 */
export function refuseStoreInsideSeeds(config: Pick<Config, "seedsDir" | "vectorstoreDir" | "databaseUrl">, settings: { store?: string; seeds?: string } = {}): void {
  if (config.databaseUrl) return;
  const path = relative(resolve(config.seedsDir), resolve(config.vectorstoreDir));
  if (path.startsWith("..") || resolve(path) === path) return;
  throw new ConfigError(
    `${settings.store ?? "VECTORSTORE_DIR"} "${config.vectorstoreDir}" is inside the articles folder (${settings.seeds ?? "SEEDS_DIR"} "${config.seedsDir}"): the index's files would be read as articles and every run would build the index again. Put it beside that folder.`,
  );
}
