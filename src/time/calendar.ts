// Calendar days as ISO `YYYY-MM-DD` strings: the unit article dates and search filters use.
// Arithmetic goes through UTC midnights, so no local time zone or DST shift can move a day.

/** The default zone "today" is read in: the articles and most readers are in Ukraine. */
export const DEFAULT_TIME_ZONE = "Europe/Kyiv";

/** The calendar day `now` falls on in `timeZone`, as `YYYY-MM-DD`. */
export function isoDay(now: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/**
 * `YYYY-MM-DD` of a year, month (1-12) and day, or null when that day does not exist (31 February,
 * or any day of year 0: 1 BC is followed by AD 1, so "0000-01-01" is a typo, not a date).
 */
export function makeDay(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999 (0000-01-01 became 1900-01-01).
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/**
 * An ISO date or date-time ("2026-02-04", "2026-02-04T10:00:00Z") as a moment; null when it is
 * not one or names a day that does not exist (V8 reads "2026-02-30" as 2 March).
 */
export function parseIsoMoment(value: string): Date | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(value);
  if (!day || makeDay(Number(day[1]), Number(day[2]), Number(day[3])) === null) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** The day `days` after (negative: before) `day`. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Day of the week, Monday = 0 … Sunday = 6. */
export function weekday(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** The last day of a month (1-12). */
export function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** Year, month (1-12) and day of an ISO day. */
export function parts(day: string): { year: number; month: number; day: number } {
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) };
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
