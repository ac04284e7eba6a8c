// `npm run ingest -- [--seeds DIR] [--store DIR] [--from-store DIR] [--from-state DIR] [--force] [--json]`: builds or updates the index.
import { join } from "node:path";
import cliProgress from "cli-progress";
import { ingest, SEEDS_FLAG_SETTING, STORE_FLAG_SETTING } from "../app/create-app.js";
import { beginStateMove } from "../app/open-bot-state.js";
import type { MovedState } from "../state/postgres/import-file-state.js";
import { count } from "../texts/plural.js";
import { loadConfig, secretsOf } from "../config/config.js";
import type { IngestProgress, IngestSummary } from "../ingest/ingest-summary.js";
import { UsageError } from "../shared/errors.js";
import { parseCliArgs, printUsage, requirePath, runAsEntryPoint, type CliIo } from "./args.js";
import { createCliLogger } from "./cli-logger.js";

export const USAGE = `Usage: npm run ingest -- [--seeds DIR] [--store DIR] [--from-store DIR] [--from-state DIR] [--force] [--json]

  --seeds DIR   folder of .txt/.md articles (default: SEEDS_DIR, else seeds/)
  --store DIR   index folder (default: VECTORSTORE_DIR, else vectorstore/; unused with DATABASE_URL)
  --from-store DIR  with DATABASE_URL: first copy the embedding cache of the file index in DIR
                into the database (moving an index to Postgres then embeds nothing again),
                and the bot's state files in DIR/state (see --from-state)
  --from-state DIR  with DATABASE_URL: move the bot's state files (STATE_DIR: conversations,
                /stats, votes, handled updates) into the database; stop the bot first
  --force       build a new index version even when the current one is up to date (one that
                cannot be loaded is rebuilt without it); cached embeddings are reused, the
                HNSW graph is built whole (not updated from the serving one)
  --json        print the summary as one JSON object on the last stdout line
  -h, --help    this text`;

/** The flags it accepts (its usage lists each). */
export const OPTIONS = {
  seeds: { type: "string" },
  store: { type: "string" },
  "from-store": { type: "string" },
  "from-state": { type: "string" },
  force: { type: "boolean", default: false },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** The command; `io` is the process (or a test). Returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(argv, OPTIONS);
  if (values.help) return printUsage(USAGE, io);
  const env = loadConfig(io.env);
  const importCacheFrom = values["from-store"];
  if (importCacheFrom !== undefined && !env.databaseUrl) {
    throw new UsageError("--from-store copies a file index's embedding cache into Postgres: set DATABASE_URL too.");
  }
  // The default STATE_DIR of a file index is its state/ folder.
  const moveStateFrom = values["from-state"] ?? (importCacheFrom !== undefined ? join(importCacheFrom, "state") : undefined);
  if (values["from-state"] !== undefined && !env.databaseUrl) {
    throw new UsageError("--from-state moves the bot's state files into Postgres: set DATABASE_URL too.");
  }
  // Named folders must exist: a misspelt --from-state would otherwise move nothing, silently.
  if (importCacheFrom !== undefined) await requirePath("--from-store", importCacheFrom, "folder");
  if (values["from-state"] !== undefined) await requirePath("--from-state", values["from-state"], "folder");
  const config = { ...env, seedsDir: values.seeds ?? env.seedsDir, vectorstoreDir: values.store ?? env.vectorstoreDir };
  const json = values.json === true;
  // Logs go to stderr; only warnings unless LOG_LEVEL asks for more, so the summary stays readable.
  const logger = createCliLogger(io, config.logLevel, secretsOf(io.env));
  const bar = !json && io.stderr.isTTY ? progressBar(io.stderr as NodeJS.WritableStream) : null;

  // Locked first: a bot still running on the state files refuses the command before the build.
  const stateMove = moveStateFrom !== undefined && config.databaseUrl ? await beginStateMove({ ...config, databaseUrl: config.databaseUrl }, moveStateFrom, logger) : null;
  let summary: IngestSummary;
  let movedState: MovedState | null = null;
  try {
    try {
      summary = await ingest(config, {
        logger,
        force: values.force === true,
        storeSetting: STORE_FLAG_SETTING,
        seedsSetting: SEEDS_FLAG_SETTING,
        ...(bar ? { onProgress: bar.update } : {}),
        ...(importCacheFrom ? { importCacheFrom } : {}),
      });
    } finally {
      bar?.stop();
    }
    movedState = (await stateMove?.move()) ?? null;
  } finally {
    await stateMove?.release();
  }

  if (json) {
    io.stdout.write(`${JSON.stringify(movedState ? { ...summary, movedState } : summary)}\n`);
  } else {
    io.stdout.write(formatSummary(summary));
    if (movedState) io.stdout.write(formatMovedState(moveStateFrom ?? "", movedState));
  }
  return 0;
}

/** What `--from-state` moved, for a person. */
function formatMovedState(dir: string, m: MovedState): string {
  return `Moved the bot's state from ${dir}: ${count(m.conversations, "conversation")}, ${count(m.passageKeys, "passage key")}, ${count(m.questions, "counted question")}, ${count(m.votes, "vote")}, ${count(m.handledUpdates, "handled update")}, ${count(m.unfinishedUpdates, "unfinished update")}.\n`;
}

/** The summary for a person: counts, then each skipped file with its reason, then each warning. */
export function formatSummary(s: IngestSummary): string {
  const lines: string[] = [];
  const nothingChanged = s.added === 0 && s.changed === 0 && s.removed === 0 && s.embedded === 0;
  const counts = `(${count(s.articles, "article")}, ${count(s.chunks, "chunk")})`;
  lines.push(
    s.upToDate
      ? `Index is up to date: nothing changed, 0 chunks embedded ${counts}.`
      : nothingChanged
        ? `Rebuilt the index: no article changed, 0 chunks embedded ${counts}.`
        : `Indexed ${count(s.articles, "article")} in ${count(s.chunks, "chunk")}; embedded ${count(s.embedded, "new chunk")}.`,
  );
  lines.push(`  added ${s.added}, changed ${s.changed}, removed ${s.removed}, unchanged ${s.unchanged}, skipped ${s.skipped.length}`);
  for (const skip of s.skipped) lines.push(`  skipped ${skip.file}: ${skip.reason}`);
  for (const warning of s.warnings) lines.push(`  warning ${warning.file}: ${warning.reason}`);
  lines.push(`  embedder ${s.embedder}, version ${s.version}, ${(s.ms / 1000).toFixed(1)} s`);
  return `${lines.join("\n")}\n`;
}

/**
 * A bar for phases with a real count (files read, chunks embedded); single steps (writing,
 * "0/1") and a run with nothing to embed show no bar.
 */
export function progressBar(stream: NodeJS.WritableStream) {
  const bar = new cliProgress.SingleBar(
    // noTTYOutput: the caller decides (it creates the bar only for a terminal).
    { format: "{label} [{bar}] {value}/{total} {unit}", stream, hideCursor: true, clearOnComplete: true, noTTYOutput: true },
    cliProgress.Presets.shades_classic,
  );
  const names = { load: ["reading  ", "files"], embed: ["embedding", "chunks"], write: ["writing  ", "steps"] } as const;
  let phase: IngestProgress["phase"] | null = null;
  return {
    update: (p: IngestProgress) => {
      if (p.total <= 1) return;
      const [label, unit] = names[p.phase];
      if (phase === null) bar.start(p.total, p.done, { label, unit });
      else if (p.phase !== phase) bar.setTotal(p.total);
      phase = p.phase;
      bar.update(p.done, { label, unit });
    },
    stop: () => {
      if (phase !== null) bar.stop();
    },
  };
}

await runAsEntryPoint(import.meta.url, main, USAGE);
