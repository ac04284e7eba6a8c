import type { RateLimitOptions, RateResult } from "./bot-state-store.js";

/**
 * One user's bucket: tokens left at time `at`, and what the last request got since the bucket was
 * last full (`denied`): 0 nothing refused; 1 refused, with the warning; 2 refused, silently;
 * 3 served, the warning already given. The warning is given once per flood: not again until the
 * bucket has refilled completely, however many requests are served in between as tokens trickle back.
 */
export interface Bucket {
  tokens: number;
  at: number;
  denied: number;
}

/** The `denied` values (see Bucket); the Postgres store writes the same numbers. */
export const DENIED = { none: 0, warned: 1, dropped: 2, servedAfterWarning: 3 } as const;

/**
 * Takes one token (the rule the Postgres store applies in SQL too): bursts are fine, floods are
 * not; the first refusal warns, later ones are dropped silently, until the bucket is full again.
 */
export function takeToken(bucket: Bucket | undefined, options: RateLimitOptions, now: number): { bucket: Bucket; result: RateResult } {
  const { burst, refillMs } = options;
  const tokens = bucket ? Math.min(burst, bucket.tokens + Math.max(0, now - bucket.at) / refillMs) : burst;
  // Warned in this flood: a refusal since the bucket was last full.
  const warned = bucket !== undefined && bucket.denied !== DENIED.none && tokens < burst;
  if (tokens >= 1) return { bucket: { tokens: tokens - 1, at: now, denied: warned ? DENIED.servedAfterWarning : DENIED.none }, result: { decision: "allow", waitMs: 0 } };
  const waitMs = Math.ceil((1 - tokens) * refillMs);
  return { bucket: { tokens, at: now, denied: warned ? DENIED.dropped : DENIED.warned }, result: { decision: warned ? "drop" : "warn", waitMs } };
}

/** True when the bucket has refilled completely by `now`: it need not be remembered any more. */
export function isFull(bucket: Bucket, options: RateLimitOptions, now: number): boolean {
  return bucket.tokens + (now - bucket.at) / options.refillMs >= options.burst;
}
