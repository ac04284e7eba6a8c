import { appendFileSync } from "node:fs";

/**
 * Prints one measured figure (and appends it to $FAULTS_REPORT when set), so `npm run faults`
 * shows the numbers docs/reliability.md quotes.
 */
export function figure(scenario: string, values: Record<string, number | string>): void {
  const line = JSON.stringify({ scenario, ...values });
  process.stdout.write(`FIGURE ${line}\n`);
  if (process.env.FAULTS_REPORT) appendFileSync(process.env.FAULTS_REPORT, `${line}\n`);
}

/** The p-th percentile (0-100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
