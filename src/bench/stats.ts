import { percentile as nearestRank } from "../shared/percentile.js";

/** Latency percentiles in milliseconds. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** The value at percentile `p` (0..100) of `samples` (nearest rank); NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  return nearestRank(samples, p) ?? Number.NaN;
}

/** p50/p95/p99 of `samples`, rounded to microseconds. */
export function summarize(samples: readonly number[]): Percentiles {
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), p99: round(percentile(samples, 99)) };
}

/** Rounds to 3 decimals (microseconds when the unit is ms). */
export function round(value: number, decimals = 3): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Runs `fn` once per input (after `warmup` untimed runs) and returns each run's wall time in ms. */
export async function timeEach<T>(
  inputs: readonly T[],
  fn: (input: T, i: number) => unknown,
  warmup = Math.min(5, inputs.length),
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(inputs[i] as T, i);
  const samples: number[] = [];
  for (let i = 0; i < inputs.length; i++) {
    const t0 = performance.now();
    await fn(inputs[i] as T, i);
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  // maxRSS is in kilobytes on every platform Node supports.
  return round(process.resourceUsage().maxRSS / 1024, 1);
}
