import { createHmac } from "node:crypto";
import http from "node:http";
import { GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { ArticleBot } from "../bot/create-bot.js";
import { createWebhookHandler } from "../bot/webhook-handler.js";
import { AppError, ConfigError } from "../shared/errors.js";
import type { Logger } from "../shared/logger.js";
import { answerHealthCheck, type HealthStatus } from "./health-server.js";
import { ALLOWED_UPDATES } from "./polling.js";
import { requestPath as pathOf } from "./request-path.js";

/** Where the webhook server listens: WEBHOOK_URL's path, on PORT. */
export interface WebhookAddress {
  /** The public URL Telegram posts to (WEBHOOK_URL); its path is the one served. */
  url: string;
  port: number;
}

/** How updates are taken once the bot runs. */
export interface WebhookIntake {
  /** Checked on every request (WEBHOOK_SECRET); null: one derived from the bot token (see webhookSecret). */
  secret: string | null;
  /** Journals updates (UpdateDispatcher.accept); Telegram's 200 waits for it. */
  accept: (updates: readonly Update[]) => Promise<void>;
  /** Back-pressure (UpdateDispatcher.waitForRoom): an update is accepted only when there is room. */
  waitForRoom: () => Promise<void>;
}

/** The server on PORT, listening; it takes updates once opened. */
export interface WebhookServer {
  /** Takes updates from now on and registers the webhook with Telegram. Returns the stop function. */
  open(bot: ArticleBot, intake: WebhookIntake): Promise<() => Promise<void>>;
  /** Closes the server (a start that failed before the bot ran). */
  close(): Promise<void>;
}

/**
 * A node:http server on `port` that answers `GET|HEAD /healthz` as the health server does: 503
 * "starting" until the webhook is registered, 200 "ready" while updates are taken, 503 "stopping"
 * once stopped. It listens before the index is opened: a platform probing PORT (Render, Fly.io)
 * would otherwise find it closed during a first build of minutes and restart the bot mid-build.
 * Until opened it answers updates 503 too, and Telegram delivers them again later (it repeats a
 * delivery answered with anything but 2xx).
 */
export async function listenForWebhook(address: WebhookAddress, logger: Logger): Promise<WebhookServer> {
  const path = withoutTrailingSlash(new URL(address.url).pathname);
  let handle: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | null = null;
  let status: HealthStatus = "starting";
  const server = http.createServer((req, res) => {
    const requestPath = pathOf(req.url);
    if (requestPath === null) {
      res.writeHead(400, { "content-type": "text/plain", connection: "close" }).end();
      return;
    }
    if (req.method === "POST" && withoutTrailingSlash(requestPath) === path) {
      if (!handle) {
        // The bot does not run yet (the index is being opened): Telegram delivers it again later.
        req.resume();
        res.writeHead(503, { "content-type": "text/plain" }).end("starting\n");
        return;
      }
      handle(req, res).catch((error: unknown) => {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "webhook request failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    if (!answerHealthCheck(req, res, requestPath, status)) res.writeHead(404, { "content-type": "text/plain" }).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(new AppError(`Could not listen on PORT ${address.port} for the webhook (${error.code ?? error.message}): choose a free port, or leave WEBHOOK_URL empty to use long polling.`)),
    );
    server.listen(address.port, () => resolve());
  });
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    close,
    open: async (bot, intake) => {
      const secret = intake.secret ?? webhookSecret(bot.token);
      handle = createWebhookHandler({ ...intake, secret, logger });
      await registerWebhook(bot, address, secret, logger).catch(async (error: unknown) => {
        await close(); // PORT is freed for the next start
        throw error;
      });
      status = "ready";
      return () => {
        status = "stopping";
        return close();
      };
    },
  };
}

// "/tg/" and "/tg" are one path here: Telegram posts to WEBHOOK_URL as written, and a proxy in
// front may add or drop the slash on the way to PORT.
function withoutTrailingSlash(path: string): string {
  return path.replace(/\/+$/, "") || "/";
}

/**
 * The secret Telegram is told to send with each update when WEBHOOK_SECRET is not set. Without
 * one, anyone who learned the URL could post updates as anyone, an admin's tap on [Remove] too.
 * Derived from the token (not random), so every instance sharing the webhook registers the same;
 * one-way, so the secret does not give the token away.
 */
function webhookSecret(token: string): string {
  return createHmac("sha256", token).update("webhook secret").digest("base64url");
}

/** `setWebhook`; Telegram's refusal of the URL is said as a setting to fix. */
async function registerWebhook(bot: ArticleBot, options: WebhookAddress, secret: string, logger: Logger): Promise<void> {
  const path = new URL(options.url).pathname || "/";
  try {
    await bot.api.setWebhook(options.url, {
      allowed_updates: ALLOWED_UPDATES,
      secret_token: secret,
    });
  } catch (error) {
    // Telegram checks the URL only now (the host resolves publicly, its certificate, its IP is not
    // private): its 400 refusal is a setting to fix, not a bug to report (a 5xx is the API's own
    // failure, and a 429 its flood control, which a restart may get past: exit 2 would keep systemd
    // from trying). The host only: the path may be secret.
    if (error instanceof GrammyError && error.error_code === 400) {
      throw new ConfigError(`Telegram refused WEBHOOK_URL (to ${new URL(options.url).host}): ${error.description}. Check that the host resolves publicly and serves HTTPS with a valid certificate.`);
    }
    throw error;
  }
  // The path is often the secret itself (a token in it, as many guides suggest): logs, which are
  // shipped and read more widely than the config, get its shape only, as config errors give the host only.
  logger.info({ port: options.port, host: new URL(options.url).host, path: maskedPath(path) }, "webhook server listening");
}

// "/telegram/s3cret" → "/***/***": that a path is set and how many segments it has, not what they say.
function maskedPath(path: string): string {
  return path.replace(/[^/]+/g, "***");
}
