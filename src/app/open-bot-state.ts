import { promises as fs } from "node:fs";
import path from "node:path";
import type { Config } from "../config/config.js";
import { explainFolderError } from "../shared/errors.js";
import type { Logger } from "../shared/logger.js";
import type { BotStateStore } from "../state/bot-state-store.js";
import { openFileBotState, STATE_FILE } from "../state/file-bot-state.js";
import { importFileState, MOVED_MARKER, type MovedState } from "../state/postgres/import-file-state.js";
import { openPostgresBotState } from "../state/postgres/postgres-bot-state.js";
import { describeDatabaseUrl } from "../store/postgres/sql-database.js";
import { configuredDatabase } from "./database.js";

/**
 * The bot's state where the configuration says: Postgres when DATABASE_URL is set (in the
 * index's namespace, shared by every instance), else files in STATE_DIR.
 */
export async function openConfiguredBotState(config: Config, logger: Logger): Promise<BotStateStore> {
  if (config.databaseUrl) {
    // State files left from running on files are not read any more: say how to move them.
    const moved = await fs.stat(path.join(config.stateDir, MOVED_MARKER)).then(() => true, () => false);
    const leftover = moved ? null : await Promise.any(
      [path.join(config.stateDir, STATE_FILE), path.join(config.stateDir, "updates", "updates.jsonl")].map((file) => fs.stat(file).then(() => file)),
    ).catch(() => null);
    if (leftover) {
      logger.warn(
        { stateDir: config.stateDir },
        `the bot's state is in the database now; the files in STATE_DIR are not used. To keep them (conversations, /stats, votes, unanswered updates), stop the bot and run: npm run ingest -- --from-state ${config.stateDir}`,
      );
    }
    return openPostgresBotState({
      db: configuredDatabase(config.databaseUrl),
      schema: config.databaseSchema,
      database: describeDatabaseUrl(config.databaseUrl),
      onError: (what, error) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, `bot state: ${what} failed`),
    });
  }
  return openFileBotState(config.stateDir, {
    onSaveError: (error) => logger.warn({ err: error }, "could not save the bot's state (kept in memory)"),
    onWait: (holder) => logger.warn({ stateDir: config.stateDir, holder }, "STATE_DIR is locked by another process; checking whether it is still running (up to 30 s)"),
  }).catch((error: unknown) => {
    throw explainFolderError(error, `The bot's state folder "${config.stateDir}"`, "STATE_DIR");
  });
}

/** Moves the bot's state files in `stateDir` into DATABASE_URL (the bot's namespace); null when there were none. */
export function moveFileStateToDatabase(config: Config & { databaseUrl: string }, stateDir: string): Promise<MovedState | null> {
  return importFileState(stateDir, configuredDatabase(config.databaseUrl), config.databaseSchema);
}
