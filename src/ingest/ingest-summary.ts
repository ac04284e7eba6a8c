import type { ArticleWarning, SkippedFile } from "../articles/article.js";

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
