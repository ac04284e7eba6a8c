import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { ConfigError } from "../shared/errors.js";
import { LocalHashEmbeddings } from "./local-embeddings.js";
import { signalledQueryEmbedding } from "./openai-query-embedding.js";

/** An embeddings model plus the id that names its vector space (stored in manifests and caches). */
export interface Embedder {
  /** e.g. `local-hash-v1:512` or `openai:text-embedding-3-small`. */
  id: string;
  embeddings: EmbeddingsInterface;
  /**
   * A question's embedding whose request `signal` aborts (remote embedders: a question's deadline
   * then closes the request); without it, `embeddings.embedQuery` is raced against the deadline.
   */
  embedQuery?: (text: string, signal: AbortSignal) => Promise<number[]>;
}

export type EmbeddingsProvider = "local" | "openai";

/** Which embedder to build; `model`, `apiKey` and `baseUrl` matter for `openai` only. */
export interface EmbedderOptions {
  provider: EmbeddingsProvider;
  model: string;
  apiKey: string | null;
  baseUrl: string | null;
  /** Longest wait for one remote request (default DOCUMENT_REQUEST_TIMEOUT_MS; tests shorten it). */
  requestTimeoutMs?: number;
}

/**
 * Remote document embedding (ingest, re-index): chunks sent DOCUMENT_BATCH at a time, each request
 * given DOCUMENT_REQUEST_TIMEOUT_MS and tried 1 + DOCUMENT_RETRIES times (LangChain's backoff of
 * 1–2 s, then 2–4 s; a 4xx refusal is not retried). A server that never answers fails the build
 * in about 6 minutes instead of hanging it (the client's default is 10 minutes a try).
 */
export const DOCUMENT_BATCH = 64;
export const DOCUMENT_REQUEST_TIMEOUT_MS = 120_000;
export const DOCUMENT_RETRIES = 2;

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
  const client = (maxRetries: number, fetch?: typeof globalThis.fetch) =>
    new OpenAIEmbeddings({
      model: options.model,
      // Local OpenAI-compatible servers ignore the key, but the client refuses to start without one.
      apiKey: options.apiKey ?? "not-needed",
      maxRetries,
      timeout: options.requestTimeoutMs ?? DOCUMENT_REQUEST_TIMEOUT_MS,
      batchSize: DOCUMENT_BATCH,
      configuration: { ...(options.baseUrl ? { baseURL: options.baseUrl } : {}), ...(fetch ? { fetch } : {}) },
    });
  const embeddings = client(DOCUMENT_RETRIES);
  // A question's embedding retries on its own terms (openai-query-embedding.ts), within its deadline.
  const embedQuery = signalledQueryEmbedding((fetch) => client(0, fetch));
  return { id: `openai:${options.model}`, embeddings, embedQuery };
}
