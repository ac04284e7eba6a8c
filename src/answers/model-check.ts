// The bot's start-up check of its chat model: nothing else calls the model before the first
// question, so a wrong LLM_MODEL, an OPENAI_BASE_URL without /v1, a rejected key or a server that
// is down would first show at that question, whose user waits for it. One small request, made in
// the background once the bot is up, says it in the log at start.
import type { Logger } from "../shared/logger.js";
import type { ChatModelCalls } from "./provider-pause.js";
import { callFailure } from "./llm-answerer.js";

/** The whole request: one short message any chat model answers in a few tokens. */
export const MODEL_CHECK_PROMPT = "Reply with the word OK.";

export interface ModelCheckDeps {
  /** The model as questions call it (its refusals watched by the provider pause). */
  model: ChatModelCalls;
  /** LLM_MODEL, for the log. */
  name: string;
  /**
   * LLM_TIMEOUT_MS: what a question waits, so "timed out" here means questions will time out too
   * (a shorter bound would call a model slow to load, e.g. Ollama's first request, dead).
   */
  timeoutMs: number;
  /** Whether the provider pause took the failure up: it logged why already, in one line. */
  paused: () => boolean;
  logger: Logger;
}

/**
 * Asks the model once and logs one line: ready (with the time it took), or why not, as a
 * question's fallback would say it. Never rejects; `signal` (the bot stopping) ends it silently.
 */
export async function checkChatModel(deps: ModelCheckDeps, signal: AbortSignal): Promise<void> {
  const { model, name, timeoutMs, logger } = deps;
  const started = Date.now();
  try {
    await model.invoke([["human", MODEL_CHECK_PROMPT]], { signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), signal]) });
    logger.info({ model: name, ms: Date.now() - started }, "the LLM answers: ready");
  } catch (error) {
    if (signal.aborted || deps.paused()) return;
    logger.warn(
      { model: name, ...callFailure(error, timeoutMs), ms: Date.now() - started },
      "the LLM did not answer the start-up check; questions get extractive answers while it fails",
    );
  }
}
