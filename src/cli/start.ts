// `npm start`: the Telegram bot. Long polling by default; a webhook server when WEBHOOK_URL is
// set. The index is loaded (built when missing or stale) before the first update is taken.
import http from "node:http";
import { run } from "@grammyjs/runner";
import dotenv from "dotenv";
import { GrammyError, webhookCallback } from "grammy";
import { createBot, type ArticleBot } from "../bot/create-bot.js";
import { throttleEmptyPolls } from "../bot/throttle-empty-polls.js";
import { type Config, loadConfig } from "../config/config.js";
import { openKnowledgeBase } from "../rag/create-knowledge-base.js";
import { AppError } from "../shared/errors.js";
import { createLogger, type Logger } from "../shared/logger.js";

const NO_TOKEN = `TELEGRAM_BOT_TOKEN is not set, so the bot cannot start.

To get a token: in Telegram, open @BotFather, send /newbot, choose a name and a username
ending in "bot". BotFather replies with a token like 123456789:AA... Put it in a .env file
(copy .env.example) as TELEGRAM_BOT_TOKEN=... and run npm start again.

You can ask questions without Telegram: npm run ask -- "Хто такий Серджіо Гор?"
`;

const ALLOWED_UPDATES = ["message", "callback_query"] as const;

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadConfig(process.env);
  const token = config.telegramBotToken;
  if (!token) {
    process.stderr.write(NO_TOKEN);
    process.exitCode = 1;
    return;
  }
  const logger = createLogger(config.logLevel, { secrets: [token, config.openaiApiKey] });

  logger.info({ seeds: config.seedsDir, store: config.vectorstoreDir }, "opening the knowledge base");
  let lastLogged = 0;
  const kb = await openKnowledgeBase({
    config,
    logger,
    onProgress: (p) => {
      if (Date.now() - lastLogged < 2_000 && p.done < p.total) return;
      lastLogged = Date.now();
      logger.info({ phase: p.phase, done: p.done, total: p.total }, "building the index");
    },
  });
  const info = kb.info();
  logger.info({ articles: info.articles, chunks: info.chunks, version: info.version }, "index ready");

  const bot = createBot(token, {
    kb,
    adminIds: config.adminIds,
    logger,
    seedsDir: config.seedsDir,
    maxUploadBytes: config.maxArticleBytes,
    ...(config.telegramApiRoot ? { apiRoot: config.telegramApiRoot } : {}),
  });
  await initBot(bot, config);
  logger.info({ username: bot.botInfo.username, mode: config.webhookUrl ? "webhook" : "polling", admins: config.adminIds.size }, "bot started");
  await setCommands(bot, logger);

  const stop = config.webhookUrl ? await startWebhook(bot, config, config.webhookUrl, logger) : await startPolling(bot, logger);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    stop()
      .then(() => logger.info("stopped"))
      .catch((error: unknown) => logger.error({ err: error }, "error while stopping"))
      .finally(() => {
        // Let the event loop drain (so the last log lines are flushed); force the exit only if
        // something (an HTTP keep-alive, a running re-index) still holds it after a few seconds.
        setTimeout(() => process.exit(0), 5_000).unref();
      });
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

/** getMe, with messages a person can act on (the token itself is never printed). */
async function initBot(bot: ArticleBot, config: Config): Promise<void> {
  try {
    await bot.init();
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      throw new AppError("Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized). Copy the token again from @BotFather (/token).");
    }
    const where = config.telegramApiRoot ?? "https://api.telegram.org";
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(`Could not reach the Telegram Bot API at ${where}: ${reason}. Check the network or TELEGRAM_API_ROOT.`);
  }
}

/** The command menu in Telegram clients; optional (some Bot API servers do not support it). */
async function setCommands(bot: ArticleBot, logger: Logger): Promise<void> {
  try {
    await bot.api.setMyCommands([
      { command: "help", description: "Що я знаю і як питати" },
      { command: "ask", description: "Поставити питання (у групах)" },
    ]);
    await bot.api.setMyCommands(
      [
        { command: "help", description: "What I know and how to ask" },
        { command: "ask", description: "Ask a question (in groups)" },
      ],
      { language_code: "en" },
    );
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "could not set the command menu (ignored)");
  }
}

/** Long polling with @grammyjs/runner: chats are served concurrently, each chat in order. */
async function startPolling(bot: ArticleBot, logger: Logger): Promise<() => Promise<void>> {
  // A webhook left over from an earlier webhook run would make getUpdates fail.
  await bot.api.deleteWebhook();
  bot.api.config.use(throttleEmptyPolls(500));
  // The runner retries failed polls, printing each error with console.error: grammY's HttpError
  // nests the fetch error whose message holds the URL with the token. So it runs silent, and
  // failed polls go to our logger, which scrubs tokens.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      if (method === "getUpdates" && !signal?.aborted) logger.warn({ err: error }, "getUpdates failed; retrying");
      throw error;
    }
  });
  // Keep retrying through outages of any length (the default gives up after ~15 hours, leaving
  // a process that runs but no longer polls).
  const runner = run(bot, {
    runner: { silent: true, maxRetryTime: Number.POSITIVE_INFINITY, fetch: { allowed_updates: ALLOWED_UPDATES } },
  });
  return async () => {
    if (runner.isRunning()) await runner.stop();
  };
}

/** A node:http server on PORT that takes updates on WEBHOOK_URL's path and checks WEBHOOK_SECRET. */
async function startWebhook(bot: ArticleBot, config: Config, webhookUrl: string, logger: Logger): Promise<() => Promise<void>> {
  if (!config.webhookSecret) logger.warn("WEBHOOK_SECRET is not set: anyone who learns the webhook URL can send fake updates");
  const path = new URL(webhookUrl).pathname || "/";
  const handle = webhookCallback(bot, "http", {
    ...(config.webhookSecret ? { secretToken: config.webhookSecret } : {}),
    // Long answers keep running after Telegram got its 200, instead of being re-sent.
    onTimeout: "return",
    timeoutMilliseconds: 8_000,
  });
  const server = http.createServer((req, res) => {
    const requestPath = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method === "POST" && requestPath === path) {
      handle(req, res).catch((error: unknown) => {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "webhook request failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    res.writeHead(req.method === "GET" && requestPath === "/healthz" ? 200 : 404, { "content-type": "text/plain" }).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, () => resolve());
  });
  await bot.api.setWebhook(webhookUrl, {
    allowed_updates: ALLOWED_UPDATES,
    ...(config.webhookSecret ? { secret_token: config.webhookSecret } : {}),
  });
  logger.info({ port: config.port, path }, "webhook server listening");
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

main().catch((error: unknown) => {
  const message = error instanceof AppError ? error.message : `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
