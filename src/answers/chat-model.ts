// Builds the configured LangChain chat model from a "provider:model" string (initChatModel), so
// any provider LangChain supports can be plugged in by configuration alone.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ConfigError } from "../shared/errors.js";
import { chatCompletionFetch } from "./chat-completion-fetch.js";

// Servers such as Ollama or vLLM accept any key, but the OpenAI client refuses to start without one.
const PLACEHOLDER_API_KEY = "not-needed";

/** Which chat model to build: `model` is "provider:model" (LLM_MODEL); a base URL means an OpenAI-compatible server. */
export interface ChatModelOptions {
  model: string | null;
  apiKey: string | null;
  baseUrl: string | null;
  /** The provider's max_tokens: a runaway reply costs bounded time and money (LLM_MAX_TOKENS). */
  maxTokens?: number;
  /**
   * The OpenAI (and Azure OpenAI) client's own per-request timeout (LLM_TIMEOUT_MS): the answerer's
   * deadline aborts the request already; this bounds any call made without it (the client's default is 10 min).
   */
  timeoutMs?: number;
}

/** The chat model named by `LLM_MODEL`, or null when none is configured (extractive answers). */
export async function createChatModel(options: ChatModelOptions): Promise<BaseChatModel | null> {
  const name = options.model?.trim();
  if (!name) return null;
  // Loaded only when an LLM is configured: it costs ~0.4 s of start-up that offline users never need.
  const { MODEL_PROVIDER_CONFIG, initChatModel } = await import("langchain/chat_models/universal");

  const fields: Record<string, unknown> = {
    // Retries would only delay the extractive fallback; the answerer handles failures, and a
    // 429's Retry-After pauses the model for later questions (provider-pause.ts), not this one.
    maxRetries: 0,
  };
  if (options.maxTokens !== undefined) fields["maxTokens"] = options.maxTokens;
  const apiKey = options.apiKey ?? (options.baseUrl ? PLACEHOLDER_API_KEY : null);
  if (apiKey) fields["apiKey"] = apiKey;
  // A server there that is not the chat API may answer 200 all the same (see chat-completion-fetch.ts).
  if (options.baseUrl) fields["configuration"] = { baseURL: options.baseUrl, fetch: chatCompletionFetch() };
  // With a base URL, a model name without a known provider ("llama3.2:3b") means that
  // OpenAI-compatible server.
  const prefix = name.split(":")[0] ?? "";
  if (options.baseUrl && !(prefix in MODEL_PROVIDER_CONFIG && name.includes(":"))) fields["modelProvider"] = "openai";

  const isOpenAi = fields["modelProvider"] === "openai" || prefix === "openai" || /^(gpt-|o\d)/.test(name);
  // OpenAI's reasoning models (o1, o3, o4-mini, gpt-5…) refuse any temperature but their default
  // with a 400: sent, every question would fall back to the extractive answer. So do they on Azure
  // OpenAI ("azure_openai:o4-mini"), and behind a router whose ids name the vendor before a slash
  // ("openai/o3-mini" with a base URL, as OpenRouter's): the model is the id's last path segment.
  const modelId = prefix in MODEL_PROVIDER_CONFIG && name.includes(":") ? name.slice(prefix.length + 1) : name;
  const servesOpenAiModels = isOpenAi || (prefix === "azure_openai" && name.includes(":"));
  if (!(servesOpenAiModels && isReasoningModel(modelId.slice(modelId.lastIndexOf("/") + 1)))) fields["temperature"] = 0;
  // Azure OpenAI's client is the OpenAI one (AzureChatOpenAI reads the same `timeout`): without it,
  // its calls made without the answerer's deadline could wait the client's default 10 minutes.
  if (servesOpenAiModels && options.timeoutMs !== undefined) fields["timeout"] = options.timeoutMs;
  if (isOpenAi && !apiKey) {
    // Fail at startup rather than falling back on every question.
    throw new ConfigError(`LLM_MODEL="${name}" needs OPENAI_API_KEY (or OPENAI_BASE_URL for an OpenAI-compatible server).`);
  }

  const providers = Object.keys(MODEL_PROVIDER_CONFIG);
  const valid =
    `Valid: "provider:model" with provider one of ${providers.join(", ")} (openai works as installed; the others need ` +
    `their @langchain/<provider> package), e.g. "openai:gpt-4.1-mini"; for Ollama, vLLM or LM Studio set OPENAI_BASE_URL ` +
    `and use "openai:<model>"; or leave LLM_MODEL empty for extractive answers.`;
  if (name.includes(":") && !fields["modelProvider"] && !providers.includes(prefix)) {
    throw new ConfigError(`LLM_MODEL="${name}": "${prefix}" is not a provider LangChain knows. ${valid}`);
  }
  try {
    // initChatModel returns a ConfigurableModel, which is a BaseChatModel.
    return (await initChatModel(name, fields)) as unknown as BaseChatModel;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const missing = /Unable to import (@[\w-]+\/[\w-]+)/.exec(message)?.[1];
    const why = missing
      ? `it needs the package ${missing} (npm install ${missing})`
      : /infer model provider/i.test(message)
        ? "it names no provider"
        : `LangChain says: ${(message.split("\n")[0] ?? "").replace(/[.\s]+$/, "")}`;
    throw new ConfigError(`LLM_MODEL="${name}" cannot be used: ${why}. ${valid}`);
  }
}

/**
 * An OpenAI model that takes no temperature of ours: the o-series and gpt-5 (not gpt-5-chat), as
 * @langchain/openai tells them apart (it sends them max_completion_tokens, but the temperature as given).
 */
function isReasoningModel(model: string): boolean {
  return /^o\d/.test(model) || (model.startsWith("gpt-5") && !model.startsWith("gpt-5-chat"));
}
