import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { ConfigError } from "../shared/errors.js";
import { LocalHashEmbeddings } from "./local-embeddings.js";

/** An embeddings model plus the id that names its vector space (stored in manifests and caches). */
export interface Embedder {
  /** e.g. `local-hash-v1:512` or `openai:text-embedding-3-small`. */
  id: string;
  embeddings: EmbeddingsInterface;
}

export type EmbeddingsProvider = "local" | "openai";

/** Which embedder to build; `model`, `apiKey` and `baseUrl` matter for `openai` only. */
export interface EmbedderOptions {
  provider: EmbeddingsProvider;
  model: string;
  apiKey: string | null;
  baseUrl: string | null;
}

/** Builds an embedder: `local` (offline hashing) or `openai` (any OpenAI-compatible server). */
export async function createEmbedder(options: EmbedderOptions): Promise<Embedder> {
  if (options.provider === "local") {
    const embeddings = new LocalHashEmbeddings();
    return { id: embeddings.id, embeddings };
  }
  if (!options.apiKey && !options.baseUrl) {
    throw new ConfigError(
      "EMBEDDINGS_PROVIDER=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server such as Ollama); or set EMBEDDINGS_PROVIDER=local.",
    );
  }
  // Loaded only for this provider: importing the OpenAI client costs ~0.9 s of every start-up.
  const { OpenAIEmbeddings } = await import("@langchain/openai");
  const embeddings = new OpenAIEmbeddings({
    model: options.model,
    // Local OpenAI-compatible servers ignore the key, but the client refuses to start without one.
    apiKey: options.apiKey ?? "not-needed",
    maxRetries: 2,
    ...(options.baseUrl ? { configuration: { baseURL: options.baseUrl } } : {}),
  });
  return { id: `openai:${options.model}`, embeddings };
}
