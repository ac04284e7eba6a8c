import type { Logger } from "../shared/logger.js";

/**
 * Runs a bot-state write that an answer must not depend on (stats, the conversation, the vote
 * key, a passage key): once the answer is computed, a failing state store (the database gone,
 * a statement timing out) is logged and the answer still goes out, without an apology after
 * it. Resolves to the write's result, or undefined when it failed.
 */
export async function bestEffort<T>(logger: Logger, what: string, write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, `bot state: ${what} failed; the answer is sent without it`);
    return undefined;
  }
}
