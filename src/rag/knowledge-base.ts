import type { Answer, Turn } from "../answers/answer.js";
import type { Chunk } from "../chunks/chunk.js";
import type { IngestProgress, IngestSummary } from "../store/ingest-summary.js";

export interface AskOptions {
  /** How many passages to retrieve (default 5). */
  k?: number;
  /** Earlier turns when a question continues a conversation. */
  history?: Turn[];
}

/** What the serving index holds, for /start, /help and /stats. */
export interface IndexInfo {
  articles: number;
  chunks: number;
  version: string;
  builtAt: string;
  embedder: string;
  /** Oldest and newest article dates, when articles have dates. */
  dateRange: { from: string | null; to: string | null };
  titles: string[];
}

/**
 * The one service both surfaces (CLI and Telegram bot) use. Nothing behind it knows about
 * Telegram; nothing in front of it knows how retrieval works.
 */
export interface KnowledgeBase {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  info(): IndexInfo;
  /** A chunk of the serving index by id (for "show passage"). */
  chunk(chunkId: string): Chunk | undefined;
  /**
   * Re-reads the seeds folder and rebuilds incrementally; questions keep being answered from
   * the old index until the new one is swapped in. Rejects with `ReindexInProgressError` while
   * another re-index runs.
   */
  reindex(onProgress?: (progress: IngestProgress) => void): Promise<IngestSummary>;
  isReindexing(): boolean;
}
