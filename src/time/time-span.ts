// Time in a question ("вчора", "10 лютого", "in 2025", "последние новости"), read against a
// given moment: the bot's clock, `ask --now`, or an eval question's "now". Nothing here reads
// the real time, so every rule is testable with a fixed date.
import { oneScriptWords } from "../terms/tokenize.js";
import { DEFAULT_TIME_ZONE, isoDay } from "./calendar.js";
import { monthAsName } from "./month-as-name.js";
import type { NoSuchDay, Range } from "./ranges.js";
import { RULES } from "./rules.js";
import { ANNOUNCED, AUXILIARY, FUTURE, tenseClause } from "./tense.js";
import { isPlaceOnly, isTopicless } from "./topic.js";

export type { NoSuchDay } from "./ranges.js";
export { isDayPart, isTopicless, topicOf, withoutLeadIns } from "./topic.js";

/** A piece of the question that was read as time. */
export interface TimeMatch {
  text: string;
  start: number;
  end: number;
  /** The period this piece names (null for a recency word such as "latest"). */
  from: string | null;
  to: string | null;
  /** Relative to today ("вчора", "у вівторок") rather than a written-out date. */
  relative: boolean;
}

/** What a question says about time. */
export interface TimeSpan {
  /** First day of the asked period (ISO `YYYY-MM-DD`, inclusive), or null when none was asked. */
  from: string | null;
  /** Last day of the period (inclusive), or null. */
  to: string | null;
  /** The question asks for the latest news ("останні новини", "what's new"). */
  recency: boolean;
  /** The pieces read as time, in question order. */
  matches: TimeMatch[];
  /** The question without its time words (what retrieval should match by topic). */
  rest: string;
  /** Nothing but time is asked ("Що відбулося вчора?"): the answer is a listing of the period. */
  topicless: boolean;
  /**
   * The period comes only from calendar dates written out ("10 лютого", "in 1979"), not from
   * words relative to today: such a date may be a fact inside an article rather than its date.
   */
  absolute: boolean;
  /** A day written out with its month's name that does not exist ("31 лютого"), or null. */
  noSuchDay: NoSuchDay | null;
}

export interface TimeSpanOptions {
  /** The zone "today" is read in (default Europe/Kyiv). */
  timeZone?: string;
  /**
   * Time words inside quotation marks are part of a quoted name or phrase («Завтра була війна»,
   * "8 Березня" street), not the time asked about: for questions. Article text leaves this off:
   * a quote there is speech, dated by its article («Учора ми завершили монтаж»).
   */
  skipQuoted?: boolean;
  /**
   * The earlier question of a follow-up of time alone: its tense counts too ("Що відкриють у
   * квітні?", then "А в травні?" is about the next May, as "Що відкриють у травні?" would be).
   */
  earlier?: string;
}

/** Reads the time a question asks about, against `now` (the clock is the caller's). */
export function parseTimeSpan(typed: string, now: Date, options: TimeSpanOptions = {}): TimeSpan {
  // "5 лютoго" with a Latin о is February too. Letter for letter, so offsets stay the typed text's.
  const question = oneScriptWords(typed);
  const today = isoDay(now, options.timeZone ?? DEFAULT_TIME_ZONE);
  const taken: (TimeMatch & { weak: boolean; fallback: boolean; range: Range | null })[] = [];
  const quoted = options.skipQuoted ? quotedPieces(question) : [];
  // Kept apart from the periods, but taken: "лютого" of "31 лютого" is not read again as the month.
  const noSuchDays: (NoSuchDay & { start: number; end: number })[] = [];
  // Month names used as names ("вулиця 8 Березня", "Хто такий Травень?"): taken, not read.
  const names: { start: number; end: number }[] = [];
  // Each character taken, quoted or named (1): a match over any is not read. Kept as one mark per
  // character, as a list searched for each match made a long text of many time words quadratic.
  const used = new Uint8Array(question.length);
  for (const q of quoted) used.fill(1, q.start, q.end);
  const aheadAll = AUXILIARY.test(question) || (options.earlier !== undefined && FUTURE.test(options.earlier));
  for (const { re, resolve, relative, weak = false, fallback = false } of RULES) {
    re.lastIndex = 0;
    for (let m = re.exec(question); m !== null; m = re.exec(question)) {
      const start = m.index;
      const end = start + m[0].length;
      if (used.subarray(start, end).includes(1)) continue;
      if (monthAsName(question, start, m[0])) {
        names.push({ start, end });
        used.fill(1, start, end);
        continue;
      }
      const ahead = aheadAll || ANNOUNCED.test(tenseClause(question, start, end));
      const resolved = resolve(m, today, ahead);
      if (!resolved) continue;
      if (typeof resolved === "object" && "day" in resolved) {
        noSuchDays.push({ ...resolved, start, end });
        used.fill(1, start, end);
        continue;
      }
      const range = resolved === "recency" ? null : resolved;
      used.fill(1, start, end);
      taken.push({ text: m[0], start, end, from: range?.from ?? null, to: range?.to ?? null, relative, weak: weak === true || (weak === "unless-ahead" && !ahead), fallback, range });
    }
  }
  taken.sort((a, b) => a.start - b.start);
  // A weak word counts only when, with every time word gone, no topic is left.
  // The night alone ("вночі") counts with a place as all the topic too: "Що сталося вночі в Києві?"
  // asks about the night there, "Чи працює метро вночі?" about a habit.
  const without = withoutPieces(question, taken);
  const strong = isTopicless(without) ? taken : taken.filter((t) => !t.weak || (t.fallback && isPlaceOnly(without)));
  // A fallback counts only when no other word names a period ("вчора вночі" is yesterday's night).
  const kept = strong.some((t) => t.range !== null && !t.fallback) ? strong.filter((t) => !t.fallback) : strong;
  const ranges = kept.flatMap((t) => (t.range ? [t.range] : []));
  const recency = kept.some((t) => t.range === null);
  let from: string | null = null;
  let to: string | null = null;
  for (const r of ranges) {
    if (from === null || r.from < from) from = r.from;
    if (to === null || r.to > to) to = r.to;
  }
  const rest = withoutPieces(question, kept);
  const matches = kept.map(({ text, start, end, from, to, relative }) => ({ text, start, end, from, to, relative }));
  const absolute = ranges.length > 0 && kept.every((t) => !t.relative || t.range === null);
  const first = noSuchDays.sort((a, b) => a.start - b.start)[0];
  const noSuchDay = first ? { day: first.day, month: first.month, year: first.year } : null;
  return { from, to, recency, matches, rest, topicless: kept.length > 0 && isTopicless(rest), absolute, noSuchDay };
}

// «…», „…“, “…” and "…" (not '…': an apostrophe inside a Ukrainian word would open one).
const QUOTED = /«[^«»]*»|„[^„“”]*[“”]|“[^“”]*”|"[^"]*"/gu;

/** The quoted pieces of a question; quotes around the whole question quote no name. */
function quotedPieces(question: string): { start: number; end: number }[] {
  return [...question.matchAll(QUOTED)]
    .map((m) => ({ start: m.index, end: m.index + m[0].length }))
    .filter((q) => /[\p{L}\p{N}]/u.test(question.slice(0, q.start) + question.slice(q.end)));
}

/** The question without the given pieces (in question order), spaces and punctuation tidied. */
export function withoutPieces(question: string, pieces: readonly TimeMatch[]): string {
  let rest = "";
  let at = 0;
  for (const t of pieces) {
    rest += `${question.slice(at, t.start)} `;
    at = t.end;
  }
  return (rest + question.slice(at))
    .replace(/\s+/g, " ")
    .replace(/\s+([?!.,;:])/g, "$1")
    .replace(/^[\s,;:.]+/, "")
    .trim();
}

/** Whether the question said anything about time. */
export function hasTime(span: TimeSpan): boolean {
  return span.matches.length > 0;
}
