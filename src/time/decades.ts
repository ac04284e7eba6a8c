// Decades: "у 2020-х", "в 90-х роках", "in the 2020s", "the '90s", "на початку 2000-х", "the late 1990s".
import { parts } from "./calendar.js";
import type { Resolved } from "./ranges.js";
import { date, type Rule, textAfter, textBefore } from "./rule.js";
import { E } from "./time-words.js";
import { endsAsTime } from "./topic.js";

// Ukrainian and Russian: four figures ending in 0 or two, a dash (or none), the plural's ending
// ("2020-х", "90-ті", "90-тих", "1990-е", "90-ые", "90-ых"), then maybe a plural year word ("роках").
const UK_RU = `(\\d{3}0|\\d0)[-‐‑–]?(?:ті|тих|х|их|е|ые|ых)${E}`;
const UK_RU_YEARS = "\\s+(?:роки|років|роках|рокам|годы|годов|годах|гг\\.|рр\\.)";
// English: "1990s", "1980's", "'90s"; two figures alone only after "the" ("the 90s"): "in his 90s"
// is an age. Not "the 1900s" or "the 2000s", either of which may be a century.
const EN = `(?:(\\d{2}[1-9]0)['’]?s|['’](\\d0)['’]?s|(?<=the\\s+(?:(?:early|mid|late)[\\s-]+)?)(\\d0)['’]?s)${E}`;
// A second decade joined to the first continues its century when of two figures ("the 1970s and 80s").
const EN_SECOND = `(?:the\\s+)?(?:(\\d{2}[1-9]0)['’]?s|['’]?(\\d0)['’]?s)${E}`;
const JOIN = "\\s+(?:and|or|та|і|й|и|або|или)\\s+";
// The century a decade of two figures is said in, when named ("90-х років минулого століття").
const LAST_CENTURY = "\\s+(?:минулого\\s+(?:століття|сторіччя)|прошлого\\s+века|of\\s+the\\s+last\\s+century)";
// Its part: the start, middle or end ("на початку 2000-х", "в конце 90-х", "the early 1990s", "mid-'90s").
const PART_UK_RU = "(?:на\\s+)?початку|(?:на|у|в)\\s+середині|посередині|наприкінці|(?:на|у|в)\\s+кінці|в\\s+начале|в\\s+середине|в\\s+конце";
const PART_EN = "early|mid|late";
// "з 90-х", "since the 1970s", "from 1970s and beyond", "до 90-х", "by the 1990s", "after the 1980s":
// from or until then, not that decade alone.
const BOUNDED = /(?<![\p{L}\p{N}])(?:з|із|зі|с|со|від|от|до|після|после|перед|from|since|starting|before|until|till|by|after)\s+(?:the\s+)?$/iu;

/**
 * The first year of a decade as written: four figures ("1990"), or two ("90"): the latest such decade
 * begun by today, as a day without its year is the latest one ("20-х" asked in 2026 is the 2020s,
 * "30-х" the 1930s), or the century before this one when "минулого століття" follows.
 */
function decadeStart(figures: string, today: string, lastCentury: boolean): number {
  if (figures.length === 4) return Number(figures);
  const year = parts(today).year;
  const start = year - (year % 100) + Number(figures);
  return lastCentury || start > year ? start - 100 : start;
}

/**
 * From the first decade's start to the last's end; of one decade with a part, its first four years
 * (early), the middle four (mid) or the last four (late).
 */
function decadeRange(start: number, last: number, part: string): Resolved {
  const from = start + (/кін|кон|late/iu.test(part) ? 6 : /серед|mid/iu.test(part) ? 3 : 0);
  const to = last + (/почат|начал|early/iu.test(part) ? 3 : /серед|mid/iu.test(part) ? 6 : 9);
  return last >= start && from >= 1900 && to <= 2100 ? { from: `${from}-01-01`, to: `${to}-12-31` } : null;
}

/** The decade (or two joined) a match names: `first` and `second` as written, `lastCentury` when said. */
function decade(m: RegExpExecArray, today: string, part: string | undefined, first: string, second: string | undefined, lastCentury: boolean): Resolved {
  if (BOUNDED.test(textBefore(m))) return null;
  const start = decadeStart(first, today, lastCentury);
  const last = second === undefined ? start : second.length === 4 ? Number(second) : start - (start % 100) + Number(second);
  return decadeRange(start, last, part ?? "");
}

/**
 * A decade, or two joined ("у 1990-х та 2000-х", "in the 1970s and 80s"), is read whole, from 1
 * January of its first year to 31 December of its last: "у 2020-х" was the year 2020, "в 90-х" and
 * "in the 2020s" nothing.
 */
export function decadeRules(): Rule[] {
  return [
    date(`(?:(${PART_UK_RU})\\s+|(?:у|в|во|за)\\s+)?${UK_RU}(?:${JOIN}${UK_RU})?(${UK_RU_YEARS})?(${LAST_CENTURY})?`, (m, t) => {
      // Two figures may count a noun after them ("у 10-х класах", "на 90-х хвилинах"): see endsAsTime.
      const short = [m[2], m[3]].some((figures) => figures?.length === 2);
      if (short && m[4] === undefined && m[5] === undefined && !endsAsTime(textAfter(m))) return null;
      return decade(m, t, m[1], m[2] ?? "", m[3], m[5] !== undefined);
    }),
    date(`(?:(?:in|during|of|throughout)\\s+)?(?:the\\s+)?(?:(${PART_EN})[\\s-]+)?${EN}(?:${JOIN}${EN_SECOND})?(${LAST_CENTURY})?`, (m, t) =>
      decade(m, t, m[1], m[2] ?? m[3] ?? m[4] ?? "", m[5] ?? m[6], m[7] !== undefined),
    ),
  ];
}
