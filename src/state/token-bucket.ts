import type { RateLimitOptions, RateResult } from "./bot-state-store.js";

/** One user's bucket: tokens left at time `at`, and requests refused since the last one allowed. */
export interface Bucket {
  tokens: number;
  at: number;
  denied: number;
}

/**
 * Takes one token (the rule the Postgres store applies in SQL too): bursts are fine, floods are
 * not; the first refusal warns, later ones are dropped silently until a token is back.
 */
export function takeToken(bucket: Bucket | undefined, options: RateLimitOptions, now: number): { bucket: Bucket; result: RateResult } {
  const { burst, refillMs } = options;
  const tokens = bucket ? Math.min(burst, bucket.tokens + Math.max(0, now - bucket.at) / refillMs) : burst;
  if (tokens >= 1) return { bucket: { tokens: tokens - 1, at: now, denied: 0 }, result: { decision: "allow", waitMs: 0 } };
  const denied = Math.min(2, (bucket?.denied ?? 0) + 1);
  const waitMs = Math.ceil((1 - tokens) * refillMs);
  return { bucket: { tokens, at: now, denied }, result: { decision: denied === 1 ? "warn" : "drop", waitMs } };
}

/** True when the bucket has refilled completely by `now`: it need not be remembered any more. */
export function isFull(bucket: Bucket, options: RateLimitOptions, now: number): boolean {
  return bucket.tokens + (now - bucket.at) / options.refillMs >= options.burst;
}
