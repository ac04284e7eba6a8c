/** The time source, injected so that "yesterday" or "last week" can be read against a fixed date in tests and `--now`. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };
