/** What to do with a request: serve it, tell the user once to slow down, or drop it silently. */
export type RateDecision = "allow" | "warn" | "drop";

export interface RateLimitOptions {
  /** Requests a user may make in a burst. */
  burst: number;
  /** One more request is allowed every this many milliseconds. */
  refillMs: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
  warned: boolean;
}

/** A token bucket per user: bursts are fine, floods are not; the warning is sent only once. */
export class RateLimiter {
  private readonly buckets = new Map<number, Bucket>();
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Takes one token for `userId`. */
  take(userId: number): RateDecision {
    const now = this.now();
    const { burst, refillMs } = this.options;
    const bucket = this.buckets.get(userId) ?? { tokens: burst, at: now, warned: false };
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) / refillMs);
    bucket.at = now;
    this.buckets.set(userId, bucket);
    this.forgetFullBuckets(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.warned = false;
      return "allow";
    }
    if (bucket.warned) return "drop";
    bucket.warned = true;
    return "warn";
  }

  /** Milliseconds until `userId` may make one more request (0 when they may now). */
  waitMs(userId: number): number {
    const bucket = this.buckets.get(userId);
    if (!bucket) return 0;
    const tokens = bucket.tokens + (this.now() - bucket.at) / this.options.refillMs;
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) * this.options.refillMs);
  }

  // Users who have been quiet long enough are back to a full bucket: no need to remember them.
  private forgetFullBuckets(now: number): void {
    if (this.buckets.size < 10_000) return;
    for (const [id, b] of this.buckets) {
      if (b.tokens + (now - b.at) / this.options.refillMs >= this.options.burst) this.buckets.delete(id);
    }
  }
}
