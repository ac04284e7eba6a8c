// `npm start`: the Telegram bot. Long polling by default; a webhook server when WEBHOOK_URL is
// set. The index is loaded (built when missing or stale) before the first update is taken.
import { constants as osConstants } from "node:os";
import { startHealthServer } from "../app/health-server.js";
import { stopReindexChildren } from "../app/reindex-in-child.js";
import { startBot, stopDeadlineMs } from "../app/start-bot.js";
import { loadConfig, secretsOf } from "../config/config.js";
import { createLogger } from "../shared/logger.js";
import { parseCliArgs, printUsage, runAsEntryPoint, type CliIo } from "./args.js";

export const USAGE = `Usage: npm start [-- --help]

Starts the Telegram bot: long polling, or a webhook server when WEBHOOK_URL is set. It takes no
other flag; everything is configured by environment variables or a .env file (copy .env.example):
TELEGRAM_BOT_TOKEN (required), ADMIN_IDS, SEEDS_DIR, VECTORSTORE_DIR, LLM_MODEL, ... (README,
"Configuration"). The index is built first when it is missing or stale.

Without Telegram: npm run ask -- "question"`;

const NO_TOKEN = `TELEGRAM_BOT_TOKEN is not set, so the bot cannot start.

To get a token: in Telegram, open @BotFather, send /newbot, choose a name and a username
ending in "bot". BotFather replies with a token like 123456789:AA... Put it in a .env file
(copy .env.example) as TELEGRAM_BOT_TOKEN=... and start the bot again.

You can ask questions without Telegram: npm run ask -- "Що нового?"
(built, or in the Docker image: node dist/cli/ask.js "Що нового?")
`;

/** The flags it accepts (its usage lists each). */
export const OPTIONS = { help: { type: "boolean", short: "h", default: false } } as const;

/** Starts the bot and returns 0 once it serves (it keeps running until SIGINT/SIGTERM). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(argv, OPTIONS);
  if (values.help) return printUsage(USAGE, io);
  const config = loadConfig(io.env);
  const token = config.telegramBotToken;
  if (!token) {
    io.stderr.write(NO_TOKEN);
    return 2; // bad configuration, like a bad value in every other command
  }
  const logger = createLogger(config.logLevel, { secrets: secretsOf(io.env) });

  // Signals are handled from the start, so one during start-up (a long first index build,
  // registering the commands) is logged and exits with 0 at once. Only the build's child process
  // is waited for (a few seconds at most): an index build cut short leaves the previous index
  // serving, and what it wrote is cleared by the next build.
  let stop: (() => Promise<void>) | null = null;
  let health: Awaited<ReturnType<typeof startHealthServer>> | null = null;
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    // A second signal (Ctrl+C again) means now: updates not yet answered stay in the journal and
    // are answered on the next start, as after a kill -9 (docs/reliability.md). 128 + the signal's
    // number, as a shell reports a process a signal ended.
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting now; what was not answered yet is answered on the next start");
      process.exit(128 + osConstants.signals[signal]);
    }
    stopping = true;
    logger.info({ signal }, "stopping");
    health?.setStatus("stopping");
    // A stop that cannot finish (a database that no longer answers holds its statements) must not
    // keep the process alive until a SIGKILL: exit once the drain and the closing had their time.
    const deadline = stopDeadlineMs(config);
    setTimeout(() => {
      logger.error({ waitedMs: deadline }, "could not stop in time (the database or the Bot API does not answer); exiting");
      process.exit(1);
    }, deadline).unref();
    (stop ?? stopReindexChildren)()
      .then(() => health?.close())
      .then(() => logger.info("stopped"))
      .catch((error: unknown) => logger.error({ err: error }, "error while stopping"))
      .finally(() => {
        // Before the bot runs there is nothing to drain: exit now. Otherwise let the event loop
        // drain (so the last log lines are flushed) and force the exit only if something (an
        // HTTP keep-alive, a running re-index) still holds it after a few seconds.
        if (!stop) process.exit(0);
        setTimeout(() => process.exit(0), 5_000).unref();
      });
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));

  // Listening before the index is opened: a probe sees "starting" (503) during a long first build.
  health = config.healthPort === null ? null : await startHealthServer(config.healthPort);
  if (health) logger.info({ port: health.port }, "health check listening on /healthz");
  const running = await startBot({ ...config, telegramBotToken: token }, logger).catch((error: unknown) => {
    // The build the signal stopped fails the start: no failure to report, the shutdown exits.
    if (stopping) return null;
    throw error;
  });
  if (stopping || !running) {
    // A signal came while starting: the shutdown above already exits; stop what just started.
    await running?.();
    return 0;
  }
  stop = running;
  health?.setStatus("ready");
  return 0;
}

await runAsEntryPoint(import.meta.url, main, USAGE, { exitOnFailure: true });
