import type { ArticleWarning, SkippedFile } from "../articles/article.js";
import type { Logger } from "../shared/logger.js";

/** The outcome of one (re)index run; its JSON form is the `npm run ingest -- --json` contract. */
export interface IngestSummary {
  articles: number;
  chunks: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  skipped: SkippedFile[];
  /** Articles indexed with a problem in their header (an impossible date): indexed, but worth a fix. */
  warnings: ArticleWarning[];
  /** Embedder id, e.g. `local-hash-v1:512` or `openai:text-embedding-3-small`. */
  embedder: string;
  /** Chunks actually sent to the embedder (cache misses); 0 on a run with no changes. */
  embedded: number;
  /** The version folder now serving. */
  version: string;
  /** The serving version was already current, so nothing was written (not after `--force` or a repair). */
  upToDate: boolean;
  ms: number;
}

/** Progress of a build, for progress bars and the bot's status message. */
export interface IngestProgress {
  phase: "load" | "embed" | "write";
  done: number;
  total: number;
}

/** Lines `logSkippedAndWarnings` writes at most; then one saying how many more. */
export const MAX_LOGGED_PROBLEMS = 20;

/**
 * Logs each skipped file and each article indexed with a warning at info level, with its file and
 * reason (never the article's text), so an operator sees them in the bot's log without debug
 * logging: at most `MAX_LOGGED_PROBLEMS` lines, then one with how many more. Not warn: the
 * command-line tools print warnings, and `npm run ingest` already lists them all in its summary
 * (each was printed twice), while `ask`, `eval` and `train` have no use for them.
 */
export function logSkippedAndWarnings(logger: Logger, skipped: readonly SkippedFile[], warnings: readonly ArticleWarning[]): void {
  const problems = [
    ...skipped.map((s) => ({ msg: "article skipped", file: s.file, reason: s.reason, code: s.code })),
    ...warnings.map((w) => ({ msg: "article indexed with a warning", file: w.file, reason: w.reason, code: w.code })),
  ];
  for (const { msg, ...fields } of problems.slice(0, MAX_LOGGED_PROBLEMS)) logger.info(fields, msg);
  const more = problems.length - MAX_LOGGED_PROBLEMS;
  if (more > 0) {
    const moreSkipped = Math.max(0, skipped.length - MAX_LOGGED_PROBLEMS);
    logger.info({ more, skipped: moreSkipped, warnings: more - moreSkipped }, `and ${more} more skipped articles or warnings (npm run ingest lists them all)`);
  }
}
