import { promises as fs } from "node:fs";
import path from "node:path";
import type { Config } from "../config/config.js";
import { explainFolderError } from "../shared/errors.js";
import type { Logger } from "../shared/logger.js";
import type { BotStateStore } from "../state/bot-state-store.js";
import { openFileBotState, STATE_FILE } from "../state/file-bot-state.js";
import { importFileState, MOVED_MARKER, type MovedState } from "../state/postgres/import-file-state.js";
import { openPostgresBotState } from "../state/postgres/postgres-bot-state.js";
import { lockStateFolder } from "../state/state-folder-lock.js";
import { describeDatabaseUrl } from "../store/postgres/sql-database.js";
import { configuredDatabase, MIGRATION_TIMEOUT_MS } from "./database.js";

/**
 * How long one statement of the bot's state waits for the database's answer (the update log's
 * claims, done marks and lease renewals, conversations, votes, stats, rate limits, pruning). A
 * database gone silent (a network cut, a failover: the connection open, nothing coming back)
 * otherwise held the statement, and with it the update's handler, until TCP keep-alive gave the
 * connection up (minutes). Past the limit the statement fails with a DatabaseTimeoutError: the
 * handler logs it and goes on as when the database is down (src/bot/best-effort.ts), and a claim
 * that failed is not confirmed to Telegram, which delivers the update again.
 *
 * Client-side (pg's query_timeout, see PgDatabase.withTimeout), not a server statement_timeout:
 * a silent server never reports its own timeout, and index builds on the same pool run long
 * statements that must not be cut. Not a bare Promise deadline either: that leaves the statement
 * holding its pool connection until keep-alive ends it (four of them and the pool is empty),
 * whereas pg's timeout lets the pool close the connection at once.
 */
export const STATE_STATEMENT_TIMEOUT_MS = 10_000;

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
    const db = configuredDatabase(config.databaseUrl);
    return openPostgresBotState({
      db: db.withTimeout(STATE_STATEMENT_TIMEOUT_MS),
      migrations: db.withTimeout(MIGRATION_TIMEOUT_MS),
      schema: config.databaseSchema,
      database: describeDatabaseUrl(config.databaseUrl),
      onError: (what, error) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, `bot state: ${what} failed`),
      onLeaseLost: (updateId, at) =>
        at === "renewal"
          ? logger.warn({ updateId }, "another instance took over an update being answered here (its lease here ran out); it answers it, nothing more is sent for it from here")
          : logger.warn({ updateId }, "an update was answered here after another instance took it over (its lease here had run out); it may have been answered twice"),
    });
  }
  return openFileBotState(config.stateDir, {
    onSaveError: (error) => logger.warn({ err: error }, "could not save the bot's state (kept in memory)"),
    onWait: waitNotice(logger, config.stateDir),
    // The reason quotes nothing of the file: it holds users' questions (JSON.parse's message would).
    onDamaged: (file, keptAs, reason) => logger.warn({ file, keptAs, reason }, "a bot state file could not be read; starting without what it held (the file is kept)"),
  }).catch((error: unknown) => {
    throw explainFolderError(error, `The bot's state folder "${config.stateDir}"`, "STATE_DIR");
  });
}

/** Moving the bot's state files into the database (`npm run ingest -- --from-state DIR`). */
export interface StateMove {
  /** Moves them; null when the folder holds none. */
  move(): Promise<MovedState | null>;
  release(): Promise<void>;
}

/**
 * Takes `stateDir`'s lock for a move into DATABASE_URL (the bot's namespace), before anything
 * else is done: a bot still running on these files would go on writing them after the move, so
 * the command is refused at once rather than after the index build.
 */
export async function beginStateMove(config: Config & { databaseUrl: string }, stateDir: string, logger: Logger): Promise<StateMove> {
  const isFolder = await fs.stat(stateDir).then((s) => s.isDirectory(), () => false);
  if (!isFolder) return { move: async () => null, release: async () => {} };
  const release = await lockStateFolder(stateDir, waitNotice(logger, stateDir), "stop the bot before moving its state").catch((error: unknown) => {
    throw explainFolderError(error, `The bot's state folder "${stateDir}"`, "--from-state");
  });
  const db = configuredDatabase(config.databaseUrl);
  return { move: () => importFileState(stateDir, db, config.databaseSchema, db.withTimeout(MIGRATION_TIMEOUT_MS)), release };
}

function waitNotice(logger: Logger, stateDir: string): (holder: string) => void {
  return (holder) => logger.warn({ stateDir, holder }, "STATE_DIR is locked by another process; checking whether it is still running (up to 30 s)");
}
