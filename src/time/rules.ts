// Every time phrase read, as a rule: its pattern and the period it names.
import { addDays, parts, weekday } from "./calendar.js";
import { afterDecimalPoint, DASH, spanRules } from "./day-spans.js";
import { decadeRules } from "./decades.js";
import { comingWeekend, dayInFigures, dayOf, dayRange, lastDays, lastMonths, monday, monthBefore, monthPart, monthRange, saturday, weekOf, writtenDay, type Range, type Resolved, yearRange, yearSpan } from "./ranges.js";
import { aloneWithout, date, fallback, type Rule, rule, textAfter, textBefore } from "./rule.js";
import { PRESENT, tenseClause } from "./tense.js";
import { endsAsTime } from "./topic.js";
import {
  alt,
  MONTH_ANY_DAY,
  MONTH_EN,
  MONTH_UK_RU,
  MONTHS_EN_SHORT,
  mayAsVerb,
  monthOf,
  NEWS_RU,
  NEWS_UK,
  NOT_AT,
  NOT_OF,
  ORDINAL_DAY,
  ORDINAL_EN,
  ORDINAL_TENS,
  ordinalEnOf,
  ordinalOf,
  PAST,
  PREP,
  WEEKDAYS,
  WEEKDAYS_AFTER_PAST,
  WEEKEND,
  YEAR_WORD,
  YEARS_WORD,
} from "./time-words.js";
import { ago, agoOpening, DAYS, lastHours, later, laterEn, lastUnits, MONTHS, WEEKS, YEARS } from "./units.js";

/**
 * "The Sunday Times", "Sunday Telegraph", "Monday Night Football": an English weekday without "on"
 * before another capitalised word names a paper or a show, not a day. Not before a month ("Sunday
 * February 1" is that day), nor in any case but the capitalised one the name is written in.
 */
function inName(m: RegExpExecArray): boolean {
  if (!/^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$/.test(m[0])) return false;
  const next = /^\s+(\p{Lu}\p{L}*)/u.exec(textAfter(m))?.[1];
  return next !== undefined && monthOf(next) === 0;
}

/**
 * "What's the latest in Lviv?" asks for the newest there; "the latest in a series of attacks"
 * and "the latest in March" do not. The word after "in" must be capitalised (the rules match
 * case-insensitively, so it is checked here) and not a month or an article.
 */
function latestInPlace(word: string): boolean {
  return /^\p{Lu}/u.test(word) && !/^(?:A|An|The)$/.test(word) && monthOf(word) === 0;
}

// A participle's full endings: Ukrainian -аний/-ений/-итий/-нутий… ("відкритим", "оголошеного",
// "створена"), Russian -анный/-енный/-ытый/-ятый… ("открытый", "построенного", "принятом").
// Nouns ending alike ("Україна", "Туреччина") lack the -ан-/-ен-/-ит- before them, and short ones
// that have it ("страна", "охрана", "сцена"; the verb "бачите") have fewer than four letters
// before it (so do a few participles: "обраний" is missed).
const PARTICIPLE =
  /^\p{L}{4,}(?:(?:[аяеє]н|[иіуяо]т|нут)(?:ий|ого|ому|им|ім|ій|их|ими|а|ої|у|ою|е|і)|(?:[аяеё]нн|[иыуоя]т)(?:ый|ой|ого|ому|ым|ом|ых|ыми|ая|ую|ое|ые))$/u;

/**
 * "нещодавно" / "recently" describing a thing, not the question's time: "нещодавно відкритим
 * музеєм", "недавно построенного моста", "the recently opened museum", "recently-elected". Read as
 * "the newest first" there, the answer would quote the newest article that names the museum
 * rather than the one that answers.
 */
function describesAThing(m: RegExpExecArray): boolean {
  const after = textAfter(m);
  if (/^-\p{L}/u.test(after)) return true;
  const word = /^\s+(\p{L}+)/u.exec(after)?.[1];
  // A capital, then small letters: a name ("нещодавно Тетяна Бережна заявила", "Ірану"), which
  // ends like a participle as often as not; a participle is written small (or all in capitals).
  if (word !== undefined && /\p{Script=Cyrillic}/u.test(word)) return !/^\p{Lu}\p{Ll}/u.test(word) && PARTICIPLE.test(word.toLowerCase());
  // "the recently opened museum": a determiner before, the word it describes after. "this",
  // "that", "her" may stand alone ("What was said about this recently?", "told her recently about"):
  // with nothing after, or a word no participle is, "recently" is the question's time.
  const following = /^\s+([a-z]+)/i.exec(after)?.[1]?.toLowerCase();
  if (following === undefined || NOT_DESCRIBED.has(following)) return false;
  return /\b(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your)\s+$/i.test(textBefore(m));
}

const NOT_DESCRIBED = new Set(
  "the a an this that these those it he she they we i you there his her its their our my your about after at before by for from in into of on over to with and or but is was were are has have had did do does".split(" "),
);

/**
 * Whether a weekend is asked about ahead: in the future, or in the present of what goes on (see
 * PRESENT): on a weekday the weekend just over would be asked in the past tense.
 */
function weekendAhead(m: RegExpExecArray, ahead: boolean): boolean {
  return ahead || PRESENT.test(tenseClause(m.input, m.index, m.index + m[0].length));
}

/** The night just gone (yesterday and today), or in a question about the future the one ahead (today and tomorrow). */
const night = (today: string, ahead: boolean): Range => (ahead ? { from: today, to: addDays(today, 1) } : { from: addDays(today, -1), to: today });

/** A day its month lacks, said not to exist (see dayInFigures). */
const noSuchDay = (day: Resolved): boolean => typeof day === "object" && day !== null && "day" in day;

/**
 * Whether a match's figures ("10.02.2026" of "з 10.02.2026 року") go on into more figures before or
 * after, joined by one of `joiners`. "1.10.02.2026", "192.10.02.2026", "10.02.2026.1",
 * "123/10/02/2026", "2026-02-10-1" and "192.168.10.02" are a version, an address, a phone or an
 * id, not a date, whether or not its day exists. Both sides count: a pattern matches from the
 * number's start too ("1.10.02" of "1.10.02.2026" was 1 October 2002).
 */
function inLongerNumber(m: RegExpExecArray, joiners: string): boolean {
  // From the match's first figure to its last ("2020" to "2025" of "у 2020 – 2025 роках").
  const first = m[0].search(/\d/);
  if (first < 0) return false;
  const start = m.index + first;
  const end = m.index + m[0].search(/\d\D*$/) + 1;
  const joined = (by: string | undefined, next: string | undefined): boolean => by !== undefined && joiners.includes(by) && /\d/.test(next ?? "");
  return joined(m.input[start - 1], m.input[start - 2]) || joined(m.input[end], m.input[end + 1]);
}

// The words a year is asked about after ("у 2025", "in 2025"), and those that open a span of years
// joined by "по" / "до" ("з 2020 по 2025 рік").
const YEAR_PREP = "у|в|во|за|in|during|of|since";
const YEAR_SPAN_OPENER = "з|із|зі|с|со|від|от|from|between|між|между";
const YEAR_SPAN_JOINER = "по|до|to|until|till|through|and|і|й|та|и";
// Each opener with the words that join its years.
const YEAR_JOINERS: [RegExp, RegExp][] = [
  [/^(?:з|із|зі|с|со|від|от)$/iu, /^(?:по|до)$/iu],
  [/^from$/iu, /^(?:to|until|till|through)$/iu],
  [/^(?:between|між|между)$/iu, /^(?:and|і|й|та|и)$/iu],
];

// A month's name next ("1.10 лютого", "10.02 of May").
const MONTH_NEXT = new RegExp(`^\\s+(?:of\\s+)?(?:${MONTH_ANY_DAY})\\.?(?![\\p{L}\\p{N}])`, "iu");

// More specific rules first: a piece of the question taken by one rule is not read again.
// After "from", "May" is rather a person ("what did he hear from May?").
const MONTH_EN_NOT_MAY = MONTH_EN.split("|").filter((month) => month !== "may").join("|");

export const RULES: Rule[] = [
  // 2026-02-10, 2026.02.10; 2026-02-30 is said not to exist (see dayInFigures). Not inside a longer
  // number joined by a dash or a dot ("build 2026-02-10-1", "2026-02-10.1", "1.2026.02.10",
  // "2026.02.10.1"); "2026-02-10/2026-02-12" is two days, and so is "2026.02.10-2026.02.12", as a dash
  // after "10.02.2026" joins two.
  date("(\\d{4})([-.])(\\d{2})\\2(\\d{2})", (m, t, a) =>
    inLongerNumber(m, m[2] === "." ? "." : "-.") ? null : dayInFigures(t, Number(m[3]), Number(m[4]), m[1], a),
  ),
  // 10.02.2026, 10/02/2026, 10.02.26. Not inside a longer number joined by a dot ("1.10.02.2026",
  // "Що таке 192.10.02.2026?", "10.02.2026.1"), or by a slash when written with slashes
  // ("123/10/02/2026"); a dash or a slash after a dotted date joins two ("10.02.2026-12.02.2026",
  // "10.02.2026/11.02.2026"), and a dot ending a sentence is no figure ("…10.02.2026.").
  date(`${PREP}(\\d{1,2})[./](\\d{1,2})[./](\\d{4}|\\d{2})(?:${YEAR_WORD})?`, (m, t, a) =>
    inLongerNumber(m, m[0].includes("/") ? "./" : ".") ? null : dayInFigures(t, Number(m[2]), Number(m[1]), m[3], a),
  ),
  // 10.02
  date(`${PREP}(\\d{1,2})\\.(\\d{2})(?![.,]?\\d)`, (m, t, a) => {
    // The end of a longer number ("192.168.10.02", "Що нового в 2.31.04?") is no day (nor are
    // figures a dot or a comma follows: see the pattern).
    if (inLongerNumber(m, ".,")) return null;
    // Nor is a number before a month's name ("1.10 лютого" was 1 October and February): see the
    // day with its month's name below.
    if (MONTH_NEXT.test(textAfter(m))) return null;
    const day = dayInFigures(t, Number(m[2]), Number(m[1]), undefined, a);
    // "30.02" may be a price or a version ("30.02 гривні", "версії 30.02"): a day its month lacks
    // is said not to exist only in a question of time alone ("Що було 30.02?").
    const alone = aloneWithout(m);
    return noSuchDay(day) && !alone ? null : day;
  }),
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
  // the third of February, on the twenty-first of May 2025, February third, March the thirty-first
  // (see ORDINAL_EN): each was no date ("on the 3rd of Feb" was, see below). "the" is needed before
  // "third of": "a third of February's budget" is a share. A lower-case "may" or "march" before an
  // ordinal without "the" is a verb ("Who may first apply?", "They march second"); nor is "February
  // second-hand sales" a day.
  date(`(?:on\\s+)?the\\s+(${ORDINAL_EN})\\s+of\\s+(${MONTH_EN}|${alt(MONTHS_EN_SHORT)})\\.?(?:,?\\s+(\\d{4}))?`, (m, t, a) => {
    const day = ordinalEnOf(m[1] ?? "");
    return day > 0 ? writtenDay(t, monthOf(m[2] ?? ""), day, m[3], a) : null;
  }),
  date(`(?:on\\s+)?(${MONTH_EN}|${alt(MONTHS_EN_SHORT)})\\.?\\s+(the\\s+)?(${ORDINAL_EN})(?![-‐‑])(?:,?\\s+(\\d{4}))?`, (m, t, a) => {
    const day = ordinalEnOf(m[3] ?? "");
    const verb = /^(?:may|march|mar)$/.test(m[1] ?? "") && m[2] === undefined && !/^on\s/i.test(m[0]);
    return day > 0 && !verb ? writtenDay(t, monthOf(m[1] ?? ""), day, m[4], a) : null;
  }),
  // 10 лютого 2026 року, 10-го февраля, 10th of February 2026
  // "May", "March" and "Mar" are verbs too: "40 may attend" and "50 march on Kyiv" count people,
  // so a number no month has is said not to be a day there only where it reads as one ("on 40 May",
  // "40th of May", "40 May 2026"). Every other month name is only a month.
  // "on the 3rd of Feb": "the" too, before an English ordinal's figures (it was left as a topic word).
  date(`${PREP}(?:the\\s+(?=\\d{1,2}(?:th|st|nd|rd)))?(\\d{1,2})(?:-?(?:го|е|th|st|nd|rd))?\\s+(?:of\\s+)?(${MONTH_ANY_DAY})\\.?(?:,?\\s+(\\d{4})(?:${YEAR_WORD})?)?`, (m, t, a) => {
    const readsAsDay = !/^(?:may|march|mar)$/i.test(m[2] ?? "") || /^on\s|\d-?(?:th|st|nd|rd)|\sof\s/i.test(m[0]) || m[3] !== undefined;
    // "Which of the 4 may be chosen?": the verb (see mayAsVerb), not 4 May.
    if (!readsAsDay && mayAsVerb(m[2] ?? "", textAfter(m))) return null;
    // A number with a decimal part is no day ("2.5 лютого" was 5 February): the month is still named.
    if (afterDecimalPoint(m)) return monthRange(t, monthOf(m[2] ?? ""), m[3], a);
    return (readsAsDay ? writtenDay : dayOf)(t, monthOf(m[2] ?? ""), Number(m[1]), m[3], a);
  }),
  // February 10, 2026; on Feb 10th
  // "In February 30 people…" counts people: a day February lacks is said not to exist only
  // where it reads as a day ("on February 30", "February 30th", "February 30, 2026"), or in a
  // question of time alone ("February 30", "What happened February 30?"), as "30 February" is.
  date(`${PREP}(${MONTH_EN}|${alt(MONTHS_EN_SHORT)})\\.?\\s+(?:the\\s+(?=\\d{1,2}(?:st|nd|rd|th)))?(\\d{1,2})(st|nd|rd|th)?(?:,?\\s+(\\d{4}))?`, (m, t, a) => {
    const alone = aloneWithout(m);
    const readsAsDay = /^on\s/i.test(m[0]) || m[3] !== undefined || m[4] !== undefined || alone;
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
  // "news from January" (as "новини за січень"); not the start of a span of months ("from January
  // to March"). "of January" is left out: "the revolution of February" names no date.
  date(`from\\s+(${MONTH_EN_NOT_MAY})(?!\\s*(?:-|–|—|to|till|until|through)(?![\\p{L}\\p{N}]))`, (m, t, a) => monthRange(t, monthOf(m[1] ?? ""), undefined, a)),
  // "What about January?" (a follow-up, as "А як щодо січня?"). Not "May": rather a person there.
  date(`(?<=(?:what|how)\\s+about\\s+)(${MONTH_EN_NOT_MAY})`, (m, t, a) => monthRange(t, monthOf(m[1] ?? ""), undefined, a)),
  // Decades: "у 2020-х", "в 90-х роках", "in the 2020s", "the '90s" (see decadeRules), before a year
  // alone took "у 2020" of "у 2020-х".
  ...decadeRules(),
  // Spans of years: "у 2020–2025", "в 2025-2026 роках", "in 2012-13", "in 2025/26", "2020-2025 роки",
  // "з 2020 по 2025 рік", "с 2012 по 2013 год", "з 2010 до 2015", "from 1969 to 1979", "from 1969-1979",
  // "between 1980 and 1990", "між 2010 і 2015 роками" (see yearSpan), read whole: each year alone
  // (below) took the first one only. A dash joins them after one of a year's prepositions or before a
  // year word, as a single year is read; a word joins them after its opener ("з" … "по" / "до",
  // "from" … "to", "between" / "між" … "and" / "і"). After an opener, with no year word, the figures
  // must end the clause or come before a function word ("з 2010 до 2015?", "between 1980 and 1990, what…"):
  // "від 2000 до 2500 гривень" is a price, "from 2000 to 2100 people" a count. Not inside a longer
  // number ("in 2012-13-1").
  date(`(?:(${YEAR_PREP}|${YEAR_SPAN_OPENER})\\s+)?(\\d{4})(?:(${DASH}|/)(\\d{4}|\\d{2})|\\s+(${YEAR_SPAN_JOINER})\\s+(\\d{4}))(${YEARS_WORD})?`, (m) => {
    const opener = m[1]?.toLowerCase() ?? "";
    const yearWord = m[7] !== undefined;
    const afterOpener = new RegExp(`^(?:${YEAR_SPAN_OPENER})$`, "iu").test(opener) && (yearWord || endsAsTime(textAfter(m)));
    const read =
      m[3] !== undefined ? yearWord || new RegExp(`^(?:${YEAR_PREP})$`).test(opener) || afterOpener : afterOpener && YEAR_JOINERS.some(([o, j]) => o.test(opener) && j.test(m[5] ?? ""));
    return read && !inLongerNumber(m, "-./") ? yearSpan(Number(m[2]), m[4] ?? m[6] ?? "", yearWord) : null;
  }),
  // Years joined by "and" / "та" after a year's preposition or before a year word: "in 1979 and
  // 1983", "у 2019 та 2023 роках", "в 2015, 2019 і 2023 роках". A question has one period: from the
  // first year's start to the last one's end, the years between included (the first alone left
  // the others as topic words, and no article of theirs in the period).
  date(`(?:(${YEAR_PREP})\\s+)?(\\d{4})(?:\\s*,\\s*\\d{4})*,?\\s+(?:and|or|та|і|й|и|або|или)\\s+\\d{4}(${YEARS_WORD})?`, (m) => {
    if ((m[1] === undefined && m[3] === undefined) || inLongerNumber(m, "-./")) return null;
    const years = [...m[0].matchAll(/\d{4}/g)].map((y) => Number(y[0]));
    if (years.some((y) => yearRange(y) === null)) return null;
    return { from: `${Math.min(...years)}-01-01`, to: `${Math.max(...years)}-12-31` };
  }),
  // A month and its year in figures: "12.2025 року", "у 1.2025 р.", "03/2026 року". A number no
  // month has ("13.2025 року") is nothing, not the year (see the last rule); nor are figures inside
  // a longer number ("192.10.02.2026 року").
  date(`${PREP}(\\d{1,2})[./](\\d{4})${YEAR_WORD}`, (m, t, a) => {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 && !inLongerNumber(m, "./") ? monthRange(t, month, m[2], a) : null;
  }),
  // у 2025 році, в 2025 году, in 2025, 2025 року
  // Not a version ("What's new in 2025.1?", "в 2025.2.1"): a dot and figures after the year.
  date(`(?:${YEAR_PREP})\\s+(\\d{4})(?:${YEAR_WORD})?`, (m) => (inLongerNumber(m, ".") ? null : yearRange(Number(m[1])))),
  // Not the end of figures before it ("13.2025 року", "12/2025 року" of a longer number): see above.
  date(`(\\d{4})${YEAR_WORD}`, (m) => (inLongerNumber(m, "./") ? null : yearRange(Number(m[1])))),

  // Days, weeks, months and years ago or ahead (see DAYS for what each names).
  ...[DAYS, WEEKS, MONTHS, YEARS].flatMap((unit) => [agoOpening(unit), ago(unit), later(unit), ...laterEn(unit)]),

  // Relative days.
  rule("(?:the\\s+)?day\\s+before\\s+yesterday|позавчора|позавчера", (_m, t) => dayRange(addDays(t, -2))),
  // Parts of a day: articles carry days, not hours (see DAY_PARTS), so a part names its day. With
  // today's word, or "this morning", "tonight", it is today, with a topic too: "сьогодні вранці"
  // is no "nowadays", as a bare "сьогодні" may be ("Скільки там живе сьогодні?", a weak word below).
  rule(
    "(?:сьогодні|сегодня)\\s+(?:вранці|зранку|ввечері|увечері|вдень|удень|опівдні|пополудні|надвечір|утром|вечером|днём|днем)|this\\s+(?:morning|afternoon|evening)|tonight",
    (_m, t) => dayRange(t),
  ),
  // The night just gone ("минулої ночі", "цієї ночі", "сьогодні вночі", "этой ночью", "last night"):
  // it began yesterday and ended today, and what happened in it is reported the morning after (news
  // of a night attack is dated today, of the late evening yesterday), so both days. "Цієї ночі" /
  // "сьогодні вночі" in a question about the future is the night ahead, today and tomorrow.
  rule("минулої\\s+ночі|прошлой\\s+ночью|минувшей\\s+ночью|last\\s+night", (_m, t) => night(t, false)),
  rule("цієї\\s+ночі|сьогодні\\s+(?:вночі|уночі)|этой\\s+ночью|сегодня\\s+ночью", (_m, t, ahead) => night(t, ahead)),
  // "вночі" alone, so only in a question of time alone ("Що сталося вночі?"; "Чи працює метро
  // вночі?" is a habit) and when no other word names the day ("вчора вночі" is yesterday's night).
  fallback("вночі|уночі|ночью|overnight", (_m, t, ahead) => night(t, ahead)),
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
  // The last days of 24 hours and the last hours: "за останню добу", "за последние двое суток", "in the last 48 hours".
  ...lastHours(),
  rule(
    `(?:за\\s+(?:останній\\s+|минулий\\s+)?тиждень|за\\s+(?:последнюю\\s+|прошедшую\\s+|минувшую\\s+)?неделю|(?:in|over|during)\\s+the\\s+(?:last|past)\\s+week|(?:over\\s+)?the\\s+past\\s+week|(?:the\\s+)?past\\s+seven\\s+days)${NOT_OF}`,
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
  rule(`(?:на\\s+)?минулому\\s+тижні|минулого\\s+тижня|минулий\\s+тиждень|(?:на\\s+)?прошлой\\s+неделе|прошлой\\s+недели|(?:the\\s+)?(?:last|previous)\\s+week${NOT_OF}`, (_m, t) => ({
    from: addDays(monday(t), -7),
    to: addDays(monday(t), -1),
  })),
  // Months.
  rule(`(?:за\\s+(?:останній\\s+)?місяць|за\\s+(?:последний\\s+|прошедший\\s+|минувший\\s+)?месяц|(?:(?:in|over|during)\\s+)?the\\s+(?:last|past)\\s+month)${NOT_OF}`, (_m, t) => lastMonths(t, 1)),
  rule("(?:(?:у|в)\\s+)?(?:цьому|поточному)\\s+місяці|цього\\s+місяця|цей\\s+місяць|(?:в\\s+)?(?:этом|текущем)\\s+месяце|этого\\s+месяца|this\\s+month", (_m, t) => ({
    from: `${t.slice(0, 8)}01`,
    to: t,
  })),
  rule(`(?:(?:у|в)\\s+)?минулому\\s+місяці|минулого\\s+місяця|минулий\\s+місяць|(?:в\\s+)?прошлом\\s+месяце|прошлого\\s+месяца|(?:the\\s+)?(?:last|previous)\\s+month${NOT_OF}`, (_m, t) =>
    monthBefore(t),
  ),
  // Years.
  rule(`(?:за\\s+(?:останній\\s+)?рік|за\\s+(?:последний\\s+|прошедший\\s+|минувший\\s+)?год|(?:(?:in|over|during)\\s+)?the\\s+(?:last|past)\\s+year)${NOT_OF}`, (_m, t) => lastMonths(t, 12)),
  rule("(?:(?:у|в)\\s+)?цьому\\s+році|цього\\s+року|цей\\s+рік|(?:в\\s+)?этом\\s+году|этого\\s+года|this\\s+year", (_m, t) => ({ from: `${t.slice(0, 4)}-01-01`, to: t })),
  rule(`(?:(?:у|в)\\s+)?минулому\\s+році|минулого\\s+року|торік|минулий\\s+рік|(?:в\\s+)?прошлом\\s+году|прошлого\\s+года|(?:the\\s+)?(?:last|previous)\\s+year${NOT_OF}`, (_m, t) =>
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
  // the future or in the present of what goes on ("What's on this weekend?", see weekendAhead) the
  // next one not yet over. "на вихідних" / "в выходные" / "at the weekend" is read
  // so only in a question of time alone ("Що було на вихідних?") or about the future ("Що буде
  // на вихідних?"): with a topic it is habitual ("Чи працюють музеї на вихідних?"). A bare
  // "вихідні" is not read: "вихідні дані" are output data.
  rule(
    `(?:(?:на|в|у|за|во)\\s+)?(?:минулих|минулі|минулими|прошлых|прошлые|прошлыми)\\s+${WEEKEND}|(?:(?:on|at|over|during)\\s+)?(?:the\\s+)?(?:last|past|previous)\\s+weekend`,
    (_m, t) => {
      const sat = addDays(saturday(t), addDays(saturday(t), 1) < t ? 0 : -7);
      return { from: sat, to: addDays(sat, 1) };
    },
  ),
  rule(`(?:(?:на|в|у|за|во)\\s+)?(?:цих|ці|цими|этих|эти|этими)\\s+${WEEKEND}|this\\s+weekend`, (m, t, ahead) => comingWeekend(t, weekendAhead(m, ahead))),
  rule(
    `(?:на|в|у|за|во)\\s+${WEEKEND}|(?:on|at|over|during)\\s+the\\s+weekend`,
    (m, t, ahead) => comingWeekend(t, weekendAhead(m, ahead)),
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
      "(?<recently>нещодавно|недавно|recently|lately)",
    ].join("|"),
    (m) => {
      if (m.groups?.recently !== undefined && describesAThing(m)) return null;
      return m.groups?.latestIn === undefined || latestInPlace(m.groups.latestIn) ? "recency" : null;
    },
  ),
];
