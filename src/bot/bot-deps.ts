import type { UserFromGetMe } from "grammy/types";
import type { KnowledgeBase, Turn } from "../knowledge-base/knowledge-base.js";
import type { Logger } from "../shared/logger.js";
import type { ApiRetryOptions } from "./api-retry.js";
import type { StreamTiming } from "./answer-stream.js";
import type { AlbumMark } from "./album.js";
import type { BotStateStore, CountedQuestion, ExpiringMap, PassageRef, RateLimitOptions, RateResult } from "../state/bot-state-store.js";

/** Fetches a file that Telegram's getFile described (its `file_path`). */
export type FileDownloader = (filePath: string) => Promise<Uint8Array>;

/** Everything `createBot` needs; nothing here reads the environment. */
export interface BotDeps {
  kb: KnowledgeBase;
  /** Telegram user ids allowed to /reindex, /stats and upload articles. */
  adminIds: ReadonlySet<number>;
  logger: Logger;
  /** Larger uploads are refused before they are downloaded (the knowledge base checks again). */
  maxUploadBytes: number;
  /** Skips getMe (tests, or a known bot). */
  botInfo?: UserFromGetMe;
  /** Another Bot API server (TELEGRAM_API_ROOT); default api.telegram.org. */
  apiRoot?: string;
  /** Replaces the HTTP download of uploaded files (tests). */
  downloadFile?: FileDownloader;
  /** Per-user question limit; default a burst of 5, then one every 4 s. */
  rateLimit?: RateLimitOptions;
  /**
   * A member's share of one group's answers (on top of `rateLimit`); default a burst of 3, then one
   * every 20 s: Telegram lets a bot post about 20 messages a minute into a group, and one member
   * must not take them all.
   */
  groupRateLimit?: RateLimitOptions;
  /** Per-user limit on commands (/help, /stats, /reindex, …) and uploads; default a burst of 5, then one every 3 s. */
  commandRateLimit?: RateLimitOptions;
  /** Per-user limit on the buttons under answers ("[n]" passages, 👍/👎); default a burst of 10, then one every 2 s. */
  passageRateLimit?: RateLimitOptions;
  /** Per-user limit on inline queries; default a burst of 10, then one a second (a query per pause in typing). */
  inlineRateLimit?: RateLimitOptions;
  /** How long an inline query waits for its answer before saying it takes too long (default 8 s: Telegram waits about 10; tests shorten it). */
  inlineDeadlineMs?: number;
  /** Minimum pause between progress edits of the /reindex status message (avoids 429). */
  progressIntervalMs?: number;
  now?: () => number;
  /** Conversations, passage keys, stats, rate limits, votes: files in STATE_DIR or Postgres (default: in memory only). */
  stateStore?: BotStateStore;
  /** How long one Bot API call may take before it fails (not retried: it may have reached Telegram, see api-retry.ts); default API_TIMEOUT_SECONDS (create-bot.ts). */
  apiTimeoutSeconds?: number;
  /** Retries of failed outgoing calls (tests shorten the pauses). */
  apiRetry?: ApiRetryOptions;
  /** false turns off pacing outgoing messages to Telegram's limits (handler unit tests). */
  throttle?: boolean;
  /** How long the first photo of an album without a question waits for its caption before "send it as text" (default 3 s; tests shorten it). */
  albumWaitMs?: number;
  /** How often an LLM answer being written is shown (default: drafts 1 s, edits 3 s). */
  streamTiming?: StreamTiming;
}

/** One user budget (a token bucket per user, kept in the state store). */
export interface Limiter {
  /** `chat`: where it is asked (the question limiter also keeps each member's share of a group). */
  take(userId: number, chat?: { id: number; type: string }): Promise<RateResult>;
}

/** A question the bot answered: what was asked, and the messages of its answer (in order). */
export interface AnsweredQuestion {
  question: string;
  answerIds: number[];
  /** What /stats holds of this message's question (an edit revises it); none when it could not be counted. */
  counted?: CountedQuestion;
}

/** The state the features of one bot share (kept in the state store, so it survives restarts, but for `answered`). */
export interface BotState {
  /**
   * `${chatId}:${messageId}` of a question → its answer, so an edited question edits that answer
   * (see ask.ts). In memory only: forgetting it costs a new reply instead of an edit, and
   * private questions are not written anywhere for it.
   */
  answered: ExpiringMap<AnsweredQuestion>;
  /**
   * `${chatId}:${answerId}:${button}` of the passages posted in groups, for 10 minutes: one post
   * per answer and source, however often it is tapped (see passage.ts). In memory only.
   */
  passagesShown: ExpiringMap<boolean>;
  /** `${chatId}:${messageId}` of the messages edited into a command and told so: once each (see edited-command.ts). In memory only. */
  editedCommands: ExpiringMap<boolean>;
  /** `${chatId}:${media_group_id}` of the albums in private chats: answered by a caption, or waiting for one (see album.ts). In memory only. */
  albums: ExpiringMap<AlbumMark>;
  /** `${chatId}:${messageId}` of an answer → the conversation so far (for follow-up replies). */
  conversations: ExpiringMap<Turn[]>;
  /** Short callback keys → passages, for chunk ids too long for 64-byte callback data. */
  passageKeys: ExpiringMap<PassageRef>;
  stats: BotStateStore["stats"];
  feedback: BotStateStore["feedback"];
  /** Questions. */
  limiter: Limiter;
  /** Commands other than /ask, and uploads. */
  commandLimiter: Limiter;
  /** The buttons under answers: passages and votes. */
  passageLimiter: Limiter;
  /** Inline queries. */
  inlineLimiter: Limiter;
}

/** What each feature receives. */
export interface FeatureDeps extends BotDeps {
  state: BotState;
  downloadFile: FileDownloader;
  now: () => number;
}
