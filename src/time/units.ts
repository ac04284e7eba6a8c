// Counted periods: days, weeks, months and years ago ("3 дні тому"), ahead ("через тиждень") or
// back from today ("за останні 3 дні").
import { addDays, parts } from "./calendar.js";
import { dayRange, lastDays, lastMonths, monthBefore, type Resolved, weekOf, yearRange } from "./ranges.js";
import { type Rule, rule, type Weak } from "./rule.js";
import { AGO, COUNT, countOf, DAY_COUNT, E, LAST, LAST_UK_RU, NOT_OF, SENTENCE_OPENING } from "./time-words.js";

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
  /** The rolling window of the last `n` units, today included ("за останні 2 місяці"; see lastUnits). */
  last(today: string, n: number): Resolved;
}
// The unit named is the span's size, as "вчора" is a day and "минулого тижня" a calendar week:
// "3 дні тому" is that day, "тиждень тому" that calendar week (Monday to Sunday: the same as
// "минулого тижня"), "місяць тому" that calendar month (as "минулого місяця"), "рік тому" that
// calendar year (as "минулого року"); "через тиждень" is "наступного тижня". A reader who says "a
// week ago" means about then, not one exact day; one who means the day says "7 днів тому".
export const DAYS: Unit = { names: "день|дні|днів|дня|дней|days?", singular: /^(?:день|day)$/iu, shift: (t, n) => dayRange(addDays(t, n)), limit: 3660, last: lastDays };
export const WEEKS: Unit = {
  names: "тиждень|тижні|тижнів|неделю|недели|недель|weeks?",
  singular: /^(?:тиждень|неделю|week)$/iu,
  shift: (t, n) => weekOf(addDays(t, 7 * n)),
  limit: 520,
  last: (t, n) => lastDays(t, 7 * n),
};
export const MONTHS: Unit = { names: "місяць|місяці|місяців|месяц|месяца|месяцев|months?", singular: /^(?:місяць|месяц|month)$/iu, shift: (t, n) => monthBefore(t, -n), limit: 120, last: lastMonths };
// Russian "год" is one year only ("2 года", "5 лет"): "2 год тому", "через 3 год" are Ukrainian
// hours ("год." for "годин", as clocks and apps write it), not years.
export const YEARS: Unit = {
  names: "рік|роки|років|год|года|лет|years?",
  singular: /^(?:рік|год|year)$/iu,
  shift: (t, n) => yearRange(parts(t).year + n),
  limit: 10,
  oneOnly: /^год$/iu,
  last: (t, n) => lastMonths(t, 12 * n),
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
/**
 * "за останні 3 дні", "за останні два тижні", "за последние две недели", "in the last two weeks",
 * "over the past three days": `n` units back, today included (a rolling window, as "за останній
 * тиждень" is seven days; months and years by the calendar, see lastMonths), in digits or a number
 * word (COUNT).
 */
export function lastUnits(unit: Unit): Rule {
  return rule(`(?:${LAST})\\s+(${COUNT})\\s+(${unit.names})${NOT_OF}`, (m, t) => {
    const n = countOf(m[1]);
    if (n !== 1 && unit.oneOnly?.test(m[2] ?? "")) return null;
    return n >= 1 && n <= unit.limit ? unit.last(t, n) : null;
  });
}
/** "3 дні тому", "неделю назад", "a year ago". */
export const ago = (unit: Unit): Rule => shifted(`(?:(${COUNT})\\s+)?(${unit.names})\\s+${AGO}`, unit, -1);
/** "Рік тому що змінилося?": "тому що" opening its sentence is "ago" (see AGO). */
export const agoOpening = (unit: Unit): Rule => shifted(`${SENTENCE_OPENING}(?:(${COUNT})\\s+)?(${unit.names})\\s+тому(?=\\s+(?:що|шо)${E})`, unit, -1);
/**
 * "через тиждень", "через 3 дні", "через год": ahead. Not "через день" without a number (also
 * "every other day": "поїзди ходять через день"), and not "через тиждень після виборів", a week
 * after another day than today. "Через" is also "because of" and "after" ("Що змінилося через рік
 * війни?", "через тиждень від початку війни"), so it counts only in a question about the future
 * ("Що буде через тиждень?", "Скільки коштуватиме проїзд через місяць?") or of time alone.
 */
export const later = (unit: Unit): Rule =>
  shifted(`через\\s+(?:(${COUNT})\\s+)?(${unit.names})(?!\\s+(?:після|после)${E})`, unit, 1, unit === DAYS ? null : unit.singular, "unless-ahead");
/**
 * "in a week's time", "3 days from now"; a bare "in a week" counts only in a question of time
 * alone: "built in a week" is how long something took.
 */
export const laterEn = (unit: Unit): Rule[] => [
  shifted(`in\\s+(${COUNT})\\s+(${unit.names})['’]s?\\s+time`, unit, 1),
  shifted(`(${COUNT})\\s+(${unit.names})\\s+from\\s+now`, unit, 1),
  shifted(`in\\s+(${COUNT})\\s+(${unit.names})`, unit, 1, null, true),
];

// "доба" / "сутки" (a day of 24 hours) and hours in the plural a count takes ("24 години", "48
// годин", "24 часа", "48 hours"); "год" is not read: it is also the Russian year.
const DAYS_OF_24 = "добу|доби|діб|сутки|суток";
const HOURS = "години|годин|часа|часов|hours";
/**
 * The days `hours` back from now reach, today included: 24 hours reach into yesterday (as "за
 * останню добу" is read), 48 into the day before. The clock is not read, so a part of a day
 * counts whole: 12 hours are yesterday and today too.
 */
function hoursBack(today: string, hours: number): Resolved {
  const n = Math.ceil(hours / 24);
  return n >= 1 && n <= 3660 ? { from: addDays(today, -n), to: today } : null;
}
/**
 * "за останню добу", "за последние двое суток", "за останні 24 години", "in the last 48 hours",
 * "in the last hour": hours back from now (see hoursBack). Without "останні" / "последние" ("за
 * двое суток", "за сутки", "за 24 часа") only in a question of time alone ("Что было за сутки?"):
 * with a topic it is how long something took ("Мост построили за двое суток"), and in a question
 * about the future it is a time ahead ("Що буде за 2 години?", "Что будет за сутки?"), not read.
 */
export function lastHours(): Rule[] {
  return [
    rule(`(?:${LAST_UK_RU})\\s+(?:(${DAY_COUNT})\\s+)?(?:${DAYS_OF_24})${NOT_OF}`, (m, t) => hoursBack(t, 24 * (m[1] === undefined ? 1 : countOf(m[1])))),
    rule(`(?:${LAST})\\s+(?:(${COUNT})\\s+(?:${HOURS})|годину|hour)${NOT_OF}`, (m, t) => hoursBack(t, m[1] === undefined ? 1 : countOf(m[1]))),
    rule(
      `за\\s+(?:(${DAY_COUNT})\\s+(?:${DAYS_OF_24})|добу|сутки|(${COUNT})\\s+(?:${HOURS}))${NOT_OF}`,
      (m, t, ahead) => (ahead ? null : hoursBack(t, m[1] !== undefined ? 24 * countOf(m[1]) : m[2] !== undefined ? countOf(m[2]) : 24)),
      true,
      true,
    ),
  ];
}
