// A question's embedding from a remote (OpenAI-compatible) server, its HTTP request tied to the
// caller's deadline: when the signal aborts, the request is aborted (its socket closed), not left
// running in the background, and no retry starts. LangChain's embedQuery takes no signal, so each
// question gets its own client whose fetch carries the signal (a client is cheap to build; the
// connections are Node's shared pool).
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { setTimeout as delay } from "node:timers/promises";

/** Times a question's embedding is asked again after a failure that may pass (5xx, 429, a dropped connection). */
export const QUERY_EMBEDDING_RETRIES = 1;
/** Pause before that retry. */
const RETRY_DELAY_MS = 500;

/** Builds an embeddings client (no retries of its own) whose requests go through `fetch`. */
export type QueryClientFactory = (fetch: typeof globalThis.fetch) => Pick<EmbeddingsInterface, "embedQuery">;

/** `embedQuery(text, signal)`: at most 1 + QUERY_EMBEDDING_RETRIES requests, each aborted with `signal`. */
export function signalledQueryEmbedding(client: QueryClientFactory): (text: string, signal: AbortSignal) => Promise<number[]> {
  return async (text, signal) => {
    const embeddings = client((input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }));
    for (let attempt = 0; ; attempt++) {
      try {
        signal.throwIfAborted();
        return await embeddings.embedQuery(text);
      } catch (error) {
        if (signal.aborted || attempt >= QUERY_EMBEDDING_RETRIES || !mayPass(error)) throw error;
        await delay(RETRY_DELAY_MS, undefined, { signal });
      }
    }
  };
}

/** A failure worth one more try: the server busy or failing, or the connection lost; not a refusal (4xx). */
function mayPass(error: unknown): boolean {
  if (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError")) return false;
  const status = typeof error === "object" && error !== null && "status" in error ? (error as { status: unknown }).status : undefined;
  if (typeof status !== "number") return true;
  return status === 408 || status === 429 || status >= 500;
}
