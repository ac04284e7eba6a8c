// When the chat model's provider says "not now" (a 429 or 503 with Retry-After), "not with this
// key" (401, 403) or "no such thing here" (404: a model not pulled, or a base URL without /v1),
// calling it again on the next question only costs that question the wait for a refusal, and the
// provider another hit. The model is then skipped for a while (answers are extractive), with one
// log line when the pause starts and one when it ends; a setting to fix is logged as an error, once
// per AUTH_PAUSE_MS, not once per question.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { IterableReadableStream } from "@langchain/core/utils/stream";
import type { Logger } from "../shared/logger.js";

/** Longest pause a Retry-After may ask for: a provider's "come back tomorrow" is not taken as is. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;
/** After a 401, 403 or 404, how long until the model is tried again (and the error logged again). */
export const AUTH_PAUSE_MS = 5 * 60_000;

/** What the LLM answerer calls on the model. */
export type ChatModelCalls = Pick<BaseChatModel, "invoke"> & Partial<Pick<BaseChatModel, "stream">>;

export interface ProviderPause {
  /** `model`, its failures watched: a refusal as above starts a pause. */
  watch(model: ChatModelCalls): ChatModelCalls;
  /** Whether the model is to be skipped now; the first call after a pause logs its end. */
  active(): boolean;
}

/**
 * Refusals no later question gets past until the operator changes a setting, and what to check.
 * A 404 is the server's for the chat path or for the model: Ollama, vLLM and LM Studio serve the
 * API under /v1 only, and Ollama answers a model not pulled with 404 too.
 */
const SETTING_TO_FIX: Record<number, { reason: string; message: string }> = {
  401: { reason: "key rejected", message: "the LLM provider rejected the API key (check OPENAI_API_KEY, or the provider's own key variable)" },
  403: {
    reason: "request refused",
    message: "the LLM provider refused the request (403: the key may not use LLM_MODEL, or not from this region; check the key's access)",
  },
  404: {
    reason: "model or address not found",
    message:
      "the LLM provider answered 404: it has no model named LLM_MODEL (Ollama: ollama pull <model>), or OPENAI_BASE_URL is not the address of its API (OpenAI-compatible servers serve it under /v1, e.g. http://localhost:11434/v1)",
  },
};

/** `now` is milliseconds since the epoch (tests move it). */
export function createProviderPause(logger: Logger, now: () => number = Date.now): ProviderPause {
  let until = 0;
  let reason = "";

  const pause = (ms: number, why: string): void => {
    until = now() + ms;
    reason = why;
  };

  const observe = (error: unknown): void => {
    if (now() < until) return; // already paused (questions that were in flight): logged once
    const status = statusOf(error);
    const setting = status === undefined ? undefined : SETTING_TO_FIX[status];
    if (setting) {
      pause(AUTH_PAUSE_MS, setting.reason);
      logger.error(
        { status, err: error instanceof Error ? error.message : String(error), retryInMinutes: AUTH_PAUSE_MS / 60_000 },
        `${setting.message}; answers are extractive, the model is tried again after the pause`,
      );
      return;
    }
    if (status !== 429 && status !== 503) return;
    const waitMs = retryAfterMs(headerOf(error, "retry-after"), now());
    if (waitMs === null || waitMs <= 0) return;
    const ms = Math.min(waitMs, MAX_RETRY_AFTER_MS);
    pause(ms, `${status} with Retry-After`);
    logger.warn(
      { status, retryAfterSeconds: Math.round(ms / 1000), until: new Date(until).toISOString() },
      "the LLM provider asked to wait; answering extractively until then",
    );
  };

  const watched = <T>(promise: Promise<T>): Promise<T> =>
    promise.catch((error: unknown) => {
      observe(error);
      throw error;
    });

  return {
    watch(model) {
      const stream = model.stream?.bind(model);
      return {
        invoke: (input, options) => watched(model.invoke(input, options)),
        ...(stream
          ? {
              stream: async (input, options) => {
                const chunks = await watched(stream(input, options));
                return IterableReadableStream.fromAsyncGenerator(
                  (async function* () {
                    try {
                      yield* chunks;
                    } catch (error) {
                      observe(error);
                      throw error;
                    }
                  })(),
                );
              },
            }
          : {}),
      };
    },
    active() {
      if (until === 0) return false;
      if (now() < until) return true;
      logger.info({ after: reason }, "the LLM provider's pause is over; asking the model again");
      until = 0;
      return false;
    },
  };
}

/**
 * Milliseconds a Retry-After header asks for: whole or decimal seconds ("30") or an HTTP date
 * ("Wed, 21 Oct 2026 07:28:00 GMT"); null when absent or unreadable.
 */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its day and month ("-5" or "2030" would otherwise parse as years).
  const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? null : date - nowMs;
}

/** The HTTP status of a provider's error (the OpenAI client's APIError and most others carry `status`). */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const status = (error as { status?: unknown; response?: { status?: unknown } }).status ?? (error as { response?: { status?: unknown } }).response?.status;
  return typeof status === "number" ? status : undefined;
}

/** A response header of a provider's error: `headers` as a Headers object or a plain record. */
function headerOf(error: unknown, name: string): string | null {
  if (typeof error !== "object" || error === null) return null;
  const headers = (error as { headers?: unknown; response?: { headers?: unknown } }).headers ?? (error as { response?: { headers?: unknown } }).response?.headers;
  if (!headers || typeof headers !== "object") return null;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  const record = headers as Record<string, unknown>;
  const value = Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1];
  return typeof value === "string" ? value : null;
}
