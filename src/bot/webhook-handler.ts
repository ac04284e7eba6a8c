import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Update } from "grammy/types";
import type { Logger } from "../shared/logger.js";

export interface WebhookHandlerOptions {
  /** Expected X-Telegram-Bot-Api-Secret-Token (WEBHOOK_SECRET); null accepts any request. */
  secret: string | null;
  /** Journals the update; Telegram gets its 200 only after this resolved. */
  accept: (updates: readonly Update[]) => Promise<void>;
  /**
   * Resolves when the bot has room for more work (UpdateDispatcher.waitForRoom, as polling uses
   * it). The request waits until then: Telegram sends at most `max_connections` (40) at once, so
   * a flood slows its deliveries instead of piling up updates being handled.
   */
  waitForRoom: () => Promise<void>;
  logger: Logger;
  /** Larger bodies get 413 without being read further (default MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  /** At most one warning per refusal reason in this time, counting the refusals between (default 60 s). */
  refusalLogEveryMs?: number;
}

/**
 * Why a request was refused, as the warning says it. Never the header's value, the body or the
 * token: a proxy dropping the secret header is told apart from a wrong secret by "missing".
 */
const REFUSALS = {
  "secret-missing": { status: 401, text: "no X-Telegram-Bot-Api-Secret-Token header (a proxy in front of the bot may drop it, or the request is not from Telegram)" },
  "secret-wrong": { status: 401, text: "wrong X-Telegram-Bot-Api-Secret-Token (not WEBHOOK_SECRET, or the one derived from the token when it is unset: another deployment may have set this webhook with its own secret, or the request is not from Telegram)" },
  "not-an-update": { status: 400, text: "not a JSON update" },
  "too-large": { status: 413, text: "the body is larger than a Telegram update can be" },
} as const;
type Refusal = keyof typeof REFUSALS;

/** Telegram's updates are a few KB; 1 MiB leaves room for any real one (a 300 MiB POST once took ~1 GB of RSS). */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * One webhook POST: checks the secret, reads the update, and answers 200 only once the update
 * is journaled (not handled: answers can take longer than Telegram waits, and a journaled update
 * survives a crash). A delivery Telegram repeats (after a timeout or a 5xx) is answered once,
 * because the journal remembers update ids.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const maxBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const expected = options.secret === null ? null : Buffer.from(options.secret);
  const logEvery = options.refusalLogEveryMs ?? 60_000;
  // Refused requests were never logged: a proxy dropping the secret header left a silent bot
  // with clean logs. One warning per reason per `logEvery`, with how many were refused since.
  const refusals = new Map<Refusal, { loggedAt: number; count: number }>();
  const refuse = (res: ServerResponse, reason: Refusal): void => {
    const { status, text } = REFUSALS[reason];
    const seen = refusals.get(reason) ?? { loggedAt: Number.NEGATIVE_INFINITY, count: 0 };
    seen.count++;
    const now = Date.now();
    if (now - seen.loggedAt >= logEvery) {
      options.logger.warn({ status, reason, refused: seen.count }, `refused a webhook request: ${text}`);
      seen.loggedAt = now;
      seen.count = 0;
    }
    refusals.set(reason, seen);
    reply(res, status, status === 413);
  };
  return async (req, res) => {
    // A declared oversized body is refused first, secret or not: none of it is read.
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBytes) return refuse(res, "too-large");
    if (expected) {
      const header = req.headers["x-telegram-bot-api-secret-token"];
      if (header === undefined) return refuse(res, "secret-missing");
      if (!sameSecret(header, expected)) return refuse(res, "secret-wrong");
    }
    let body: string;
    try {
      body = await readBody(req, maxBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge) return refuse(res, "too-large");
      throw error;
    }
    let update: Update;
    try {
      update = JSON.parse(body) as Update;
    } catch {
      return refuse(res, "not-an-update");
    }
    if (typeof update !== "object" || update === null || !Number.isSafeInteger(update.update_id)) return refuse(res, "not-an-update");
    // Only once the body is read (at most maxBytes): a client hanging up while it waits cannot
    // leave a half-read body behind.
    await options.waitForRoom();
    try {
      await options.accept([update]);
    } catch (error) {
      // Not journaled: Telegram will deliver it again after a non-2xx answer.
      options.logger.error({ err: error instanceof Error ? error.message : String(error) }, "could not journal a webhook update");
      return reply(res, 500);
    }
    reply(res, 200);
  };
}

class BodyTooLarge extends Error {}

function sameSecret(header: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof header !== "string") return false;
  const got = Buffer.from(header);
  return got.length === expected.length && timingSafeEqual(got, expected);
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Ends the response; `close` drops the connection so an oversized body is not read any further. */
function reply(res: ServerResponse, status: number, close = false): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "text/plain", ...(close ? { connection: "close" } : {}) }).end(status === 200 ? "" : String(status));
  if (close) res.once("finish", () => res.socket?.destroy());
}
