import type { Answerer } from "../answers/answer.js";
import { createChatModel } from "../answers/chat-model.js";
import { createExtractiveAnswerer } from "../answers/extractive-answerer.js";
import { createLlmAnswerer } from "../answers/llm-answerer.js";
import type { Config } from "../config/config.js";
import type { Logger } from "../shared/logger.js";

/** The configured answerer: an LLM when LLM_MODEL is set (extractive as its fallback), else extractive. */
export async function createAnswerer(
  config: Pick<Config, "llmModel" | "llmTimeoutMs" | "llmMaxTokens" | "openaiApiKey" | "openaiBaseUrl">,
  logger: Logger,
): Promise<Answerer> {
  const extractive = createExtractiveAnswerer();
  const model = await createChatModel({
    model: config.llmModel,
    apiKey: config.openaiApiKey,
    baseUrl: config.openaiBaseUrl,
    maxTokens: config.llmMaxTokens,
  });
  if (!model) return extractive;
  logger.info({ model: config.llmModel }, "answering with an LLM (extractive fallback)");
  return createLlmAnswerer({ model, timeoutMs: config.llmTimeoutMs, fallback: extractive, logger });
}
