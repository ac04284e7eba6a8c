// A child process that runs one re-index for the bot (see reindex-in-child.ts), so a long build
// never holds up answers on the bot's event loop. Receives the configuration over IPC, reports
// progress, then the summary or the error, and exits. Exits too when the bot goes away.
import { type Config, secretsOf } from "../config/config.js";
import type { IngestSummary, IngestProgress } from "../ingest/ingest-summary.js";
import { AppError, InputError, ReindexInProgressError } from "../shared/errors.js";
import type { IfLockHeld } from "../store/index-store.js";
import { createLogger } from "../shared/logger.js";
import { ingest } from "./create-app.js";

/** Messages from the worker to the bot. */
export type WorkerMessage =
  | { type: "progress"; progress: IngestProgress }
  | { type: "summary"; summary: IngestSummary }
  | { type: "error"; message: string; appError: boolean; inputError: boolean; busy: boolean; stack?: string };

/** The configuration as sent (a Set does not survive IPC; no bot token is sent). */
export type WorkerConfig = Omit<Config, "adminIds" | "telegramBotToken">;

/** What the bot sends the worker: the configuration, and what to do while another build holds the lock (default wait). */
export interface WorkerRequest {
  config: WorkerConfig;
  ifLockHeld?: IfLockHeld;
}

process.once("disconnect", () => process.exit(0));
// Ctrl-C reaches the whole process group, this child too: exit as the bot does, so that the exit
// handler removes the store's LOCK (a signal's default action would leave it behind).
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(1));
process.once("message", (message: WorkerRequest) => {
  const config: Config = { ...message.config, adminIds: new Set(), telegramBotToken: null };
  const logger = createLogger(config.logLevel, { secrets: secretsOf({ OPENAI_API_KEY: config.openaiApiKey ?? undefined }) });
  const send = (m: WorkerMessage): Promise<void> => new Promise((resolve) => (process.send ? process.send(m, () => resolve()) : resolve()));
  // The bot wrote the uploads kept in the database into the seeds folder just before (restoreUploads
  // in open-knowledge-base.ts, before the start-up build and in reindex()): reading them all again
  // here would be the same work twice.
  ingest(config, {
    logger,
    restoreUploads: false,
    ...(message.ifLockHeld ? { ifLockHeld: message.ifLockHeld } : {}),
    onProgress: (progress) => void send({ type: "progress", progress }),
  })
    .then((summary) => send({ type: "summary", summary }))
    .catch((error: unknown) =>
      send({
        type: "error",
        message: error instanceof Error ? error.message : String(error),
        // Classes do not cross the process boundary: the bot shows an AppError's message only.
        appError: error instanceof AppError,
        // A bad setting (VECTORSTORE_DIR through a file, not writable) stays one: the bot exits 2.
        inputError: error instanceof InputError,
        // Another build held the lock: the bot says so, as when its own check had found it.
        busy: error instanceof ReindexInProgressError,
        ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
      }),
    )
    .finally(() => process.disconnect());
});
