import { GrammyError } from "grammy";
import { createBot, type ArticleBot } from "../bot/create-bot.js";
import type { Config } from "../config/config.js";
import { AppError } from "../shared/errors.js";
import type { Logger } from "../shared/logger.js";
import { setCommands } from "./bot-commands.js";
import { createApp } from "./create-app.js";
import { startPolling } from "./polling.js";
import { startWebhookServer } from "./webhook-server.js";

/**
 * Opens the knowledge base (building the index when missing or stale), then starts the bot:
 * long polling, or a webhook server when WEBHOOK_URL is set. Returns the stop function.
 */
export async function startBot(config: Config & { telegramBotToken: string }, logger: Logger): Promise<() => Promise<void>> {
  logger.info({ seeds: config.seedsDir, store: config.vectorstoreDir }, "opening the knowledge base");
  let lastLogged = 0;
  const kb = await createApp(config, {
    logger,
    onProgress: (p) => {
      if (Date.now() - lastLogged < 2_000 && p.done < p.total) return;
      lastLogged = Date.now();
      logger.info({ phase: p.phase, done: p.done, total: p.total }, "building the index");
    },
  });
  const info = kb.info();
  logger.info({ articles: info.articles, chunks: info.chunks, version: info.version }, "index ready");

  const bot = createBot(config.telegramBotToken, {
    kb,
    adminIds: config.adminIds,
    logger,
    maxUploadBytes: config.maxArticleBytes,
    ...(config.telegramApiRoot ? { apiRoot: config.telegramApiRoot } : {}),
  });
  await initBot(bot, config.telegramApiRoot);
  logger.info({ username: bot.botInfo.username, mode: config.webhookUrl ? "webhook" : "polling", admins: config.adminIds.size }, "bot started");
  await setCommands(bot.api, logger);

  return config.webhookUrl
    ? startWebhookServer(bot, { url: config.webhookUrl, secret: config.webhookSecret, port: config.port }, logger)
    : startPolling(bot, logger);
}

/** getMe, with messages a person can act on (the token itself is never printed). */
async function initBot(bot: ArticleBot, apiRoot: string | null): Promise<void> {
  try {
    await bot.init();
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      throw new AppError("Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized). Copy the token again from @BotFather (/token).");
    }
    const where = apiRoot ?? "https://api.telegram.org";
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(`Could not reach the Telegram Bot API at ${where}: ${reason}. Check the network or TELEGRAM_API_ROOT.`);
  }
}
