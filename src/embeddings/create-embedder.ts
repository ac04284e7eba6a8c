import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Config } from "../config/config.js";
import { ConfigError } from "../shared/errors.js";
import { LocalHashEmbeddings } from "./local-embeddings.js";

/** An embeddings model plus the id that names its vector space (stored in manifests and caches). */
export interface Embedder {
  /** e.g. `local-hash-v1:512` or `openai:text-embedding-3-small`. */
  id: string;
  embeddings: EmbeddingsInterface;
}

export type EmbedderConfig = Pick<Config, "embeddingsProvider" | "embeddingsModel" | "openaiApiKey" | "openaiBaseUrl">;

/** Builds the configured embedder: `local` (offline hashing) or `openai` (any OpenAI-compatible server). */
export async function createEmbedder(config: EmbedderConfig): Promise<Embedder> {
  if (config.embeddingsProvider === "local") {
    const embeddings = new LocalHashEmbeddings();
    return { id: embeddings.id, embeddings };
  }
  if (!config.openaiApiKey && !config.openaiBaseUrl) {
    throw new ConfigError(
      "EMBEDDINGS_PROVIDER=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server such as Ollama); or set EMBEDDINGS_PROVIDER=local.",
    );
  }
  // Loaded only for this provider: importing the OpenAI client costs ~0.9 s of every start-up.
  const { OpenAIEmbeddings } = await import("@langchain/openai");
  const embeddings = new OpenAIEmbeddings({
    model: config.embeddingsModel,
    // Local OpenAI-compatible servers ignore the key, but the client refuses to start without one.
    apiKey: config.openaiApiKey ?? "not-needed",
    maxRetries: 2,
    ...(config.openaiBaseUrl ? { configuration: { baseURL: config.openaiBaseUrl } } : {}),
  });
  return { id: `openai:${config.embeddingsModel}`, embeddings };
}
