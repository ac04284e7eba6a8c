// Spans of days written out: "5–7 лютого", "з 28 лютого по 3 березня", "February 5–7".
import { type Bound, daySpan, fullYear, monthRange } from "./ranges.js";
import { date, type Rule, textAfter } from "./rule.js";
import { alt, MONTH_ANY_DAY, MONTH_EN, MONTHS_EN_SHORT, mayAsVerb, monthOf, PREP_WORDS, YEAR_WORD } from "./time-words.js";

// The pieces of a span of days (see daySpan): the dashes a span is written with, and the words
// that join its bounds after an opener.
export const DASH = "\\s*[-‐‑‒–—−]\\s*";
const SPAN_OPENER = "з|із|зі|с|со|від|от|from|between";
const SPAN_JOINER = "по|до|to|until|till|through|and";
const DAY_SUFFIX = "(?:-?(?:го|е|th|st|nd|rd))?";
const YEAR_AFTER = `(?:,?\\s+(\\d{4})(?:${YEAR_WORD})?)?`;
/**
 * Whether a match's first figure is the decimal part of a number ("5" of "2.5 лютого", of "1.5–7
 * лютого"): a number with a decimal part is no day, though the month after it is still named.
 */
export function afterDecimalPoint(m: RegExpExecArray): boolean {
  const first = m[0].search(/\d/);
  const at = m.index + first;
  return first >= 0 && m.input[at - 1] === "." && /\d/.test(m.input[at - 2] ?? "");
}

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
    const reads = readsAsDay || /^(?:on|from|between)$/.test(opener ?? "");
    // "Will 4–5 may attend?": the verb (see mayAsVerb), not 4–5 May.
    if (!reads && mayAsVerb(/\p{L}+(?=\.?$)/u.exec(m[0])?.[0] ?? "", textAfter(m))) return null;
    // "1.5–7 лютого" spans numbers, not days: its month, taken whole so that "7 лютого" is not read alone.
    if (afterDecimalPoint(m)) return from.month === to.month ? monthRange(t, to.month, to.year?.toString(), a) : null;
    return daySpan(t, from, to, a, reads);
  });
}
export function spanRules(): Rule[] {
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
