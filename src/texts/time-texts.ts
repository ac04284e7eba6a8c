// Texts about time that every surface shows (plain text; the bot escapes them): listings of a
// period, "nothing in that period", "as of <date>", /latest. Dates are put into words here.
import type { DatedArticle, NoSuchDay } from "../knowledge-base/time-questions.js";
import { formatDay, formatDayOfMonth, formatPeriod } from "../time/format-day.js";
import { COMMON_TEXTS } from "./common-texts.js";
import type { Lang } from "./lang.js";
import { pluralForm } from "./plural.js";

type Range = { from: string; to: string };

export const TIME_TEXTS = {
  uk: {
    listing: (range: Range | undefined) => (range ? `Статті за ${formatPeriod(range.from, range.to, "uk")}, найновіші першими:` : "Найновіші статті:"),
    more: (n: number, day: string | null) =>
      `…і ще ${n} ${pluralForm("uk", n, COMMON_TEXTS.uk.articles)}. Щоб побачити ${n === 1 ? "її" : "їх"}, ${day ? `запитайте про один день, наприклад: «Що було ${formatDay(day, "uk")}?», або додайте тему.` : "додайте до питання тему."}`,
    // emptyPeriod, nothingOnTopic and noSuchDay are also an inline query's button (64 characters, see
    // inline.ts) with the longest period ("28 вересня 2024 – 30 листопада 2025"): cut, they lost its year.
    emptyPeriod: (range: Range) => `За ${formatPeriod(range.from, range.to, "uk")} у статтях нічого немає.`,
    nothingOnTopic: (range: Range) => `За ${formatPeriod(range.from, range.to, "uk")} статей про це немає.`,
    nearest: (a: DatedArticle) => `Найближча за часом стаття: ${a.title}${a.date ? ` (${formatDay(a.date, "uk")})` : ""}.`,
    noSuchDay: (d: NoSuchDay) => `Дати «${formatDayOfMonth(d.day, d.month, d.year, "uk")}» не існує: перевірте число й місяць.`,
    asOf: (date: string) => `Станом на ${formatDay(date, "uk")}:`,
    latestHeading: "Найновіші статті:",
    noDatedArticles: "У статтях немає дат, тож найновіших показати не можу.",
    examplesHeading: "Питання про час",
    // /help's examples: about no topic, so they work whatever the articles are about; each the
    // same question as its English one ("за тиждень" is the last 7 days, as "in the past week").
    examples: ["Що нового?", "Що сталося вчора?", "Що писали минулого тижня?", "Що нового за тиждень?"],
    // The day of the newest article, with its year: a listing of that day whatever the archive.
    dayExample: (day: string) => `Що було ${formatDay(day, "uk")}?`,
    // Every article dated ahead (announcements): the nearest such day, asked about as to come.
    futureDayExample: (day: string) => `Що буде ${formatDay(day, "uk")}?`,
  },
  en: {
    listing: (range: Range | undefined) => (range ? `Articles of ${formatPeriod(range.from, range.to, "en")}, newest first:` : "The newest articles:"),
    more: (n: number, day: string | null) =>
      `…and ${n} more ${pluralForm("en", n, COMMON_TEXTS.en.articles)}. To see ${n === 1 ? "it" : "them"}, ${day ? `ask about one day, e.g. “What happened on ${formatDay(day, "en")}?”, or add a topic.` : "add a topic to the question."}`,
    // As in Ukrainian, these fit an inline button (64 characters) with the longest period or date.
    emptyPeriod: (range: Range) => `No articles from ${formatPeriod(range.from, range.to, "en")}.`,
    nothingOnTopic: (range: Range) => `No articles on this from ${formatPeriod(range.from, range.to, "en")}.`,
    nearest: (a: DatedArticle) => `Nearest in time: ${a.title}${a.date ? ` (${formatDay(a.date, "en")})` : ""}.`,
    noSuchDay: (d: NoSuchDay) => `No such date as ${formatDayOfMonth(d.day, d.month, d.year, "en")}: check the day and month.`,
    asOf: (date: string) => `As of ${formatDay(date, "en")}:`,
    latestHeading: "The newest articles:",
    noDatedArticles: "The articles carry no dates, so I cannot tell which are the newest.",
    examplesHeading: "Questions about time",
    examples: ["What's new?", "What happened yesterday?", "What was written last week?", "What's new in the past week?"],
    dayExample: (day: string) => `What happened on ${formatDay(day, "en")}?`,
    futureDayExample: (day: string) => `What will happen on ${formatDay(day, "en")}?`,
  },
} as const;

/** What the time texts need from an answer. */
export interface TimedAnswer {
  notFound: boolean;
  answer: string;
  kind?: "answer" | "listing";
  more?: { count: number; newest: string };
  reason?: string;
  dateRange?: Range;
  nearest?: DatedArticle;
  noSuchDay?: NoSuchDay;
  asOf?: string;
  citations?: readonly { n: number; title: string; date: string | null }[];
}

/**
 * "Nothing in that period (and what is nearest in time)", or "no such date" for a day that does
 * not exist; null when the answer is not about a period.
 */
export function periodNotFoundText(lang: Lang, a: TimedAnswer): string | null {
  if (a.notFound && a.reason === "no-such-day" && a.noSuchDay) return TIME_TEXTS[lang].noSuchDay(a.noSuchDay);
  if (!a.notFound || a.reason !== "nothing-in-period" || !a.dateRange) return null;
  const t = TIME_TEXTS[lang];
  const head = a.kind === "listing" ? t.emptyPeriod(a.dateRange) : t.nothingOnTopic(a.dateRange);
  return a.nearest ? `${head} ${t.nearest(a.nearest)}` : head;
}

/** The heading of a listing answer. */
export function listingHeading(lang: Lang, a: TimedAnswer): string {
  return TIME_TEXTS[lang].listing(a.dateRange);
}

/**
 * "…and 3 more articles", with how to see them, under a listing that leaves some out (`shown`:
 * how many of its articles a surface shows); null when it shows them all.
 */
export function listingMoreText(lang: Lang, a: TimedAnswer, shown: number = a.citations?.length ?? 0): string | null {
  const citations = a.citations ?? [];
  const hidden = citations.length - shown + (a.more?.count ?? 0);
  if (hidden <= 0) return null;
  // A listing of one day narrows down by topic only; else the newest left out names a day to ask about.
  const oneDay = a.dateRange !== undefined && a.dateRange.from === a.dateRange.to;
  const day = oneDay ? null : (citations[shown]?.date ?? a.more?.newest ?? null);
  return TIME_TEXTS[lang].more(hidden, day?.slice(0, 10) ?? null);
}

/** One listed article: "[n] Title (3 лютого 2026)". */
export function listedArticle(lang: Lang, c: { n: number; title: string; date: string | null }): string {
  return `[${c.n}] ${c.title}${c.date ? ` (${formatDay(c.date, lang)})` : ""}`;
}

/** The answer text with "as of <date>" before it, when the answer carries one. */
export function withAsOf(lang: Lang, a: TimedAnswer, text: string): string {
  return a.asOf ? `${TIME_TEXTS[lang].asOf(a.asOf)} ${text}` : text;
}
