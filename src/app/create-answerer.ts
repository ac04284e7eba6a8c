import type { Answerer } from "../answers/answer.js";
import { createChatModel } from "../answers/chat-model.js";
import { createExtractiveAnswerer } from "../answers/extractive-answerer.js";
import { createLlmAnswerer } from "../answers/llm-answerer.js";
import { createProviderPause } from "../answers/provider-pause.js";
import type { Config } from "../config/config.js";
import type { Logger } from "../shared/logger.js";

/**
 * The configured answerer: an LLM when LLM_MODEL is set (extractive as its fallback, and while the
 * provider has asked for a pause or rejected the key: provider-pause.ts), else extractive.
 */
export async function createAnswerer(
  config: Pick<Config, "llmModel" | "llmTimeoutMs" | "llmMaxTokens" | "openaiApiKey" | "openaiBaseUrl">,
  logger: Logger,
  now?: () => number,
): Promise<Answerer> {
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
  const llm = createLlmAnswerer({ model: pause.watch(model), timeoutMs: config.llmTimeoutMs, fallback: extractive, logger });
  return {
    mode: llm.mode,
    answer: (question, passages, context) => (pause.active() ? extractive.answer(question, passages, context) : llm.answer(question, passages, context)),
  };
}
