import type { Update } from "grammy/types";
import type { Turn } from "../knowledge-base/knowledge-base.js";
import type { BotStateStore, PassageRef, RateLimitOptions, RateResult, UpdateLog } from "./bot-state-store.js";
import { ExpiringMemoryMap } from "./expiring-memory-map.js";
import { FeedbackStore } from "./feedback-file.js";
import { MemoryStats, type SavedStats } from "./memory-stats.js";
import { type Bucket, isFull, takeToken } from "./token-bucket.js";

/** Sizes and lifetimes of the state kept in one process (files, or memory only). */
export interface MemoryStateLimits {
  /** Follow-up conversations kept (default 2,000), each for `conversationTtlMs` (default 7 days). */
  conversations?: number;
  conversationTtlMs?: number;
  /** Passage keys kept (default 5,000), each for `passageKeyTtlMs` (default 30 days). */
  passageKeys?: number;
  passageKeyTtlMs?: number;
}

const DAY = 24 * 60 * 60 * 1000;
// Buckets beyond this many are checked for full ones (those users are back to a full budget).
const BUCKETS_BEFORE_SWEEP = 10_000;

/** What `bot-state.json` holds. */
export interface SavedState {
  conversations?: [string, { value: Turn[]; at: number }][];
  passageKeys?: [string, { value: PassageRef; at: number }][];
  stats?: SavedStats;
  buckets?: [string, Bucket & { burst: number; refillMs: number }][];
}

/**
 * The bot's state in this process's memory: the default for tests, and what the file store
 * saves and loads. `onChange` is called after every change (the file store schedules a save).
 */
export class MemoryBotState implements BotStateStore {
  readonly location: string;
  readonly conversations: ExpiringMemoryMap<Turn[]>;
  readonly passageKeys: ExpiringMemoryMap<PassageRef>;
  readonly stats: MemoryStats;
  readonly feedback: BotStateStore["feedback"];
  readonly updates: UpdateLog;
  readonly rateLimits: BotStateStore["rateLimits"];
  private readonly buckets = new Map<string, Bucket & RateLimitOptions>();
  private readonly beforeClose: () => Promise<void>;
  private readonly afterClose: () => Promise<void>;
  private readonly now: () => number;

  constructor(
    options: {
      now?: () => number;
      limits?: MemoryStateLimits;
      feedback?: FeedbackStore;
      updates?: UpdateLog;
      onChange?: () => void;
      /** For logs (the file store: its folder). */
      location?: string;
      /** Runs before the update log closes (the file store: its last save). */
      beforeClose?: () => Promise<void>;
      /** Runs once the update log closed (the file store: releases its folder's lock). */
      afterClose?: () => Promise<void>;
    } = {},
  ) {
    this.location = options.location ?? "memory";
    this.beforeClose = options.beforeClose ?? (async () => {});
    this.afterClose = options.afterClose ?? (async () => {});
    const now = options.now ?? Date.now;
    this.now = now;
    const changed = options.onChange ?? (() => {});
    const limits = options.limits ?? {};
    // The file store rewrites all of it (a few MB at most) when something changed: kept small on purpose.
    this.conversations = new ExpiringMemoryMap(limits.conversations ?? 2_000, limits.conversationTtlMs ?? 7 * DAY, now, changed);
    this.passageKeys = new ExpiringMemoryMap(limits.passageKeys ?? 5_000, limits.passageKeyTtlMs ?? 30 * DAY, now, changed);
    this.stats = new MemoryStats(now(), 20, changed);
    const votes = options.feedback ?? FeedbackStore.inMemory();
    this.feedback = {
      register: async (key, question) => votes.register(key, question),
      vote: async (key, userId, vote) => votes.vote(key, userId, vote),
      summary: async (worst) => votes.summary(worst),
    };
    this.updates = options.updates ?? new MemoryUpdateLog();
    this.rateLimits = {
      take: async (limiter, userId, rate, at): Promise<RateResult> => {
        const key = `${limiter}:${userId}`;
        const { bucket, result } = takeToken(this.buckets.get(key), rate, at);
        this.buckets.delete(key); // re-inserted last: the map stays in least-recently-used order
        this.buckets.set(key, { ...bucket, ...rate });
        if (this.buckets.size > BUCKETS_BEFORE_SWEEP) this.forgetFullBuckets(at);
        changed();
        return result;
      },
    };
  }

  async close(): Promise<void> {
    try {
      await this.beforeClose();
      await this.updates.close();
    } finally {
      await this.afterClose();
    }
  }

  toJSON(): SavedState {
    return {
      conversations: this.conversations.entries(),
      passageKeys: this.passageKeys.entries(),
      stats: this.stats.toJSON(),
      // Full buckets are the same as none: not saved.
      buckets: [...this.buckets]
        .filter(([, b]) => !isFull(b, b, this.now()))
        .map(([key, b]) => [key, { tokens: b.tokens, at: b.at, denied: b.denied, burst: b.burst, refillMs: b.refillMs }]),
    };
  }

  /** Loads what `toJSON` saved; entries that do not look right are skipped. */
  restore(saved: SavedState): void {
    for (const [key, entry] of saved.conversations ?? []) {
      if (typeof key === "string" && Array.isArray(entry?.value) && Number.isFinite(entry.at)) this.conversations.restore(key, entry.value, entry.at);
    }
    for (const [key, entry] of saved.passageKeys ?? []) {
      if (typeof key === "string" && typeof entry?.value?.chunkId === "string" && Number.isFinite(entry.at)) this.passageKeys.restore(key, entry.value, entry.at);
    }
    if (saved.stats) this.stats.restore(saved.stats);
    for (const [key, b] of saved.buckets ?? []) {
      if (typeof key === "string" && [b?.tokens, b?.at, b?.burst, b?.refillMs].every(Number.isFinite)) this.buckets.set(key, { ...b, denied: Number(b.denied) || 0 });
    }
  }

  // Users quiet long enough are back to a full bucket: no need to remember them.
  private forgetFullBuckets(now: number): void {
    for (const [key, b] of this.buckets) if (isFull(b, b, now)) this.buckets.delete(key);
  }
}

/** Update ids handled by this process only (tests): no durability. */
export class MemoryUpdateLog implements UpdateLog {
  readonly shared = false;
  private readonly seen = new Set<number>();

  async claim(updates: readonly Update[]): Promise<Update[]> {
    const fresh = updates.filter((u) => !this.seen.has(u.update_id) && this.seen.add(u.update_id));
    while (this.seen.size > 10_000) this.seen.delete(this.seen.values().next().value as number);
    return fresh;
  }

  markDone(): void {}

  lost(): boolean {
    return false;
  }

  async reclaim(): Promise<{ replay: Update[]; dropped: number[] }> {
    return { replay: [], dropped: [] };
  }

  async close(): Promise<void> {}
}
