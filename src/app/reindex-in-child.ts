import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Config } from "../config/config.js";
import type { BuildIndexOptions } from "../ingest/build-index.js";
import type { IngestProgress, IngestSummary } from "../ingest/ingest-summary.js";
import { AppError, IndexError, InputError, ReindexInProgressError } from "../shared/errors.js";
import type { WorkerConfig, WorkerMessage, WorkerRequest } from "./reindex-worker.js";

// A build of 20,000 chunks with a remote embedder takes minutes; one that has reported no progress
// for half an hour is stuck (an embedding request or a database statement that never returns).
const DEFAULT_TIMEOUT_MS = 30 * 60_000;

/**
 * How long a stopping bot waits for a build's child to exit on its own (it exits as soon as it
 * sees the bot close the channel, its exit handler removing the store's LOCK) before killing it:
 * a synchronous step of the build (minutes of HNSW graph at 100,000 chunks) keeps it from
 * seeing that. A LOCK a killed child leaves is taken over at the next start (src/shared/lock-file.ts).
 */
const STOP_GRACE_MS = 3_000;

/** The builds running in a child now, each with what stops it. */
const running = new Set<(graceMs: number) => Promise<void>>();

/**
 * Ends the builds running in a child process, and resolves once their processes exited (or were
 * killed after `graceMs`): the bot stopping during its first index build must not leave the
 * child building on, orphaned, or holding the store's LOCK. A build stopped so fails.
 */
export async function stopReindexChildren(graceMs = STOP_GRACE_MS): Promise<void> {
  await Promise.all([...running].map((stop) => stop(graceMs)));
}

export interface ReindexInChildOptions {
  /**
   * A build that reports no progress for this long is killed and fails (default 30 minutes); the
   * previous index keeps serving.
   */
  timeoutMs?: number;
  /** The worker script (tests: one that hangs); default reindex-worker. */
  worker?: string;
}

/**
 * A `rebuild` for the knowledge base that runs the build in a child process: at 20,000 chunks
 * a build on the bot's event loop held answers up for seconds. The child writes the new version;
 * the bot then loads it and swaps it in. Works from the TypeScript sources (tsx) and from dist/.
 * A child that hangs is killed after `timeoutMs` without progress: until then no other re-index
 * could start. Counted from its last progress, not its start: a long build that moves on (a first
 * one at start-up, 100,000 chunks with a remote embedder) is no hung one, and killed midway it
 * loses its embeddings (the cache is saved when the embedding ends) and fails the same way again.
 */
export function reindexInChild(
  config: Config,
  options: ReindexInChildOptions = {},
): (onProgress?: (progress: IngestProgress) => void, build?: Pick<BuildIndexOptions, "ifLockHeld">) => Promise<IngestSummary> {
  const fromSource = import.meta.url.endsWith(".ts");
  const worker = options.worker ?? fileURLToPath(new URL(fromSource ? "./reindex-worker.ts" : "./reindex-worker.js", import.meta.url));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { adminIds: _adminIds, telegramBotToken: _token, ...rest } = config;
  const workerConfig: WorkerConfig = rest;
  return (onProgress, build = {}) =>
    new Promise((resolve, reject) => {
      const child = fork(worker, [], { execArgv: fromSource ? ["--import", "tsx"] : [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
      let result: { summary: IngestSummary } | { error: Error } | undefined;
      let settled = false;
      const settle = (): void => {
        if (settled) return;
        settled = true;
        running.delete(stop);
        clearTimeout(timer);
        if (result && "summary" in result) resolve(result.summary);
        else if (result) reject(result.error);
      };
      // SIGKILL: a hung child may not get to a SIGTERM handler. What it half wrote is a version
      // folder CURRENT never pointed to (see the versioned builds in DESIGN.md). Settled here, not
      // on 'exit': a child that cannot be killed may never send one.
      const timer = setTimeout(() => {
        result ??= { error: new IndexError(`The index build made no progress for ${describeDuration(timeoutMs)} and was stopped. Try again (/reindex, or a restart when the bot had no index to serve); if it stops again, the server log may say what it waited for.`) };
        child.kill("SIGKILL");
        settle();
      }, timeoutMs);
      child.on("message", (message: WorkerMessage) => {
        timer.refresh();
        if (message.type === "progress") onProgress?.(message.progress);
        else if (message.type === "summary") result = { summary: message.summary };
        else result = { error: workerError(message) };
      });
      // A process that could not be started sends 'error' and no 'exit' (Node allows that), and a
      // second 'error' for the config it could not send: each is handled, the first one settles.
      child.on("error", (error) => {
        result ??= { error: child.pid === undefined ? new IndexError(`The index build could not start its process (${error.message}). The server log may say more.`) : error };
        child.kill("SIGKILL");
        settle();
      });
      child.once("exit", (code, signal) => {
        result ??= { error: new AppError(`The index build's process ended (${signal ?? `exit code ${code}`}) without a result.`) };
        settle();
      });
      const stop = (graceMs: number): Promise<void> =>
        new Promise<void>((stopped) => {
          result ??= { error: new IndexError("The index build was stopped because the bot is stopping.") };
          const kill = setTimeout(() => {
            child.kill("SIGKILL");
            stopped();
          }, graceMs);
          child.once("exit", () => {
            clearTimeout(kill);
            stopped();
          });
          // The worker exits on 'disconnect' (reindex-worker.ts).
          if (child.connected) child.disconnect();
        });
      running.add(stop);
      const request: WorkerRequest = { config: workerConfig, ...(build.ifLockHeld ? { ifLockHeld: build.ifLockHeld } : {}) };
      child.send(request);
    });
}

/**
 * The child's error as the bot sees it: an error of ours (written for people) again as an
 * `AppError`, any other as a plain `Error` (its message may hold paths or URLs, so it is logged,
 * not shown) with the child's stack for the log.
 */
function workerError(message: Extract<WorkerMessage, { type: "error" }>): Error {
  if (message.busy) return new ReindexInProgressError(true);
  if (message.inputError) return new InputError(message.message);
  if (message.appError) return new IndexError(message.message);
  const error = new Error(message.message);
  if (message.stack) error.stack = message.stack;
  return error;
}

/** "30 min", "90 s", "200 ms". */
function describeDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms >= 1_000 ? `${Math.round(ms / 1_000)} s` : `${ms} ms`;
}
