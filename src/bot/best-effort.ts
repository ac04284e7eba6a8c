import type { Logger } from "../shared/logger.js";

/**
 * Runs a bot-state call that an answer must not depend on (stats, the conversation, the vote
 * key, a passage key, a rate limit): a failing state store (the database gone, a statement
 * timing out) is logged and the answer still goes out, without an apology. Resolves to the
 * call's result, or undefined when it failed.
 */
export async function bestEffort<T>(logger: Logger, what: string, write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, `bot state: ${what} failed; going on without it`);
    return undefined;
  }
}
