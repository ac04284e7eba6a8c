import { HttpError } from "grammy";
import { rootCause } from "../shared/error-cause.js";

// node-fetch's words for a request that got no answer: "request to <url> failed, reason: <why>".
const FETCH_REASON = /\breason: ([^\n]+)/;

/**
 * A failed Bot API call as one line for a person. grammY says only "Network request for 'getMe'
 * failed!" when no answer came; what the network said under it ("connect ECONNREFUSED …",
 * "getaddrinfo ENOTFOUND api.telegram.org", a proxy's TLS error) is added, which tells a
 * firewall from DNS from a proxy. Never the request's URL, which holds the token.
 */
export function describeApiFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof HttpError) || !(error.error instanceof Error)) return message;
  const under = error.error;
  const code = "code" in under && typeof under.code === "string" ? under.code : null;
  const reason = FETCH_REASON.exec(under.message)?.[1]?.trim() ?? rootCause(under) ?? code;
  return reason ? `${message.replace(/[.!\s]+$/, "")}: ${reason}` : message;
}
