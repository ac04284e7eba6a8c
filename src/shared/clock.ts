/** The time source, injected so that "yesterday" or "last week" can be read against a fixed date in tests and `--now`. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * Milliseconds that only move forward, at a steady rate: how long something went on, which a step
 * of the wall clock (NTP, a VM's clock sync, the operator) must not stretch or shrink. Not a date.
 */
export type MonotonicClock = () => number;

/**
 * The process's monotonic clock (process.hrtime: CLOCK_MONOTONIC on Linux, which stands still
 * while the machine sleeps, as every process on it does). The same in every thread, unlike
 * performance.now(), which counts from each thread's start.
 */
export const monotonicMs: MonotonicClock = () => Number(process.hrtime.bigint() / 1_000_000n);
