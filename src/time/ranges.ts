// The arithmetic of periods: the days, months, weeks and years a time word names, counted from
// today (an ISO day), with no clock of their own.
import { addDays, lastDayOfMonth, makeDay, parts, weekday } from "./calendar.js";

/** A day of a month that has no such day ("31 лютого", "29 February 2026"), as written. */
export interface NoSuchDay {
  day: number;
  /** 1-12. */
  month: number;
  year: number | null;
}

export type Range = { from: string; to: string };
export type Resolved = Range | "recency" | NoSuchDay | null;

/**
 * A day without a year: the latest such day not after today (a news bot is asked about the past),
 * or in a question about the future ("Що буде 10 лютого?") the next one from today on.
 * 29 February is the last (or next) one there is, up to eight years away (1896 was followed by 1904).
 */
function dayWithoutYear(today: string, month: number, day: number, ahead: boolean): string | null {
  const year = parts(today).year;
  for (let i = 0; i <= 8; i++) {
    const found = makeDay(ahead ? year + i : year - i, month, day);
    if (found && (ahead ? found >= today : found <= today)) return found;
  }
  return null;
}
export function dayRange(day: string | null): Resolved {
  return day ? { from: day, to: day } : null;
}
export function fullYear(y: string | undefined): number | undefined {
  if (y === undefined) return undefined;
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}
export function dayOf(today: string, month: number, day: number, year: string | undefined, ahead: boolean): Resolved {
  const y = fullYear(year);
  return dayRange(y === undefined ? dayWithoutYear(today, month, day, ahead) : makeDay(y, month, day));
}
/**
 * A day written with its month's name: a day of the calendar, or, when that month has no such day
 * ("31 лютого", "32 листопада", "0 листопада"), a day that does not exist (said so, rather than
 * widened to the month).
 */
export function writtenDay(today: string, month: number, day: number, year: string | undefined, ahead: boolean): Resolved {
  return dayOf(today, month, day, year, ahead) ?? { day, month, year: fullYear(year) ?? null };
}
/**
 * A day written in figures ("30.02.2026", "2026-02-30", "30.02"): a day of the calendar, or, when
 * its month is short of it (30 February, 31 April), a day that does not exist, as one written with
 * its month's name. Figures no calendar reads (month 13, day 0 or 32, year 0) are no date at all.
 */
export function dayInFigures(today: string, month: number, day: number, year: string | undefined, ahead: boolean): Resolved {
  const y = fullYear(year);
  const calendar = month >= 1 && month <= 12 && day >= 1 && day <= 31 && (y === undefined || makeDay(y, 1, 1) !== null);
  return dayOf(today, month, day, year, ahead) ?? (calendar ? { day, month, year: y ?? null } : null);
}
/** A day of a range as written: its number, month and year (if one is written next to it). */
export interface Bound {
  day: number;
  month: number;
  year: number | undefined;
}
/**
 * A span of days written out ("5–7 лютого", "з 28 лютого по 3 березня", "February 5–7"): from the
 * first day to the last. A year written next to a bound applies to it, and the other bound is in
 * the same year, or across New Year the one before or after ("з 28 грудня по 3 січня 2026").
 * Without a year, as a single day is: the latest one begun by today, or in a question about the
 * future the next one not yet over. A day its month lacks ("30–31 лютого") is said not to exist,
 * where the text reads as a day (`readsAsDay`: see the single day's rules); a last day before the
 * first in one month ("7–5 лютого") is no span.
 */
export function daySpan(today: string, first: Bound, last: Bound, ahead: boolean, readsAsDay = true): Resolved {
  for (const b of [first, last]) {
    if (!makeDay(b.year ?? 2024, b.month, b.day)) return readsAsDay ? { day: b.day, month: b.month, year: b.year ?? null } : null;
  }
  const wraps = last.month < first.month;
  const at = (y: number): Range | null => {
    const from = makeDay(y, first.month, first.day);
    const to = makeDay(wraps ? y + 1 : y, last.month, last.day);
    return from && to && from <= to ? { from, to } : null;
  };
  if (last.year !== undefined) return at(wraps ? last.year - 1 : last.year);
  if (first.year !== undefined) return at(first.year);
  const year = parts(today).year;
  for (let i = 0; i <= 9; i++) {
    const found = at(ahead ? year - 1 + i : year - i);
    if (found && (ahead ? found.to >= today : found.from <= today)) return found;
  }
  return null;
}
/** A month without a year: the latest one begun by today, or in a question about the future the next one not yet over. */
export function monthRange(today: string, month: number, year: string | undefined, ahead: boolean): Resolved {
  const now = parts(today);
  const y = fullYear(year) ?? (ahead ? (month >= now.month ? now.year : now.year + 1) : month <= now.month ? now.year : now.year - 1);
  const from = makeDay(y, month, 1);
  return from ? { from, to: lastDayOfMonth(y, month) } : null;
}
/**
 * The start (days 1-10), middle (11-20) or end (21 to the last) of a month, `part` as written.
 * Without a year, as a month is: the latest such part begun by today ("наприкінці лютого" asked on
 * 4 February is last year's), or in a question about the future the next one not yet over.
 */
export function monthPart(today: string, part: string, month: number, year: string | undefined, ahead: boolean): Resolved {
  const [first, last] = /почат|начал|early|beginning|start/iu.test(part) ? [1, 10] : /серед|mid/iu.test(part) ? [11, 20] : [21, 31];
  const at = (y: number): Range | null => {
    const from = makeDay(y, month, first);
    const end = lastDayOfMonth(y, month);
    return from ? { from, to: last === 31 ? end : (makeDay(y, month, last) ?? end) } : null;
  };
  const y = fullYear(year);
  if (y !== undefined) return at(y);
  const now = parts(today).year;
  for (const candidate of ahead ? [now, now + 1] : [now, now - 1]) {
    const found = at(candidate);
    if (found && (ahead ? found.to >= today : found.from <= today)) return found;
  }
  return null;
}
export function yearRange(y: number): Resolved {
  return y >= 1900 && y <= 2100 ? { from: `${y}-01-01`, to: `${y}-12-31` } : null;
}
/**
 * The years from `first` to `last` as written ("2020–2025", "2012-13": two figures continue the
 * first year's century). A last year not after the first ("2025-2020", "2026-02", a month) is no span.
 * A first year before 1900 (from 1000 on) is read with a year word after the span ("з 1648 по 1654
 * рік"), or up to a last year from 1900 on at most a century later ("from 1869-1909", "з 1869 по
 * 1909"): a single year before 1900 is read nowhere, as figures alone are as often a count, and a
 * span ending in such a year, of a century or less, is rather a lifetime or an era than two counts.
 */
export function yearSpan(first: number, last: string, yearWord = false): Resolved {
  const to = last.length === 2 ? first - (first % 100) + Number(last) : Number(last);
  if (to <= first) return null;
  const old = first >= 1000 && first < 1900 && to <= 2100 && (yearWord || (yearRange(to) !== null && to - first <= 100));
  return old || (yearRange(first) && yearRange(to)) ? { from: `${first}-01-01`, to: `${to}-12-31` } : null;
}
export const monday = (today: string): string => addDays(today, -weekday(today));
/** The calendar week (Monday to Sunday) a day falls in. */
export const weekOf = (day: string): Range => ({ from: monday(day), to: addDays(monday(day), 6) });
export const lastDays = (today: string, n: number): Resolved => (n >= 1 && n <= 3660 ? { from: addDays(today, -(n - 1)), to: today } : null);
/** The calendar month `n` months before today's (1: the previous month; -1: the next). */
export function monthBefore(today: string, n = 1): Range {
  const { year, month } = parts(today);
  const index = year * 12 + (month - 1) - n;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { from: `${String(y)}-${String(m).padStart(2, "0")}-01`, to: lastDayOfMonth(y, m) };
}
/**
 * The day `n` calendar months before `day`, on its day of the month or, where that month is
 * shorter, on its last day (31 May less 3 months is 28 February, or 29 in a leap year).
 */
export function monthsBefore(day: string, n: number): string {
  const { year, month, day: d } = parts(day);
  const index = year * 12 + (month - 1) - n;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return makeDay(y, m, d) ?? lastDayOfMonth(y, m);
}
/**
 * The last `n` months back from today, today included, by the calendar (a year is 12 of them): from
 * the day after today's date `n` months back, as the last seven days begin the day after a week
 * back. "за останні 3 місяці" asked on 10 May is from 11 February, "за останні 10 років" on 10
 * February 2026 from 11 February 2016, across every leap day and 31-day month between.
 */
export const lastMonths = (today: string, n: number): Resolved => (n >= 1 && n <= 120 ? { from: addDays(monthsBefore(today, n), 1), to: today } : null);
/** The Saturday of the weekend `t` falls in or, on a weekday, of the one ahead (this week's). */
export const saturday = (t: string): string => addDays(monday(t), 5);

/** The weekend begun by `t` (the latest), or in a question about the future the next one not yet over. */
export function comingWeekend(t: string, ahead: boolean): Range {
  const sat = addDays(saturday(t), ahead || saturday(t) <= t ? 0 : -7);
  return { from: sat, to: addDays(sat, 1) };
}
