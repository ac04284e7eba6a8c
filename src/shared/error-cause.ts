// What went wrong under an error that says little itself: the OpenAI client reports any request
// that got no answer as "Connection error.", its cause "fetch failed", and only the cause of that
// says why ("connect ECONNREFUSED 127.0.0.1:11434", "getaddrinfo ENOTFOUND ollama",
// "self-signed certificate"), which is what an operator needs to tell them apart.
import { cutUnits } from "../texts/cut-units.js";
import { redactSecrets } from "./logger.js";

/** Longest cause shown (characters): one line of a log, not a response body a server sent. */
const MAX_CAUSE_CHARS = 200;

/** How deep the cause chain is followed: a loop of causes must not hang the caller. */
const MAX_DEPTH = 8;

// A credential a client may quote with its request ("Authorization: Bearer sk-…"): the log's own
// redaction knows only the keys it was given.
const AUTHORIZATION_VALUE = /\b(Bearer)\s+[^\s"',;]+/gi;

/**
 * The deepest cause of `error` as one line (its message, with its code when the message does not
 * say it), with no URL password or bearer token, at most MAX_CAUSE_CHARS; null when it has no cause.
 */
export function rootCause(error: unknown): string | null {
  let root: unknown = error;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const next = causeOf(root);
    if (next === undefined) break;
    root = next;
  }
  if (root === error) return null;
  const message = root instanceof Error ? root.message : String(root);
  const code = root instanceof Error && "code" in root && typeof root.code === "string" ? root.code : "";
  const line = (code && !message.includes(code) ? (message ? `${message} (${code})` : code) : message).replace(/\s+/g, " ").trim();
  if (!line) return null;
  const safe = redactSecrets(line).replace(AUTHORIZATION_VALUE, "$1 [redacted]");
  return safe.length > MAX_CAUSE_CHARS ? `${cutUnits(safe, MAX_CAUSE_CHARS - 1)}…` : safe;
}

/** The error under `error`: its cause, or the first of the errors it gathers (Node's refusals of a name's every address). */
function causeOf(error: unknown): unknown {
  if (!(error instanceof Error)) return undefined;
  if (error.cause !== undefined && error.cause !== null) return error.cause;
  return error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : undefined;
}
