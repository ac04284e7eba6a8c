import type { Answerer } from "../answers/answer.js";
import { createChatModel } from "../answers/chat-model.js";
import { createExtractiveAnswerer } from "../answers/extractive-answerer.js";
import { createLlmAnswerer } from "../answers/llm-answerer.js";
import { checkChatModel } from "../answers/model-check.js";
import { createProviderPause } from "../answers/provider-pause.js";
import type { Config } from "../config/config.js";
import type { Logger } from "../shared/logger.js";

/** An answerer that may check its model: the bot's start does (model-check.ts), `npm run ask` does not. */
export type CheckedAnswerer = Answerer & { checkModel?: (signal: AbortSignal) => Promise<void> };

/**
 * The configured answerer: an LLM when LLM_MODEL is set (extractive as its fallback, and while the
 * provider has asked for a pause or rejected the key: provider-pause.ts), else extractive.
 */
export async function createAnswerer(
  config: Pick<Config, "llmModel" | "llmTimeoutMs" | "llmMaxTokens" | "openaiApiKey" | "openaiBaseUrl">,
  logger: Logger,
  now?: () => number,
): Promise<CheckedAnswerer> {
  const extractive = createExtractiveAnswerer();
  const model = await createChatModel({
    model: config.llmModel,
    apiKey: config.openaiApiKey,
    baseUrl: config.openaiBaseUrl,
    maxTokens: config.llmMaxTokens,
    timeoutMs: config.llmTimeoutMs,
  });
  if (!model) return extractive;
  logger.info({ model: config.llmModel }, "answering with an LLM (extractive fallback)");
  const pause = createProviderPause(logger, now);
  const watched = pause.watch(model);
  const llm = createLlmAnswerer({ model: watched, timeoutMs: config.llmTimeoutMs, fallback: extractive, logger });
  const check = { model: watched, name: config.llmModel ?? "", timeoutMs: config.llmTimeoutMs, paused: () => pause.active(), logger };
  return {
    mode: llm.mode,
    answer: (question, passages, context) => (pause.active() ? extractive.answer(question, passages, context) : llm.answer(question, passages, context)),
    checkModel: (signal) => checkChatModel(check, signal),
  };
}
