// Time in a question ("вчора", "10 лютого", "in 2025", "последние новости"), read against a
// given moment: the bot's clock, `ask --now`, or an eval question's "now". Nothing here reads
// the real time, so every rule is testable with a fixed date.
import { STOP_WORDS } from "../terms/stop-words.js";
import { oneScriptWords, words } from "../terms/tokenize.js";
import { addDays, DEFAULT_TIME_ZONE, isoDay, lastDayOfMonth, makeDay, parts, weekday } from "./calendar.js";

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

/** A day of a month that has no such day ("31 лютого", "29 February 2026"), as written. */
export interface NoSuchDay {
  day: number;
  /** 1-12. */
  month: number;
  year: number | null;
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

type Range = { from: string; to: string };
type Resolved = Range | "recency" | NoSuchDay | null;
interface Rule {
  re: RegExp;
  /** `ahead`: the question is about the future ("що буде 10 лютого?"), see FUTURE. */
  resolve(m: RegExpExecArray, today: string, ahead: boolean): Resolved;
  /** Relative to today ("вчора") rather than a calendar date ("10 лютого"). */
  relative: boolean;
  /**
   * Counts only when nothing but time is asked ("what happened today?", not "how many live there
   * today?"); `unless-ahead`: also in a question about the future ("Що буде з метро через тиждень?").
   */
  weak?: Weak;
}
type Weak = boolean | "unless-ahead";

// Word edges that work for Cyrillic too (\b only knows ASCII letters).
const B = "(?<![\\p{L}\\p{N}'’‘ʼʻ`´′])";
const E = "(?![\\p{L}\\p{N}])";
const rule = (source: string, resolve: Rule["resolve"], relative = true, weak: Weak = false): Rule => ({
  re: new RegExp(`${B}(?:${source})${E}`, "giu"),
  resolve,
  relative,
  weak,
});
const date = (source: string, resolve: Rule["resolve"]): Rule => rule(source, resolve, false);

// Month names: [pattern, month]. Ukrainian and Russian in every case a question uses; English
// full names, and abbreviations only next to a day number (where "may" or "mar" cannot be a word).
const MONTHS_UK_RU: [string, number][] = [
  ["січ(?:ень|ня|ні)|январ[ьяе]", 1],
  ["лют(?:ий|ого|ому)|феврал[ьяе]", 2],
  ["берез(?:ень|ня|ні)|март[ае]?", 3],
  ["квіт(?:ень|ня|ні)|апрел[ьяе]", 4],
  ["трав(?:ень|ня|ні)|ма[йяе]", 5],
  ["черв(?:ень|ня|ні)|июн[ьяе]", 6],
  ["лип(?:ень|ня|ні)|июл[ьяе]", 7],
  ["серп(?:ень|ня|ні)|август[ае]?", 8],
  ["верес(?:ень|ня|ні)|сентябр[ьяе]", 9],
  ["жовт(?:ень|ня|ні)|октябр[ьяе]", 10],
  ["листопад[аіу]?|ноябр[ьяе]", 11],
  ["груд(?:ень|ня|ні)|декабр[ьяе]", 12],
];
const MONTHS_EN: [string, number][] = [
  ["january", 1], ["february", 2], ["march", 3], ["april", 4], ["may", 5], ["june", 6],
  ["july", 7], ["august", 8], ["september", 9], ["october", 10], ["november", 11], ["december", 12],
];
const MONTHS_EN_SHORT: [string, number][] = [
  ["jan", 1], ["feb", 2], ["mar", 3], ["apr", 4], ["jun", 6], ["jul", 7], ["aug", 8], ["sept?", 9], ["oct", 10], ["nov", 11], ["dec", 12],
];
const alt = (list: [string, number][]): string => list.map(([p]) => p).join("|");
const MONTH_UK_RU = alt(MONTHS_UK_RU);
const MONTH_EN = alt(MONTHS_EN);
const MONTH_ANY_DAY = `${MONTH_UK_RU}|${MONTH_EN}|${alt(MONTHS_EN_SHORT)}`;
const monthTests = [...MONTHS_UK_RU, ...MONTHS_EN, ...MONTHS_EN_SHORT].map(([p, n]) => [new RegExp(`^(?:${p})\\.?$`, "iu"), n] as const);
function monthOf(word: string): number {
  for (const [re, n] of monthTests) if (re.test(word)) return n;
  return 0;
}

const YEAR_WORD = "\\s*(?:року|році|рік|р\\.|года|году|год|г\\.)";
const PREP_WORDS = "у|в|во|на|за|від|з|с|со|of|in|on|during|since|for|from";
const PREP = `(?:(?:${PREP_WORDS})\\s+)?`;

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
function dayRange(day: string | null): Resolved {
  return day ? { from: day, to: day } : null;
}
function fullYear(y: string | undefined): number | undefined {
  if (y === undefined) return undefined;
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}
function dayOf(today: string, month: number, day: number, year: string | undefined, ahead: boolean): Resolved {
  const y = fullYear(year);
  return dayRange(y === undefined ? dayWithoutYear(today, month, day, ahead) : makeDay(y, month, day));
}
/**
 * A day written with its month's name: a day of the calendar, or, when that month has no such day
 * ("31 лютого", "32 листопада", "0 листопада"), a day that does not exist (said so, rather than
 * widened to the month).
 */
function writtenDay(today: string, month: number, day: number, year: string | undefined, ahead: boolean): Resolved {
  return dayOf(today, month, day, year, ahead) ?? { day, month, year: fullYear(year) ?? null };
}
/** A day of a range as written: its number, month and year (if one is written next to it). */
interface Bound {
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
function daySpan(today: string, first: Bound, last: Bound, ahead: boolean, readsAsDay = true): Resolved {
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
function monthRange(today: string, month: number, year: string | undefined, ahead: boolean): Resolved {
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
function monthPart(today: string, part: string, month: number, year: string | undefined, ahead: boolean): Resolved {
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
function yearRange(y: number): Resolved {
  return y >= 1900 && y <= 2100 ? { from: `${y}-01-01`, to: `${y}-12-31` } : null;
}
const monday = (today: string): string => addDays(today, -weekday(today));
/** The calendar week (Monday to Sunday) a day falls in. */
const weekOf = (day: string): Range => ({ from: monday(day), to: addDays(monday(day), 6) });
const lastDays = (today: string, n: number): Resolved => (n >= 1 && n <= 3660 ? { from: addDays(today, -(n - 1)), to: today } : null);
/** The calendar month `n` months before today's (1: the previous month; -1: the next). */
function monthBefore(today: string, n = 1): Range {
  const { year, month } = parts(today);
  const index = year * 12 + (month - 1) - n;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { from: `${String(y)}-${String(m).padStart(2, "0")}-01`, to: lastDayOfMonth(y, m) };
}

// "3 дні тому", "три дня назад", "two days ago", "тиждень тому": a count of days, weeks or months
// back, in digits or the words people write for small numbers ("a week ago" counts one).
const COUNT_WORDS: [string, number][] = [
  ["a|an|one|один|одна|одну", 1],
  ["два|дві|две|two", 2],
  ["три|three", 3],
  ["чотири|четыре|four", 4],
  ["п['’‘ʼʻ`´′]?ять|five", 5],
  ["шість|шесть|six", 6],
  ["сім|семь|seven", 7],
  ["вісім|восемь|eight", 8],
  ["дев['’‘ʼʻ`´′]?ять|nine", 9],
  ["десять|ten", 10],
];
const COUNT = `\\d{1,4}|${alt(COUNT_WORDS)}`;
const countTests = COUNT_WORDS.map(([p, n]) => [new RegExp(`^(?:${p})$`, "iu"), n] as const);
function countOf(word: string | undefined): number {
  if (word === undefined) return 0;
  if (/^\d+$/.test(word)) return Number(word);
  for (const [re, n] of countTests) if (re.test(word)) return n;
  return 0;
}
// "тому що" (also "тому що,") is "because": "Він не приїхав 5 днів тому що захворів" gives a
// reason, not a day. With a comma, "тому, що" stays a time ("3 дні тому, що сталося?"): "said 3
// days ago that…" takes that comma too ("сказав 3 дні тому, що…"), "because" needs none. So
// does one that opens its sentence ("Рік тому що змінилося?"): a reason needs a clause before it.
const AGO = "(?:тому(?:\\s+назад|(?!\\s+(?:що|шо)(?![\\p{L}\\p{N}])))|назад|ago)";
const SENTENCE_OPENING = "(?<=(?:^|[.!?…]\\s)\\s*(?:(?:а|і|й|ну|та)\\s+)?)";
/** A unit of "3 дні тому" / "через тиждень": the span it names `n` units from today (negative: back). */
interface Unit {
  names: string;
  /** The unit in the singular, which counts one without a number ("тиждень тому"). */
  singular: RegExp;
  shift(today: string, n: number): Resolved;
  /** The most units read (about ten years). */
  limit: number;
  /** Its words that count one only (see YEARS). */
  oneOnly?: RegExp;
  /** Its size in a rolling window ("за останні 2 місяці": a month is 30 days, a year 365, as "за останній місяць" / "рік" are). */
  days: number;
}
// The unit named is the span's size, as "вчора" is a day and "минулого тижня" a calendar week:
// "3 дні тому" is that day, "тиждень тому" that calendar week (Monday to Sunday: the same as
// "минулого тижня"), "місяць тому" that calendar month (as "минулого місяця"), "рік тому" that
// calendar year (as "минулого року"); "через тиждень" is "наступного тижня". A reader who says "a
// week ago" means about then, not one exact day; one who means the day says "7 днів тому".
const DAYS: Unit = { names: "день|дні|днів|дня|дней|days?", singular: /^(?:день|day)$/iu, shift: (t, n) => dayRange(addDays(t, n)), limit: 3660, days: 1 };
const WEEKS: Unit = {
  names: "тиждень|тижні|тижнів|неделю|недели|недель|weeks?",
  singular: /^(?:тиждень|неделю|week)$/iu,
  shift: (t, n) => weekOf(addDays(t, 7 * n)),
  limit: 520,
  days: 7,
};
const MONTHS: Unit = { names: "місяць|місяці|місяців|месяц|месяца|месяцев|months?", singular: /^(?:місяць|месяц|month)$/iu, shift: (t, n) => monthBefore(t, -n), limit: 120, days: 30 };
// Russian "год" is one year only ("2 года", "5 лет"): "2 год тому", "через 3 год" are Ukrainian
// hours ("год." for "годин", as clocks and apps write it), not years.
const YEARS: Unit = {
  names: "рік|роки|років|год|года|лет|years?",
  singular: /^(?:рік|год|year)$/iu,
  shift: (t, n) => yearRange(parts(t).year + n),
  limit: 10,
  oneOnly: /^год$/iu,
  days: 365,
};
/**
 * A count of units back (`sign` -1) or ahead (+1): `source` captures the count, then the unit's
 * word. The count may be left out only before a unit in the singular ("тиждень тому", "неделю
 * назад"), where `singular` allows it; "кілька днів тому" (a few days) names no day and is not read.
 */
function shifted(source: string, unit: Unit, sign: -1 | 1, singular: RegExp | null = unit.singular, weak: Weak = false): Rule {
  return rule(
    source,
    (m, t) => {
      const n = m[1] === undefined ? (singular?.test(m[2] ?? "") ? 1 : 0) : countOf(m[1]);
      if (n !== 1 && unit.oneOnly?.test(m[2] ?? "")) return null;
      return n >= 1 && n <= unit.limit ? unit.shift(t, sign * n) : null;
    },
    true,
    weak,
  );
}
// "за останні", "за минулі", "за последние", "in the last", "over the past": a rolling window back from today.
const LAST_UK_RU = "за\\s+(?:останні|останню|минулі|минулу|последние|прошедшие|прошлые)";
const LAST = `${LAST_UK_RU}|(?:(?:in|over|during)\\s+)?(?:the\\s+)?(?:last|past)`;
/**
 * "за останні 3 дні", "за останні два тижні", "за последние две недели", "in the last two weeks",
 * "over the past three days": `n` units back, today included (a rolling window, as "за останній
 * тиждень" is seven days), in digits or a number word (COUNT).
 */
function lastUnits(unit: Unit): Rule {
  return rule(`(?:${LAST})\\s+(${COUNT})\\s+(${unit.names})`, (m, t) => {
    const n = countOf(m[1]);
    if (n !== 1 && unit.oneOnly?.test(m[2] ?? "")) return null;
    return n >= 1 && n <= unit.limit ? lastDays(t, n * unit.days) : null;
  });
}
/** "3 дні тому", "неделю назад", "a year ago". */
const ago = (unit: Unit): Rule => shifted(`(?:(${COUNT})\\s+)?(${unit.names})\\s+${AGO}`, unit, -1);
/** "Рік тому що змінилося?": "тому що" opening its sentence is "ago" (see AGO). */
const agoOpening = (unit: Unit): Rule => shifted(`${SENTENCE_OPENING}(?:(${COUNT})\\s+)?(${unit.names})\\s+тому(?=\\s+(?:що|шо)${E})`, unit, -1);
/**
 * "через тиждень", "через 3 дні", "через год": ahead. Not "через день" without a number (also
 * "every other day": "поїзди ходять через день"), and not "через тиждень після виборів", a week
 * after another day than today. "Через" is also "because of" and "after" ("Що змінилося через рік
 * війни?", "через тиждень від початку війни"), so it counts only in a question about the future
 * ("Що буде через тиждень?", "Скільки коштуватиме проїзд через місяць?") or of time alone.
 */
const later = (unit: Unit): Rule =>
  shifted(`через\\s+(?:(${COUNT})\\s+)?(${unit.names})(?!\\s+(?:після|после)${E})`, unit, 1, unit === DAYS ? null : unit.singular, "unless-ahead");
/**
 * "in a week's time", "3 days from now"; a bare "in a week" counts only in a question of time
 * alone: "built in a week" is how long something took.
 */
const laterEn = (unit: Unit): Rule[] => [
  shifted(`in\\s+(${COUNT})\\s+(${unit.names})['’]s?\\s+time`, unit, 1),
  shifted(`(${COUNT})\\s+(${unit.names})\\s+from\\s+now`, unit, 1),
  shifted(`in\\s+(${COUNT})\\s+(${unit.names})`, unit, 1, null, true),
];

const WEEKDAYS: [string, number][] = [
  ["понеділок|понедельник|monday", 0],
  ["вівторок|вторник|tuesday", 1],
  ["середу|середа|среду|среда|wednesday", 2],
  ["четвер|четверг|thursday", 3],
  ["п['’‘ʼʻ`´′]?ятницю|пятницу|friday", 4],
  ["суботу|субботу|saturday", 5],
  ["неділю|воскресенье|sunday", 6],
];
// The other cases a weekday takes after "минулої" / "прошлой" ("минулої суботи", "прошлой
// субботой"): read only there, as "до суботи" or "з понеділка" bound a period rather than name a day.
const WEEKDAYS_AFTER_PAST = ["понеділка|понедельника", "вівторка|вторника", "середи|среды|средой", "четверга", "п['’‘ʼʻ`´′]?ятниці|пятницы|пятницей", "суботи|субботы|субботой", "неділі|воскресенья"];
// "минулої суботи", "в минулу суботу", "в прошлую субботу", "last Saturday": the latest one before today.
const PAST = "минул(?:ої|ого|у|ий|ій)|прошл(?:ой|ую|ый|ым|ого|ое)|last|previous";
// "вихідні" / "выходные" as days off; "ці вихідні дані" / "эти выходные данные" are output data.
const WEEKEND = `(?:вихідних|вихідні|выходных|выходные)(?!\\s+дан(?:і|их|ими|ные|ных|ными)${E})`;
/** The Saturday of the weekend `t` falls in or, on a weekday, of the one ahead (this week's). */
const saturday = (t: string): string => addDays(monday(t), 5);

/**
 * "The Sunday Times", "Sunday Telegraph", "Monday Night Football": an English weekday without "on"
 * before another capitalised word names a paper or a show, not a day. Not before a month ("Sunday
 * February 1" is that day), nor in any case but the capitalised one the name is written in.
 */
function inName(m: RegExpExecArray): boolean {
  if (!/^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$/.test(m[0])) return false;
  const next = /^\s+(\p{Lu}\p{L}*)/u.exec(m.input.slice(m.index + m[0].length))?.[1];
  return next !== undefined && monthOf(next) === 0;
}

// "at the latest" is a deadline, never "the newest": kept out of the recency words below.
const NOT_AT = "(?<!(?<![\\p{L}\\p{N}])at\\s+(?:the\\s+)?)";
/**
 * "What's the latest in Lviv?" asks for the newest there; "the latest in a series of attacks"
 * and "the latest in March" do not. The word after "in" must be capitalised (the rules match
 * case-insensitively, so it is checked here) and not a month or an article.
 */
function latestInPlace(word: string): boolean {
  return /^\p{Lu}/u.test(word) && !/^(?:A|An|The)$/.test(word) && monthOf(word) === 0;
}

// The pieces of a span of days (see daySpan): the dashes a span is written with, and the words
// that join its bounds after an opener.
const DASH = "\\s*[-‐‑‒–—−]\\s*";
const SPAN_OPENER = "з|із|зі|с|со|від|от|from|between";
const SPAN_JOINER = "по|до|to|until|till|through|and";
const DAY_SUFFIX = "(?:-?(?:го|е|th|st|nd|rd))?";
const YEAR_AFTER = `(?:,?\\s+(\\d{4})(?:${YEAR_WORD})?)?`;
/**
 * A rule for a span written `first`, a joiner, then `last`, read by `bounds` from the groups of
 * each. A dash joins any two bounds (after a preposition too: "на 5–7 лютого"); a word only after
 * its opener: "з 5 по 7", "від 5 до 7", "from 5 to 7", "between 5 and 7" ("5 по 7 лютого" alone is
 * not read).
 */
function spanRule(first: string, last: string, bounds: (f: (string | undefined)[], l: (string | undefined)[]) => [Bound, Bound, boolean]): Rule {
  const firstGroups = (new RegExp(`${first}|`).exec("")?.length ?? 1) - 1;
  const openers = new RegExp(`^(?:${SPAN_OPENER})$`, "iu");
  return date(`(?:(${SPAN_OPENER}|${PREP_WORDS})\\s+)?${first}(?:${DASH}|\\s+(${SPAN_JOINER})\\s+)${last}`, (m, t, a) => {
    const opener = m[1]?.toLowerCase();
    const joiner = m[2 + firstGroups]?.toLowerCase();
    if (joiner !== undefined && (!openers.test(opener ?? "") || (joiner === "and") !== (opener === "between"))) return null;
    const [from, to, readsAsDay] = bounds(m.slice(2, 2 + firstGroups), m.slice(3 + firstGroups));
    return daySpan(t, from, to, a, readsAsDay || /^(?:on|from|between)$/.test(opener ?? ""));
  });
}
function spanRules(): Rule[] {
  // "May" and "March" are verbs too: as for a single day, a day they lack is said not to exist only
  // where the span reads as days ("on 30–32 May", "from 30 to 32 May", "30th–32nd May", "30–32 May 2026").
  const verbMonth = (name: string | undefined): boolean => /^(?:may|march|mar)$/i.test(name ?? "");
  const bound = (day: string | undefined, month: string | undefined, year: string | undefined): Bound => ({ day: Number(day), month: monthOf(month ?? ""), year: fullYear(year) });
  const DAY_MONTH = `(\\d{1,2})(${DAY_SUFFIX})\\s+(?:of\\s+)?(${MONTH_ANY_DAY})\\.?${YEAR_AFTER}`;
  const MONTH_DAY = `(${MONTH_EN}|${alt(MONTHS_EN_SHORT)})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?`;
  return [
    // з 28 лютого по 3 березня, 28 лютого – 3 березня 2026, from 28 February to 3 March
    spanRule(DAY_MONTH, DAY_MONTH, ([d1, s1, m1, y1], [d2, s2, m2, y2]) => [
      bound(d1, m1, y1),
      bound(d2, m2, y2),
      (!verbMonth(m1) && !verbMonth(m2)) || Boolean(s1 || s2 || y1 || y2),
    ]),
    // from February 28 to March 3, February 28 – March 3, 2026
    spanRule(MONTH_DAY, MONTH_DAY, ([m1, d1, y1], [m2, d2, y2]) => [bound(d1, m1, y1), bound(d2, m2, y2), true]),
    // 5–7 лютого, з 5 по 7 лютого, с 5 по 7 февраля, between 5 and 7 February
    spanRule(`(\\d{1,2})(${DAY_SUFFIX})`, DAY_MONTH, ([d1, s1], [d2, s2, m, y]) => [bound(d1, m, y), bound(d2, m, y), !verbMonth(m) || Boolean(s1 || s2 || y)]),
    // February 5–7, from February 5 to 7, 2026
    spanRule(MONTH_DAY, "(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?", ([m, d1, y1], [d2, y2]) => [bound(d1, m, y2 ?? y1), bound(d2, m, y2), true]),
  ];
}

// A day of the month in words, as said aloud: "третього лютого", "двадцять сьомого січня",
// "третье февраля" (the genitive, or the neuter a date is named with). [pattern, day], the stem
// before its ending; tens ("двадцять", "тридцать") are added before a unit.
const APOSTROPHE = "['’‘ʼʻ`´′]?";
const ORDINALS: [string, number][] = [
  ["перш|перв", 1], ["друг|втор", 2], ["трет", 3], ["четверт", 4], [`п${APOSTROPHE}ят`, 5], ["шост|шест", 6], ["сьом|седьм", 7], ["восьм", 8],
  [`дев${APOSTROPHE}ят`, 9], ["десят", 10], ["одинадцят|одиннадцат", 11], ["дванадцят|двенадцат", 12], ["тринадцят|тринадцат", 13],
  ["чотирнадцят|четырнадцат", 14], [`п${APOSTROPHE}ятнадцят|пятнадцат`, 15], ["шістнадцят|шестнадцат", 16], ["сімнадцят|семнадцат", 17],
  ["вісімнадцят|восемнадцат", 18], [`дев${APOSTROPHE}ятнадцят|девятнадцат`, 19], ["двадцят|двадцат", 20], ["тридцят|тридцат", 30],
];
const ORDINAL_DAY = `(?:${alt(ORDINALS)})(?:ього|ьего|ого|е|є|ье)`;
const ORDINAL_TENS = "двадцять|тридцять|двадцать|тридцать";
const ordinalTests = ORDINALS.map(([p, n]) => [new RegExp(`^(?:${p})(?:ього|ьего|ого|е|є|ье)$`, "iu"), n] as const);
/** The day an ordinal in words names ("двадцять" + "третього": 23), or 0 when it names none (a unit after "двадцять" above 9). */
function ordinalOf(tens: string | undefined, unit: string): number {
  const n = ordinalTests.find(([re]) => re.test(unit))?.[1] ?? 0;
  if (tens === undefined) return n;
  return n >= 1 && n <= 9 ? (/^три/iu.test(tens) ? 30 : 20) + n : 0;
}

// What the news is called, after "останні" / "вчорашні" (Ukrainian, Russian).
const NEWS_UK = "(?:новини|події|статті|публікації|повідомлення)";
const NEWS_RU = "(?:новости|события|статьи|публикации|сообщения)";

// More specific rules first: a piece of the question taken by one rule is not read again.
const RULES: Rule[] = [
  // 2026-02-10
  date("(\\d{4})-(\\d{2})-(\\d{2})", (m, _t) => dayRange(makeDay(Number(m[1]), Number(m[2]), Number(m[3])))),
  // 10.02.2026, 10/02/2026, 10.02.26, 10.02
  date(`${PREP}(\\d{1,2})[./](\\d{1,2})[./](\\d{4}|\\d{2})(?:${YEAR_WORD})?`, (m, t, a) => dayOf(t, Number(m[2]), Number(m[1]), m[3], a)),
  date(`${PREP}(\\d{1,2})\\.(\\d{2})(?![.,]?\\d)`, (m, t, a) => dayOf(t, Number(m[2]), Number(m[1]), undefined, a)),
  // Spans of days: "5–7 лютого", "з 5 по 7 лютого", "від 5 до 7 лютого", "с 5 по 7 февраля",
  // "between 5 and 7 February", "February 5–7", "з 28 лютого по 3 березня", "from February 28 to
  // March 3" (see daySpan). A dash alone, or a word after its opener ("з … по", "від … до", "from
  // … to", "between … and"); only before or after a month's name, so "5–7 людей" is no date.
  ...spanRules(),
  // третього лютого, двадцять сьомого січня 2026 року, третье февраля (see ORDINAL_DAY)
  date(`${PREP}(?:(${ORDINAL_TENS})\\s+)?(${ORDINAL_DAY})\\s+(${MONTH_UK_RU})(?:\\s+(\\d{4})(?:${YEAR_WORD})?)?`, (m, t, a) => {
    const day = ordinalOf(m[1], m[2] ?? "");
    return day > 0 ? writtenDay(t, monthOf(m[3] ?? ""), day, m[4], a) : null;
  }),
  // 10 лютого 2026 року, 10-го февраля, 10th of February 2026
  // "May", "March" and "Mar" are verbs too: "40 may attend" and "50 march on Kyiv" count people,
  // so a number no month has is said not to be a day there only where it reads as one ("on 40 May",
  // "40th of May", "40 May 2026"). Every other month name is only a month.
  date(`${PREP}(\\d{1,2})(?:-?(?:го|е|th|st|nd|rd))?\\s+(?:of\\s+)?(${MONTH_ANY_DAY})\\.?(?:,?\\s+(\\d{4})(?:${YEAR_WORD})?)?`, (m, t, a) => {
    const readsAsDay = !/^(?:may|march|mar)$/i.test(m[2] ?? "") || /^on\s|\d-?(?:th|st|nd|rd)|\sof\s/i.test(m[0]) || m[3] !== undefined;
    return (readsAsDay ? writtenDay : dayOf)(t, monthOf(m[2] ?? ""), Number(m[1]), m[3], a);
  }),
  // February 10, 2026; on Feb 10th
  // "In February 30 people…" counts people: a day February lacks is said not to exist only
  // where it reads as a day ("on February 30", "February 30th", "February 30, 2026").
  date(`${PREP}(${MONTH_EN}|${alt(MONTHS_EN_SHORT)})\\.?\\s+(\\d{1,2})(st|nd|rd|th)?(?:,?\\s+(\\d{4}))?`, (m, t, a) => {
    const readsAsDay = /^on\s/i.test(m[0]) || m[3] !== undefined || m[4] !== undefined;
    return (readsAsDay ? writtenDay : dayOf)(t, monthOf(m[1] ?? ""), Number(m[2]), m[4], a);
  }),
  // The start, middle or end of a month: "на початку лютого", "наприкінці січня 2026", "в конце
  // января", "in early February", "at the end of January" (see monthPart). Read whole, not as the
  // month with "на початку" left as a topic that no article matches.
  date(
    `(?:(?:на\\s+)?початку|(?:на|у|в)\\s+середині|посередині|наприкінці|(?:на|у|в)\\s+кінці|в\\s+начале|в\\s+середине|в\\s+конце)\\s+(${MONTH_UK_RU})(?:\\s+(\\d{4})(?:${YEAR_WORD})?)?`,
    (m, t, a) => monthPart(t, m[0], monthOf(m[1] ?? ""), m[2], a),
  ),
  date(
    `(?:(?:in|during)\\s+)?(early|mid|late)[\\s-]+(${MONTH_EN})(?:,?\\s+(\\d{4}))?|(?:(?:at|in|by)\\s+)?the\\s+(beginning|start|middle|end)\\s+of\\s+(${MONTH_EN})(?:,?\\s+(\\d{4}))?`,
    // "early may" and "late march" may be an adverb and a verb ("Who comes early may enter?"): only as names, capitalised.
    (m, t, a) => (/^(?:may|march)$/.test(m[2] ?? m[5] ?? "") ? null : monthPart(t, m[1] ?? m[4] ?? "", monthOf(m[2] ?? m[5] ?? ""), m[3] ?? m[6], a)),
  ),
  // у листопаді 2025 (року), в марте, лютий 2026
  date(`${PREP}(${MONTH_UK_RU})(?:\\s+(\\d{4})(?:${YEAR_WORD})?)?`, (m, t, a) => monthRange(t, monthOf(m[1] ?? ""), m[2], a)),
  // in November 2025, November 2025; "in May" but not a bare "may" (a verb)
  date(`(?:(?:in|during|since|of|from)\\s+)?(${MONTH_EN})\\s+(\\d{4})`, (m, t, a) => monthRange(t, monthOf(m[1] ?? ""), m[2], a)),
  date(`(?:in|during|since)\\s+(${MONTH_EN})`, (m, t, a) => monthRange(t, monthOf(m[1] ?? ""), undefined, a)),
  // у 2025 році, в 2025 году, in 2025, 2025 року
  date(`(?:у|в|во|за|in|during|of|since)\\s+(\\d{4})(?:${YEAR_WORD})?`, (m) => yearRange(Number(m[1]))),
  date(`(\\d{4})${YEAR_WORD}`, (m) => yearRange(Number(m[1]))),

  // Days, weeks, months and years ago or ahead (see DAYS for what each names).
  ...[DAYS, WEEKS, MONTHS, YEARS].flatMap((unit) => [agoOpening(unit), ago(unit), later(unit), ...laterEn(unit)]),

  // Relative days.
  rule("(?:the\\s+)?day\\s+before\\s+yesterday|позавчора|позавчера", (_m, t) => dayRange(addDays(t, -2))),
  rule("вчора|учора|вчера|yesterday", (_m, t) => dayRange(addDays(t, -1))),
  rule("сьогодні|сегодня|today", (_m, t) => dayRange(t), true, true),
  // "Вчорашні новини", "сегодняшние события": yesterday's or today's news, not "news" on the topic "вчорашні".
  rule(`(?:в|у)чорашні\\s+${NEWS_UK}|вчерашние\\s+${NEWS_RU}`, (_m, t) => dayRange(addDays(t, -1))),
  rule(`сьогоднішні\\s+${NEWS_UK}|сегодняшние\\s+${NEWS_RU}`, (_m, t) => dayRange(t)),
  // The future: read like the past ("завтра" as "вчора"). Asked alone, the answer is that no
  // article is dated then (the archive holds what was published), not a quote from another day;
  // with a topic, the articles published before it are searched (readTimeQuestion).
  rule("(?:the\\s+)?day\\s+after\\s+tomorrow|післязавтра|послезавтра", (_m, t) => dayRange(addDays(t, 2))),
  rule("завтра|tomorrow", (_m, t) => dayRange(addDays(t, 1))),
  rule("(?:на\\s+)?наступному\\s+тижні|наступного\\s+тижня|наступний\\s+тиждень|(?:на\\s+)?следующей\\s+неделе|следующей\\s+недели|следующую\\s+неделю|next\\s+week", (_m, t) =>
    weekOf(addDays(t, 7)),
  ),
  rule("(?:(?:у|в)\\s+)?наступному\\s+місяці|наступного\\s+місяця|наступний\\s+місяць|(?:в\\s+)?следующем\\s+месяце|следующего\\s+месяца|следующий\\s+месяц|next\\s+month", (_m, t) =>
    monthBefore(t, -1),
  ),
  // The last N days, weeks, months or years / the past week (a rolling window ending today).
  ...[DAYS, WEEKS, MONTHS, YEARS].map(lastUnits),
  // "за останню добу", "за последние сутки": the 24 hours back reach into yesterday.
  rule(`${LAST_UK_RU}\\s+(?:(${COUNT})\\s+)?(?:добу|доби|діб|сутки|суток)`, (m, t) => {
    const n = m[1] === undefined ? 1 : countOf(m[1]);
    return n >= 1 && n <= 3660 ? { from: addDays(t, -n), to: t } : null;
  }),
  rule(
    "за\\s+(?:останній\\s+|минулий\\s+)?тиждень|за\\s+(?:последнюю\\s+|прошедшую\\s+)?неделю|(?:in|over|during)\\s+the\\s+(?:last|past)\\s+week|(?:over\\s+)?the\\s+past\\s+week|(?:the\\s+)?past\\s+seven\\s+days",
    (_m, t) => lastDays(t, 7),
  ),
  // Calendar weeks (Monday to Sunday).
  rule("(?:на\\s+)?(?:цьому|поточному)\\s+тижні|цього\\s+тижня|цей\\s+тиждень|(?:на\\s+)?(?:этой|текущей)\\s+неделе|этой\\s+недели|this\\s+week", (_m, t) => ({
    from: monday(t),
    to: t,
  })),
  // The one before the last: "позаминулого тижня", "на позапрошлой неделе", "the week before last".
  rule("(?:на\\s+)?позаминулому\\s+тижні|позаминулого\\s+тижня|позаминулий\\s+тиждень|(?:на\\s+)?позапрошлой\\s+неделе|позапрошлой\\s+недели|позапрошлую\\s+неделю|(?:the\\s+)?week\\s+before\\s+last", (_m, t) =>
    weekOf(addDays(t, -14)),
  ),
  rule("(?:(?:у|в)\\s+)?позаминулому\\s+місяці|позаминулого\\s+місяця|позаминулий\\s+місяць|(?:в\\s+)?позапрошлом\\s+месяце|позапрошлого\\s+месяца|(?:the\\s+)?month\\s+before\\s+last", (_m, t) =>
    monthBefore(t, 2),
  ),
  rule("(?:(?:у|в)\\s+)?позаминулому\\s+році|позаминулого\\s+року|позаминулий\\s+рік|(?:в\\s+)?позапрошлом\\s+году|позапрошлого\\s+года|(?:the\\s+)?year\\s+before\\s+last", (_m, t) =>
    yearRange(parts(t).year - 2),
  ),
  rule("(?:на\\s+)?минулому\\s+тижні|минулого\\s+тижня|минулий\\s+тиждень|(?:на\\s+)?прошлой\\s+неделе|прошлой\\s+недели|(?:the\\s+)?(?:last|previous)\\s+week", (_m, t) => ({
    from: addDays(monday(t), -7),
    to: addDays(monday(t), -1),
  })),
  // Months.
  rule("за\\s+(?:останній\\s+)?місяць|за\\s+(?:последний\\s+)?месяц|(?:(?:in|over|during)\\s+)?the\\s+(?:last|past)\\s+month", (_m, t) => lastDays(t, 30)),
  rule("(?:(?:у|в)\\s+)?(?:цьому|поточному)\\s+місяці|цього\\s+місяця|цей\\s+місяць|(?:в\\s+)?(?:этом|текущем)\\s+месяце|этого\\s+месяца|this\\s+month", (_m, t) => ({
    from: `${t.slice(0, 8)}01`,
    to: t,
  })),
  rule("(?:(?:у|в)\\s+)?минулому\\s+місяці|минулого\\s+місяця|минулий\\s+місяць|(?:в\\s+)?прошлом\\s+месяце|прошлого\\s+месяца|(?:the\\s+)?(?:last|previous)\\s+month", (_m, t) =>
    monthBefore(t),
  ),
  // Years.
  rule("за\\s+(?:останній\\s+)?рік|за\\s+(?:последний\\s+)?год|(?:(?:in|over|during)\\s+)?the\\s+(?:last|past)\\s+year", (_m, t) => lastDays(t, 365)),
  rule("(?:(?:у|в)\\s+)?цьому\\s+році|цього\\s+року|цей\\s+рік|(?:в\\s+)?этом\\s+году|этого\\s+года|this\\s+year", (_m, t) => ({ from: `${t.slice(0, 4)}-01-01`, to: t })),
  rule("(?:(?:у|в)\\s+)?минулому\\s+році|минулого\\s+року|торік|минулий\\s+рік|(?:в\\s+)?прошлом\\s+году|прошлого\\s+года|(?:the\\s+)?(?:last|previous)\\s+year", (_m, t) =>
    yearRange(parts(t).year - 1),
  ),
  // Weekdays: the latest such day, today included ("у вівторок" asked on Wednesday = yesterday);
  // in a question about the future ("Що буде у п'ятницю?") the next one, today included. Said
  // with "минулої" / "last", the latest one before today, whatever the tense ("last Wednesday"
  // asked on a Wednesday is a week ago).
  ...WEEKDAYS.map(([names, n], i) =>
    rule(`(?:(?:у|в|во|on)\\s+)?(?:${PAST})\\s+(?:${names}|${WEEKDAYS_AFTER_PAST[i]})`, (_m, t) => dayRange(addDays(t, -((weekday(t) - n + 6) % 7) - 1))),
  ),
  ...WEEKDAYS.map(([names, n]) =>
    rule(`(?:(?:у|в|во|on)\\s+)?(?:${names})`, (m, t, ahead) =>
      inName(m) ? null : dayRange(ahead ? addDays(t, (n - weekday(t) + 7) % 7) : addDays(t, -((weekday(t) - n + 7) % 7))),
    ),
  ),
  // Weekends (Saturday and Sunday): "минулих вихідних" / "last weekend" is the one over before
  // today; "цих вихідних" / "this weekend" the latest one begun by today, or in a question about
  // the future the next one not yet over. "на вихідних" / "в выходные" / "at the weekend" is read
  // so only in a question of time alone ("Що було на вихідних?") or about the future ("Що буде
  // на вихідних?"): with a topic it is habitual ("Чи працюють музеї на вихідних?"). A bare
  // "вихідні" is not read: "вихідні дані" are output data.
  rule(
    `(?:(?:на|в|у|за|во)\\s+)?(?:минулих|минулі|прошлых|прошлые)\\s+${WEEKEND}|(?:(?:on|at|over|during)\\s+)?(?:the\\s+)?(?:last|past|previous)\\s+weekend`,
    (_m, t) => {
      const sat = addDays(saturday(t), addDays(saturday(t), 1) < t ? 0 : -7);
      return { from: sat, to: addDays(sat, 1) };
    },
  ),
  rule(`(?:(?:на|в|у|за|во)\\s+)?(?:цих|ці|этих|эти)\\s+${WEEKEND}|this\\s+weekend`, (_m, t, ahead) => comingWeekend(t, ahead)),
  rule(
    `(?:на|в|у|за|во)\\s+${WEEKEND}|(?:on|at|over|during)\\s+the\\s+weekend`,
    (_m, t, ahead) => comingWeekend(t, ahead),
    true,
    "unless-ahead",
  ),

  // Recency: the newest first, no fixed period.
  rule(
    [
      "(?:які\\s+)?(?:останні|найсвіжіші|свіжі|найновіші|нові)\\s+(?:новини|новина|події|статті|публікації|повідомлення)",
      "(?:какие\\s+)?(?:последние|свежие|новейшие|новые)\\s+(?:новости|новость|события|статьи|публикации|сообщения)",
      "що\\s+нового|что\\s+нового|що\\s+новенького|що\\s+останнє|что\\s+последнее|останнім\\s+часом|последнее\\s+время|в\\s+последнее\\s+время",
      "(?:які\\s+)?новини|(?:какие\\s+)?новости",
      "(?:the\\s+)?(?:latest|newest|most\\s+recent|recent)\\s+(?:news|articles|updates|stories|events)",
      // Not "at the latest" (a deadline: "by Monday at the latest", "at the latest in March").
      `${NOT_AT}(?:the\\s+)?latest\\s+(?:on|about)|${NOT_AT}(?:the\\s+)?latest(?=\\s+(?:from|out\\s+of)\\s)`,
      // "the latest in X" only before a place; see latestInPlace.
      `${NOT_AT}(?:the\\s+)?latest(?=\\s+in\\s+(?<latestIn>\\p{L}+))|^\\s*latest`,
      "what['’]?s\\s+new|what\\s+is\\s+new|any\\s+news|the\\s+news",
      "найсвіжіше|свежее",
      // "Що нещодавно писали про метро?", "What did the mayor say recently?": the newest first, as
      // "останнім часом" / "latest", rather than a fixed window (7 or 14 days would refuse a topic
      // whose newest article is older, where "latest" quotes it).
      "нещодавно|недавно|recently|lately",
    ].join("|"),
    (m) => (m.groups?.latestIn === undefined || latestInPlace(m.groups.latestIn) ? "recency" : null),
  ),
];

// Verbs and nouns that ask "what happened" without naming a topic.
const EVENT_WORDS = new Set(
  `відбулося відбувалося сталося ставалося трапилося було писали пишуть написали новини новин новина нового новенького події подій статті статей
  произошло происходило случилось было писали пишут написали новости новостей новость нового события событий статьи статей
  happened happen happens happening going on news new there written wrote articles article events event say said
  буде будуть станеться відбудеться трапиться заплановано очікується будет будут случится произойдет произойдёт состоится запланировано ожидается planned expected
  розкажи розкажіть покажи покажіть расскажи расскажите покажи покажите tell show list me us`.split(/\s+/).filter(Boolean),
);

// A question about the future: a day or month named without its year is the next one, not the
// last ("Що буде 10 лютого?" asked on 5 February 2026 is about 10 February 2026, not 2025).
// The auxiliaries and the synthetic future ("коштуватиме"), and the few verbs news announces
// ahead with, in the perfective future or the present of a timetable ("Що відкриють у квітні?",
// "Что откроют в апреле?", "What opens in April?" asked in June are about next April). Other
// verbs keep the past reading: a perfective future cannot be told from the present by its ending
// ("проведуть" will hold, "проводять" hold), and a news bot is mostly asked about the past.
const FUTURE_VERBS = [
  // uk: відкриє/відкриють(ся), закриє…, почне(ться)/розпочнуть…, запустить…, запрацює, стартує,
  // з'явиться, подорожчає, зміниться, пройде.
  "(?:від|за)кри(?:є(?:ться)?|ють(?:ся)?)|(?:роз)?почн(?:е(?:ться)?|уть(?:ся)?)|запуст(?:ить|ять)(?:ся)?|запрацю(?:є|ють)|старту(?:є|ють)|з['’‘ʼʻ`´′]?яв(?:иться|ляться)|(?:по|з)дорожча(?:є|ють)|змін(?:ить|ять)(?:ся)?|пройд(?:е|уть)",
  // ru: откроет/откроют(ся), закроет…, начнёт(ся)…, запустит…, заработает, стартует, появится, подорожает, изменит(ся), пройдёт.
  "(?:от|за)кро(?:ет|ют)(?:ся)?|начн(?:[её]т|ут)(?:ся)?|запуст(?:ит|ят)(?:ся)?|заработа(?:ет|ют)|старту(?:ет|ют)|появ(?:ится|ятся)|подорожа(?:ет|ют)|измен(?:ит|ят)(?:ся)?|пройд(?:[её]т|ут)",
  "opens|closes|starts|begins|launches",
].join("|");
const FUTURE_AUXILIARIES = `${B}(?:буде|будуть|будемо|станеться|відбудеться|відбудуться|трапиться|будет|будут|случится|произойд[её]т|состоится|состоятся|will|won['’]t|going\\s+to|upcoming|\\p{L}{2,}тим(?:е|уть))${E}|\\p{L}['’]ll${E}`;
const FUTURE = new RegExp(`${FUTURE_AUXILIARIES}|${B}(?:${FUTURE_VERBS})${E}`, "iu");
const AUXILIARY = new RegExp(FUTURE_AUXILIARIES, "iu");
// An announcement verb dates only the time words of its own clause: "У вівторок у КМДА
// повідомили, що станцію відкриють у травні" (an article's words, or a question's "Що писали у
// п'ятницю про те, що метро закриють?") reported on the Tuesday gone, not the next one.
const ANNOUNCED = new RegExp(`${B}(?:${FUTURE_VERBS})${E}`, "iu");
const CLAUSE_EDGE = /[,;:.!?…—–()]/u;
/** The bounds of the clause around `start`-`end`: up to the punctuation on either side. */
function clauseBounds(text: string, start: number, end: number): [number, number] {
  let from = start;
  while (from > 0 && !CLAUSE_EDGE.test(text[from - 1] ?? "")) from--;
  let to = end;
  while (to < text.length && !CLAUSE_EDGE.test(text[to] ?? "")) to++;
  return [from, to];
}

// Street words, before a street's name: "вулиця 8 Березня", "вул. Першого Травня", "площа 1 Травня", "ул. 8 Марта".
const STREET =
  "вулиц(?:я|і|ю|ею)|вул\\.|проспект(?:у|і|ом|а|е)?|просп\\.|площ(?:а|і|у|ею)|пл\\.|провул(?:ок|ку|ка)|пров\\.|бульвар(?:у|і|а|е)?|бул\\.|бульв\\.|" +
  "набережн(?:а|ій|ая|ой)|улиц(?:а|е|у|ы|ей)|ул\\.|площад(?:ь|и)|переул(?:ок|ке|ка)|пер\\.|street|st\\.|avenue|ave\\.|square";
const AFTER_STREET = new RegExp(`(?<![\\p{L}\\p{N}])(?:${STREET})\\s+$`, "iu");
// "Хто такий Травень?", "Кто такой Май?", "Who is April?": a capitalised month after these is a person.
const WHO_IS = /(?<![\p{L}\p{N}])(?:(?:хто|кто)\s+(?:такий|така|таке|такі|такой|такая|такое|такие)|who\s+(?:is|was|are|were))\s+$/iu;
const LEADING_PREP = new RegExp(`^(?:${PREP_WORDS})\\s`, "iu");
/**
 * A month name (or a day with it) used as a name, not a date: right after a street word
 * ("вулиця 8 Березня", "на вулиці Першого Травня", "площа 1 Травня"), or capitalised after "Хто
 * такий" / "Кто такой" / "Who is" ("Хто такий Травень?"). Not after a preposition of its own
 * ("на вулиці у травні" is May), nor with a year ("площа 1 травня 2025 року" is that day).
 */
function monthAsName(text: string, start: number, piece: string): boolean {
  if (LEADING_PREP.test(piece) || /\d{4}/u.test(piece)) return false;
  const month = piece.split(/[\s,]+/u).find((w) => monthOf(w) > 0);
  if (month === undefined) return false;
  const before = text.slice(0, start);
  return AFTER_STREET.test(before) || (/^\p{Lu}/u.test(month) && /^\p{Lu}/u.test(piece) && WHO_IS.test(before));
}

// What a clause of time alone may hold besides its time words: ", у травні?", ", чи у травні?", "— or in May?".
const TIME_ONLY_REST = /^[\s,;:—–-]*(?:(?:а|і|й|та|чи|або|и|или|ли|or|and)[\s,;:—–-]+)*$/iu;
/**
 * The clause whose tense dates the piece `start`-`end`: its own (see ANNOUNCED), or, when it holds
 * nothing but the piece after a comma, a dash, a colon or a semicolon ("Коли відкриють метро, у
 * травні?"), the clause before it, which the piece completes.
 */
function tenseClause(text: string, start: number, end: number): string {
  const [from, to] = clauseBounds(text, start, end);
  const joined = /[,;:—–]/u.test(text[from - 1] ?? "");
  if (!joined || !TIME_ONLY_REST.test(`${text.slice(from, start)} ${text.slice(end, to)}`)) return text.slice(from, to);
  const [before] = clauseBounds(text, from - 1, from - 1);
  return text.slice(before, to);
}

/** Reads the time a question asks about, against `now` (the clock is the caller's). */
export function parseTimeSpan(typed: string, now: Date, options: TimeSpanOptions = {}): TimeSpan {
  // "5 лютoго" with a Latin о is February too. Letter for letter, so offsets stay the typed text's.
  const question = oneScriptWords(typed);
  const today = isoDay(now, options.timeZone ?? DEFAULT_TIME_ZONE);
  const taken: (TimeMatch & { weak: boolean; range: Range | null })[] = [];
  const quoted = options.skipQuoted ? quotedPieces(question) : [];
  // Kept apart from the periods, but taken: "лютого" of "31 лютого" is not read again as the month.
  const noSuchDays: (NoSuchDay & { start: number; end: number })[] = [];
  // Month names used as names ("вулиця 8 Березня", "Хто такий Травень?"): taken, not read.
  const names: { start: number; end: number }[] = [];
  const aheadAll = AUXILIARY.test(question) || (options.earlier !== undefined && FUTURE.test(options.earlier));
  for (const { re, resolve, relative, weak = false } of RULES) {
    re.lastIndex = 0;
    for (let m = re.exec(question); m !== null; m = re.exec(question)) {
      const start = m.index;
      const end = start + m[0].length;
      if ([...taken, ...quoted, ...noSuchDays, ...names].some((t) => start < t.end && end > t.start)) continue;
      if (monthAsName(question, start, m[0])) {
        names.push({ start, end });
        continue;
      }
      const ahead = aheadAll || ANNOUNCED.test(tenseClause(question, start, end));
      const resolved = resolve(m, today, ahead);
      if (!resolved) continue;
      if (typeof resolved === "object" && "day" in resolved) {
        noSuchDays.push({ ...resolved, start, end });
        continue;
      }
      const range = resolved === "recency" ? null : resolved;
      taken.push({ text: m[0], start, end, from: range?.from ?? null, to: range?.to ?? null, relative, weak: weak === true || (weak === "unless-ahead" && !ahead), range });
    }
  }
  taken.sort((a, b) => a.start - b.start);
  // A weak word counts only when, with every time word gone, no topic is left.
  const kept = isTopicless(withoutPieces(question, taken)) ? taken : taken.filter((t) => !t.weak);
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

/** The weekend begun by `t` (the latest), or in a question about the future the next one not yet over. */
function comingWeekend(t: string, ahead: boolean): Range {
  const sat = addDays(saturday(t), ahead || saturday(t) <= t ? 0 : -7);
  return { from: sat, to: addDays(sat, 1) };
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

/**
 * The topic words of a question without its time: "what happened / what was written" words go
 * too ("писали" is rare in news text, so it would outweigh "Львів" in BM25).
 */
export function topicOf(rest: string): string {
  return rest
    .split(/(\s+)/)
    .filter((piece) => !words(piece).some((w) => EVENT_WORDS.has(w)))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

// The lead-ins of a follow-up that names a period: "А як щодо минулого тижня?", "а как насчёт
// вчера?", "What about last week?". They name no topic ("щодо" and "насчёт" are no stop words: in
// "Як щодо метро?" the topic is the metro).
const LEAD_INS = new RegExp(`${B}(?:як\\s+щодо|(?:как|что|шо)\\s+насч[её]т|what\\s+about|how\\s+about)${E}`, "giu");

/** The text without the lead-ins of a follow-up ("як щодо", "как насчёт", "what about"). */
export function withoutLeadIns(text: string): string {
  return text.replace(LEAD_INS, " ");
}

/** Whether nothing but stop words, "what happened" words, numbers and follow-up lead-ins ("як щодо") is left. */
export function isTopicless(rest: string): boolean {
  return words(withoutLeadIns(rest)).every((w) => STOP_WORDS.has(w) || EVENT_WORDS.has(w) || /^\d+$/.test(w));
}

/** Whether the question said anything about time. */
export function hasTime(span: TimeSpan): boolean {
  return span.matches.length > 0;
}
