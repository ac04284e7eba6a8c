import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Embedder } from "../embeddings/create-embedder.js";
import { rootCause } from "../shared/error-cause.js";
import { AppError } from "../shared/errors.js";
import { redactSecrets } from "../shared/logger.js";

/**
 * Wraps a remote embedder so a failure (server down, wrong URL, bad key, unknown model) reaches
 * a person as what failed and what to do, not as the client's bare "Connection error.": what the
 * network said under it is added (see rootCause). The server's own words are quoted without the
 * API key: a server refusing it may echo it, and the message travels on (a re-index's failure is
 * sent to the admin's chat).
 */
export function explainEmbedderErrors(embedder: Embedder, where: { baseUrl: string | null; model: string; apiKey: string | null }): Embedder {
  const server = where.baseUrl ? describeServer(where.baseUrl) : "https://api.openai.com/v1";
  const explain = (error: unknown): never => {
    if (error instanceof AppError) throw error;
    const cause = rootCause(error);
    const said = firstLine(error instanceof Error ? error.message : String(error)) + (cause ? `: ${firstLine(cause)}` : "");
    const reason = redactSecrets(said, [where.apiKey]);
    throw new AppError(
      `The embeddings server at ${server} (model "${where.model}") failed: ${reason}. ` +
        (statusOf(error) === 404 ? NOT_FOUND_ADVICE : "Check that it is running and reachable (OPENAI_BASE_URL), that OPENAI_API_KEY and EMBEDDINGS_MODEL are right, ") +
        "or set EMBEDDINGS_PROVIDER=local to embed offline (then run npm run ingest).",
    );
  };
  const inner = embedder.embeddings;
  const embeddings: EmbeddingsInterface = {
    embedDocuments: (texts) => inner.embedDocuments(texts).catch(explain),
    embedQuery: (text) => inner.embedQuery(text).catch(explain),
  };
  const { embedQuery } = embedder;
  return { id: embedder.id, embeddings, ...(embedQuery ? { embedQuery: (text: string, signal: AbortSignal) => embedQuery(text, signal).catch(explain) } : {}) };
}

// A 404 is the server's for the path or for the model: Ollama, vLLM and LM Studio serve the API
// under /v1 only (every request to a base URL without it gets "404 page not found"), and Ollama
// answers a model not pulled with 404 too. The server runs: "check that it is running" misleads.
const NOT_FOUND_ADVICE =
  "It has no model named EMBEDDINGS_MODEL (Ollama: ollama pull <model>), or OPENAI_BASE_URL is not the address of its API " +
  "(OpenAI-compatible servers serve it under /v1, e.g. http://localhost:11434/v1); ";

/** The HTTP status of a client's error (the OpenAI client's APIError carries `status`). */
function statusOf(error: unknown): unknown {
  return typeof error === "object" && error !== null && "status" in error ? error.status : undefined;
}

/** The first line of an error's words, without its closing full stop (the message adds its own). */
function firstLine(text: string): string {
  return text.split("\n")[0]!.replace(/[.\s]+$/, "");
}

/** The server's URL without what may be a secret in it: a user and password, a query string (`?api-key=…`). */
function describeServer(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  } catch {
    return "(OPENAI_BASE_URL)";
  }
}
