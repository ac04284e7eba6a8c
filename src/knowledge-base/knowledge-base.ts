// The service interface both surfaces use. The bot and the CLIs import from here only (types
// included), never from the store, ingest or retrieval.
import type { Citation, Turn } from "../answers/answer.js";
import type { Chunk } from "../chunks/chunk.js";
import type { IngestProgress, IngestSummary } from "../ingest/ingest-summary.js";
import type { RankedPassage } from "../retrieval/passage.js";
import type { Lang } from "../texts/lang.js";
import type { DatedArticle, NoSuchDay } from "./time-questions.js";

export type { Citation, Turn } from "../answers/answer.js";
export type { Chunk } from "../chunks/chunk.js";
export type { IngestProgress, IngestSummary } from "../ingest/ingest-summary.js";
export type { RankedPassage } from "../retrieval/passage.js";
export { startsWithQuestionWord } from "../reader/answer-type.js";
export { askedWords } from "../terms/own-words.js";
export { pickedItem } from "./listing-pick.js";
export { words } from "../terms/tokenize.js";
export { MAX_URL } from "../articles/article.js";
export { uploadNameProblem } from "../articles/save-upload.js";
export { AppError, NoSuchArticleError, QuestionError, ReindexInProgressError, UploadError, type UploadProblem } from "../shared/errors.js";

export interface AskOptions {
  /** How many passages to retrieve (default 5). */
  k?: number;
  /** Earlier turns when a question continues a conversation. */
  history?: Turn[];
  /** The moment "вчора" or "last week" is read against (default: the service's clock). */
  now?: Date;
  /**
   * Called with the answer so far while an LLM writes it (plain text with `[n]` markers), so a
   * surface can show it growing. Only a preview: the returned answer is what was checked (its
   * citations validated, or the extractive fallback). Extractive answers never call it.
   */
  onDraft?: (textSoFar: string) => void;
  /**
   * Abort it when no one waits for the answer any more (a deadline passed, a newer question made
   * it pointless): `ask` then rejects at once with the signal's reason (already aborted: without
   * looking anything up), and an LLM's request is aborted. Not a failure: nothing is logged as
   * one, no extractive fallback is made.
   */
  signal?: AbortSignal;
  /**
   * The language the surface puts the answer into words in (the bot: the question's words, else
   * the user's Telegram language; see pickLang): a quote's "вчора" is dated in it, "вчора (3
   * лютого 2026)" or "(3 February 2026)", as the sources under it are. Default: questionLang.
   */
  lang?: Lang;
}

/**
 * Why a question was answered "not found": no passage at all, passages below the relevance
 * threshold, or the answerer read them and found no answer (an LLM's refusal); nothing in the
 * period asked about, or the question names a day that does not exist ("31 лютого"); a reply to a
 * listing names an article past its end ("А про що п'ята?" under three); the vector search failed
 * (the database or the embeddings server down) and the words alone found no answer, which says
 * nothing of what the articles hold ("search-unavailable": not a content gap).
 */
export type NotFoundReason = "no-passages" | "low-relevance" | "answerer" | "nothing-in-period" | "no-such-day" | "not-in-listing" | "search-unavailable";

/** An article as the surfaces list it (listings, "nearest in time", /latest). */
export type { DatedArticle, NoSuchDay } from "./time-questions.js";

/** The result of `kb.ask`: data only; each surface puts it into words. */
export interface Answer {
  question: string;
  /** Plain text with `[n]` markers; empty when `notFound` (the surface says so in its own words). */
  answer: string;
  /**
   * What a conversation keeps of an answer (a follow-up's `history`): `answer` without the dates
   * added to quotes ("вчора (3 лютого 2026)"), whose words would lead the follow-up's retrieval and
   * hide the quote from "already said"; a listing's articles, "1. Title (date)" a line. Not set on
   * "not found" answers.
   */
  remembered?: string;
  mode: "extractive" | "llm";
  /** True when the articles do not cover the question; `closestTitles` then suggests where to look. */
  notFound: boolean;
  /** Set when `notFound`. */
  reason?: NotFoundReason;
  citations: Citation[];
  /** In rank order. */
  passages: RankedPassage[];
  closestTitles: string[];
  ms: number;
  /** The period the question named ("вчора", "у листопаді 2025"), read against the clock. */
  dateRange?: { from: string; to: string };
  /** The question asked for the latest ("останні новини"): the newest articles come first. */
  recency?: boolean;
  /**
   * "listing": the question named only a period ("Що відбулося вчора?"); the citations are that
   * period's articles, newest first, and `answer` is empty (each surface words the list).
   */
  kind?: "answer" | "listing";
  /** A listing cut short: how many of the period's articles it leaves out, and the newest one's date. */
  more?: { count: number; newest: string };
  /** Not found in the period: the article on the topic (for a listing: any article) nearest to it in time. */
  nearest?: DatedArticle;
  /** The day the question named, which does not exist ("31 лютого"; reason "no-such-day"). */
  noSuchDay?: NoSuchDay;
  /** How many articles the listing a reply picks from had, when it named one past them (reason "not-in-listing"). */
  listingLength?: number;
  /**
   * A reply that picked an article of a listing: that listing's article ids, kept with the answer's
   * turn so that a reply to it picks from the same listing ("А третя?" under "А про що друга?").
   */
  listed?: readonly string[];
  /** The cited articles differ in date (or the latest was asked): the newest of their dates. */
  asOf?: string;
  /**
   * An answer that may not answer the question, the closest the articles come: a quote the reader
   * doubts (answered, but below even odds; an LLM judges that itself), or a one-word reply
   * answered from no article on the conversation's topic. Surfaces say so before it.
   */
  unsure?: true;
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
  /** The days articles are dated, each once, oldest first (announcements may be dated ahead). */
  dates: string[];
  titles: string[];
  /** Files of the seeds folder the index left out (unreadable, empty, too large…; `npm run ingest` says why). */
  skipped: number;
}

/** An article file an admin may remove (see `removeArticle`). */
export interface ArticleFile {
  /** Its path relative to the seeds folder, with forward slashes (the article's id). */
  fileName: string;
  /** Last modified, in ms since the epoch. */
  modifiedAt: number;
  /** From the serving index; absent when the file is not indexed (added since, or skipped). */
  title?: string;
  date?: string | null;
}

/**
 * The one service both surfaces (CLI and Telegram bot) use. Nothing behind it knows about
 * Telegram; nothing in front of it knows how retrieval works.
 */
export interface KnowledgeBase {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  info(): IndexInfo;
  /**
   * Serves the version the store serves now when another process made one (at most one check per
   * interval, as `ask` does): call it before `info`, `chunk` or `latest` answer a person, or an
   * instance that had no question since another's re-index shows the index before it.
   */
  refresh(): Promise<void>;
  /** A chunk of the serving index by id (for "show passage"). */
  chunk(chunkId: string): Chunk | undefined;
  /**
   * Saves an uploaded article into the seeds folder (safe name, size limit, UTF-8, some text),
   * and into the database when the index is shared, so every instance indexes it;
   * rejects with `UploadError` (its `problem` says which rule) otherwise. Does not re-index.
   */
  addArticle(fileName: string, bytes: Uint8Array): Promise<{ fileName: string; replaced: boolean }>;
  /** The article files `removeArticle` accepts, the most recently changed first. */
  articleFiles(): Promise<ArticleFile[]>;
  /**
   * Deletes an article file (`fileName`: its path relative to the seeds folder) and, when the
   * index is shared, its upload in the database, recording the removal so that every instance
   * deletes its own copy before it builds. Only a `.txt`/`.md` file inside the seeds folder,
   * not hidden and not a symlink: rejects with `NoSuchArticleError` otherwise. Does not re-index.
   */
  removeArticle(fileName: string): Promise<void>;
  /**
   * Re-reads the seeds folder and rebuilds incrementally; questions keep being answered from
   * the old index until the new one is swapped in. Rejects with `ReindexInProgressError` while
   * another re-index runs.
   */
  reindex(onProgress?: (progress: IngestProgress) => void): Promise<IngestSummary>;
  /** A re-index runs in this process. */
  isReindexing(): boolean;
  /**
   * A build holds the index's writer lock in another process sharing the index (another
   * instance's /reindex, `npm run ingest`): a re-index here would be refused.
   */
  isReindexingElsewhere(): Promise<boolean>;
  /** The newest articles dated up to today (by the clock), newest first (for /latest). */
  latest(limit: number): DatedArticle[];
}
