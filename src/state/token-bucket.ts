import type { RateLimitOptions, RateResult } from "./bot-state-store.js";

/**
 * One user's bucket: tokens left at time `at`, and what the requests since the last one served got
 * (`denied`): 0 none refused; 1 refused, with the warning; 2 refused, silently. The warning is
 * given once per flood, and a flood ends when a request is served: a member who waited as told and
 * was answered is told again (with the new wait) when they ask again at once, never left in silence;
 * one who keeps flooding hears it at most once per answer.
 */
export interface Bucket {
  tokens: number;
  at: number;
  denied: number;
}

/**
 * The `denied` values (see Bucket); the Postgres store writes the same numbers. A 3 saved by an
 * earlier version (served after the warning) reads as 0: the last request was served.
 */
export const DENIED = { none: 0, warned: 1, dropped: 2 } as const;

/**
 * Takes one token (the rule the Postgres store applies in SQL too): bursts are fine, floods are
 * not; the first refusal warns, later ones are dropped silently, until a request is served again.
 */
export function takeToken(bucket: Bucket | undefined, options: RateLimitOptions, now: number): { bucket: Bucket; result: RateResult } {
  const { burst, refillMs } = options;
  const tokens = bucket ? Math.min(burst, bucket.tokens + Math.max(0, now - bucket.at) / refillMs) : burst;
  if (tokens >= 1) return { bucket: { tokens: tokens - 1, at: now, denied: DENIED.none }, result: { decision: "allow", waitMs: 0 } };
  // Warned in this flood: refused since the last request served.
  const warned = bucket?.denied === DENIED.warned || bucket?.denied === DENIED.dropped;
  const waitMs = Math.ceil((1 - tokens) * refillMs);
  return { bucket: { tokens, at: now, denied: warned ? DENIED.dropped : DENIED.warned }, result: { decision: warned ? "drop" : "warn", waitMs } };
}

/** True when the bucket has refilled completely by `now`: it need not be remembered any more. */
export function isFull(bucket: Bucket, options: RateLimitOptions, now: number): boolean {
  return bucket.tokens + (now - bucket.at) / options.refillMs >= options.burst;
}
