// The bot's state behind one small port, so it can live in files (one process, the default) or
// in Postgres (DATABASE_URL: several webhook instances share it). Every call is async because
// the shared implementation is a database round trip; every part is bounded (sizes, expiry).
import type { Update } from "grammy/types";
import type { Turn } from "../knowledge-base/knowledge-base.js";

/** What a short `k:<key>` source button stands for (see src/bot/passage-keys.ts). */
export interface PassageRef {
  n: number;
  chunkId: string;
  hash: string;
  /** Where the cited sentence lies in the passage's text (UTF-16 offsets), when it is a part of it. */
  quote?: { start: number; end: number };
}

/** What to do with a request: serve it, tell the user once to slow down, or drop it silently. */
export type RateDecision = "allow" | "warn" | "drop";

export interface RateLimitOptions {
  /** Requests a user may make in a burst. */
  burst: number;
  /** One more request is allowed every this many milliseconds. */
  refillMs: number;
}

/** A rate-limit decision and, when not allowed, how long until one more request is. */
export interface RateResult {
  decision: RateDecision;
  waitMs: number;
}

/** 1 = helpful (👍), -1 = not helpful (👎). */
export type Vote = 1 | -1;

/** What a vote did. */
export interface VoteResult {
  /** "not-kept": a new voter on an answer that already has the most voters kept (200); the vote is not recorded. */
  outcome: "new" | "changed" | "same" | "not-kept";
  /**
   * The answer's question is kept, so /stats can name it among the worst-rated: asked in a
   * group, and the answer still remembered. Not for a private chat's, nor one the state has
   * forgotten (its votes are only counted).
   */
  listed: boolean;
}

export interface FeedbackSummary {
  up: number;
  down: number;
  /** Group questions with more 👎 than 👍, worst first. */
  worst: { question: string; up: number; down: number }[];
}

/** What /stats counted of a question: its text and whether it found nothing. */
export interface CountedQuestion {
  question: string;
  notFound: boolean;
}

/** Usage counters for /stats. */
export interface StatsSnapshot {
  questions: number;
  notFound: number;
  /** The last few group questions that found nothing (content gaps), newest first. Never a private chat's. */
  recentNotFound: string[];
  /** When counting started (ms since the epoch): kept across restarts. */
  since: number;
}

/**
 * Updates taken from Telegram: recorded before Telegram is told they arrived, marked done once
 * handled. `claim` is the one place that decides which process handles an update: it records
 * the new ones and returns only those (insert first, skip on conflict), so an update delivered
 * twice, or to two instances, is handled once.
 */
export interface UpdateLog {
  /** Records the updates not seen before, durably; resolves to those (this process handles them). */
  claim(updates: readonly Update[]): Promise<Update[]>;
  /** Marks an update handled (best effort: at worst it is handled again after a crash). */
  markDone(updateId: number): void;
  /**
   * True once this process lost an update it is handling to another (a shared log: its lease here
   * ran out and another instance took the update over, which answers it); until markDone. What
   * this process would still send for it could be a second answer. Never true for a log of its own.
   */
  lost(updateId: number): boolean;
  /**
   * Updates recorded but never finished (a crash, a stop, a dead instance), taken over for
   * handling again; those already taken over `maxReplays` times are marked done and listed in
   * `dropped` (an update that crashes the process must not do so forever).
   */
  reclaim(maxReplays: number): Promise<{ replay: Update[]; dropped: number[] }>;
  /** Other processes share this log (their unfinished updates are reclaimed now and then, not only at start). */
  readonly shared: boolean;
  close(): Promise<void>;
}

/** Follow-up conversations and passage keys: small values that expire. */
export interface ExpiringMap<V> {
  get(key: string): Promise<V | undefined>;
  set(key: string, value: V): Promise<void>;
}

/** The bot's state (see the top of this file). */
export interface BotStateStore {
  /** For logs: a folder, or a database and schema. */
  readonly location: string;
  /** `${chatId}:${messageId}` of an answer → the conversation so far (a reply continues it). */
  conversations: ExpiringMap<Turn[]>;
  /** Short callback keys → passages (for chunk ids too long for 64-byte callback data). */
  passageKeys: ExpiringMap<PassageRef>;
  stats: {
    /** Counts one answered question; unanswered group questions become content gaps. */
    record(question: string, notFound: boolean, fromGroup: boolean): Promise<void>;
    /**
     * An edited question answered again: its counted outcome (`earlier`) becomes this one, as
     * one question still (a typo fixed is not a second one); a first "not found" an edit answered
     * is no gap any more. `fromGroup` as when it was recorded (the same message).
     */
    revise(earlier: CountedQuestion, question: string, notFound: boolean, fromGroup: boolean): Promise<void>;
    snapshot(recent: number): Promise<StatsSnapshot>;
  };
  /** Token buckets per limiter name and user, at the time `now` (ms). */
  rateLimits: {
    take(limiter: string, userId: number, options: RateLimitOptions, now: number): Promise<RateResult>;
  };
  feedback: {
    /** Remembers an answer that can be voted on; `groupQuestion` only for questions asked in groups. */
    register(answerKey: string, groupQuestion: string | null): Promise<void>;
    /** One vote per user per answer; voting again replaces it. */
    vote(answerKey: string, userId: number, vote: Vote): Promise<VoteResult>;
    summary(worstCount?: number): Promise<FeedbackSummary>;
  };
  updates: UpdateLog;
  /** Writes what is pending and lets go of files or connections. */
  close(): Promise<void>;
}
