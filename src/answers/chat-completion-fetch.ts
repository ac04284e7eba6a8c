// A server that is not the chat API it was taken for may still answer 200: LM Studio answers a
// path it does not serve (an OPENAI_BASE_URL without /v1) with 200 and {"error":"Unexpected
// endpoint or method. (POST /chat/completions)"}, a web server or a UI with its page. The OpenAI
// client then fails with "Cannot read properties of undefined (reading 'message')", or, streamed,
// reads no piece at all and the reply is empty: nothing in the log says what to fix. The chat
// model's fetch turns such a reply into an error that says it.
import { AppError } from "../shared/errors.js";
import { cutUnits } from "../texts/cut-units.js";

/** A 2xx answer to a chat completion request that holds none (see the file comment). */
export class NotChatCompletionError extends AppError {
  override name = "NotChatCompletionError";
}

/** Most characters of the server's body quoted in the error: enough for its own words. */
const BODY_EXCERPT_CHARS = 100;

/**
 * `base` (the global fetch), refusing a successful answer to a chat completion request that is a
 * web page, or JSON without `choices`, with a NotChatCompletionError. Other answers pass as they are.
 */
export function chatCompletionFetch(base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.ok || !isChatCompletions(input)) return response;
    const type = response.headers.get("content-type") ?? "";
    const page = /\btext\/html\b/i.test(type);
    if (!page && !/\bjson\b/i.test(type)) return response;
    const body = await response.clone().text();
    if (!page && hasChoices(body)) return response;
    throw new NotChatCompletionError(
      `no chat completion at OPENAI_BASE_URL (is its /v1 missing?): it answered ${response.status} ${page ? "with a web page" : "without choices"}: ${excerpt(body)}`,
    );
  };
}

/** Whether the request goes to the chat completions path (the client's other calls pass unchecked). */
function isChatCompletions(input: Parameters<typeof fetch>[0]): boolean {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  return /\/chat\/completions$/.test(url.split(/[?#]/)[0] ?? "");
}

/** Whether a JSON body is a completion, or may be one (unparsable JSON is left for the client to report). */
function hasChoices(body: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return true;
  }
  return typeof parsed === "object" && parsed !== null && Array.isArray((parsed as { choices?: unknown }).choices);
}

/** The start of the server's body, on one line. */
function excerpt(body: string): string {
  const line = body.replace(/\s+/g, " ").trim();
  return line.length > BODY_EXCERPT_CHARS ? `${cutUnits(line, BODY_EXCERPT_CHARS - 1)}…` : line;
}
