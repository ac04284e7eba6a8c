import { Api, GrammyError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { describeApiFailure } from "../bot/api-failure.js";
import { pause } from "../bot/api-retry.js";
import { createBot } from "../bot/create-bot.js";
import { openUpdateIntake } from "../bot/update-intake.js";
import type { Config } from "../config/config.js";
import { AppError } from "../shared/errors.js";
import type { Logger } from "../shared/logger.js";
import { setCommands } from "./bot-commands.js";
import { createAnswerer } from "./create-answerer.js";
import { createApp, describeConfiguredStore } from "./create-app.js";
import { closeConfiguredDatabase } from "./database.js";
import { openConfiguredBotState } from "./open-bot-state.js";
import { startPolling } from "./polling.js";
import { warmUp } from "./warm-up.js";
import { listenForWebhook, type WebhookServer } from "./webhook-server.js";

// Start-up gives up on an unreachable Bot API after this long, with a message saying so (before
// the index is opened, so within 30 s).
const STARTUP_DEADLINE_MS = 20_000;
// Answers in progress at shutdown get the LLM timeout plus this to finish.
const DRAIN_MARGIN_MS = 10_000;
// Closing the journal, the bot's state and the database pool after the drain gets this long.
const CLOSE_MARGIN_MS = 5_000;

/**
 * How long a stop may take in all: the drain's bound, then time to close. Past it the entry point
 * exits anyway: a database that stopped answering (a network cut, a failover) holds the
 * statements in flight, and with them the journal's close and the pool's end, forever.
 */
export function stopDeadlineMs(config: Pick<Config, "llmTimeoutMs">): number {
  return config.llmTimeoutMs + DRAIN_MARGIN_MS + CLOSE_MARGIN_MS;
}

/**
 * Checks the token (getMe), opens the knowledge base (building the index when missing or stale),
 * then starts the bot:
 * long polling, or a webhook server when WEBHOOK_URL is set. Updates left unfinished by the last
 * run (STATE_DIR's journal, or the database's update table) are handled first. With an LLM, its
 * model is then asked once in the background (model-check.ts). Returns the stop function: it stops taking
 * updates, waits for the answers in progress (bounded by the LLM timeout), closes the journal and the
 * bot's state, then the database pool.
 */
export async function startBot(config: Config & { telegramBotToken: string }, logger: Logger): Promise<() => Promise<void>> {
  // PORT listens first, answering "starting" (see listenForWebhook): a busy PORT is said at once too,
  // not after a first index build of minutes.
  const webhook = config.webhookUrl ? await listenForWebhook({ url: config.webhookUrl, port: config.port }, logger) : null;
  try {
    return await startTaking(config, logger, webhook);
  } catch (error) {
    await webhook?.close();
    throw error;
  }
}

async function startTaking(config: Config & { telegramBotToken: string }, logger: Logger, webhook: WebhookServer | null): Promise<() => Promise<void>> {
  // The token first: a wrong one is said at once, not after a first index build of minutes.
  const botInfo = await fetchBotInfo(new Api(config.telegramBotToken, config.telegramApiRoot ? { apiRoot: config.telegramApiRoot } : undefined), config.telegramApiRoot, logger);
  logger.info({ seeds: config.seedsDir, store: describeConfiguredStore(config) }, "opening the knowledge base");
  let lastLogged = 0;
  const answerer = await createAnswerer(config, logger);
  const kb = await createApp(config, {
    logger,
    answerer,
    reindexInChild: true,
    onProgress: (p) => {
      if (Date.now() - lastLogged < 2_000 && p.done < p.total) return;
      lastLogged = Date.now();
      logger.info({ phase: p.phase, done: p.done, total: p.total }, "building the index");
    },
  });
  const info = kb.info();
  logger.info({ articles: info.articles, chunks: info.chunks, version: info.version }, "index ready");
  // Not waited for: it runs while the bot's state opens and the commands are set (warm-up.ts).
  void warmUp(kb, logger);

  const state = await openConfiguredBotState(config, logger);
  logger.info({ state: state.location }, "bot state opened");
  const bot = createBot(config.telegramBotToken, {
    kb,
    adminIds: config.adminIds,
    logger,
    maxUploadBytes: config.maxArticleBytes,
    stateStore: state,
    botInfo,
    ...(config.telegramApiRoot ? { apiRoot: config.telegramApiRoot } : {}),
  });
  await setCommands(bot.api, logger, config.adminIds);

  const intake = await openUpdateIntake(bot, state.updates, logger);
  const { dispatcher } = intake;
  const stopTaking = webhook
    ? await webhook.open(bot, { secret: config.webhookSecret, accept: (updates) => dispatcher.accept(updates), waitForRoom: () => dispatcher.waitForRoom() })
    : await startPolling(bot, intake, logger);
  // Logged once updates are being taken (the caller installs its signal handlers right after).
  logger.info({ username: bot.botInfo.username, mode: webhook ? "webhook" : "polling", admins: config.adminIds.size }, "bot started");
  // Not waited for: a model that does not answer is logged now, not at the first question, and
  // never holds or fails the start (model-check.ts).
  const checking = new AbortController();
  void answerer.checkModel?.(checking.signal);
  return async () => {
    checking.abort();
    try {
      await stopTaking();
      // A re-index still running is not waited for: its child process ends with the bot, and
      // the previous index keeps serving on the next start.
      await intake.close(config.llmTimeoutMs + DRAIN_MARGIN_MS);
      await state.close();
    } finally {
      // Last: the answers drained and the state's pending writes (done marks, pruning) used it.
      if (config.databaseUrl) await closeConfiguredDatabase(config.databaseUrl);
    }
  };
}

/**
 * getMe, retried for up to STARTUP_DEADLINE_MS, with messages a person can act on (the token
 * itself is never printed).
 */
async function fetchBotInfo(api: Api, apiRoot: string | null, logger: Logger): Promise<UserFromGetMe> {
  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  let reason = "";
  for (let attempt = 1; ; attempt++) {
    const signal = AbortSignal.timeout(Math.max(1_000, deadline - Date.now()));
    try {
      // getMe itself, not bot.init(): init retries 5xx and network errors until the signal ends
      // it, and then says only "Aborted delay"; this loop retries and keeps the API's reason.
      return await api.getMe(signal as never); // grammY types signals with a shim
    } catch (error) {
      // The API answered, so it is reachable: 401 is a wrong or revoked token, and 404 one Telegram
      // does not take for a token at all (its /bot<token>/getMe route does not exist). Retrying
      // either for 20 s and calling it a network problem would send the user the wrong way.
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
        const status = error.error_code === 401 ? "401 Unauthorized" : "404 Not Found";
        throw new AppError(`Telegram rejected TELEGRAM_BOT_TOKEN (${status}). Copy the token again from @BotFather (/token).`);
      }
      // A request the deadline cut short tells nothing new: the attempt before it said why.
      if (!signal.aborted || reason === "") reason = describeApiFailure(error).replace(/[.!\s]+$/, "");
      const wait = Math.min(5_000, 1_000 * attempt);
      if (Date.now() + wait >= deadline) {
        const where = apiRoot ?? "https://api.telegram.org";
        throw new AppError(`Could not reach the Telegram Bot API at ${where}: ${reason}. Check the network or TELEGRAM_API_ROOT.`);
      }
      if (attempt === 1) logger.warn({ err: reason }, "the Telegram Bot API does not answer yet; retrying");
      await pause(wait);
    }
  }
}
