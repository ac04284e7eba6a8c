import type { Config } from "../config/config.js";
import type { Logger } from "../shared/logger.js";
import type { BotStateStore } from "../state/bot-state-store.js";
import { openFileBotState } from "../state/file-bot-state.js";
import { importFileState, type MovedState } from "../state/postgres/import-file-state.js";
import { openPostgresBotState } from "../state/postgres/postgres-bot-state.js";
import { describeDatabaseUrl } from "../store/postgres/sql-database.js";
import { configuredDatabase } from "./database.js";

/**
 * The bot's state where the configuration says: Postgres when DATABASE_URL is set (in the
 * index's namespace, shared by every instance), else files in STATE_DIR.
 */
export async function openConfiguredBotState(config: Config, logger: Logger): Promise<BotStateStore> {
  if (config.databaseUrl) {
    return openPostgresBotState({
      db: configuredDatabase(config.databaseUrl),
      schema: config.databaseSchema,
      database: describeDatabaseUrl(config.databaseUrl),
      onError: (what, error) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, `bot state: ${what} failed`),
    });
  }
  return openFileBotState(config.stateDir, {
    onSaveError: (error) => logger.warn({ err: error }, "could not save the bot's state (kept in memory)"),
  });
}

/** Moves the bot's state files in `stateDir` into DATABASE_URL (the bot's namespace); null when there were none. */
export function moveFileStateToDatabase(config: Config & { databaseUrl: string }, stateDir: string): Promise<MovedState | null> {
  return importFileState(stateDir, configuredDatabase(config.databaseUrl), config.databaseSchema);
}
