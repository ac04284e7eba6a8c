// Days in words for people: "3 лютого 2026", "3 февраля 2026", "3 February 2026".
import { lastDayOfMonth, parts } from "./calendar.js";

export type DayLang = "uk" | "ru" | "en";

const MONTHS: Record<DayLang, string[]> = {
  uk: ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"],
  ru: ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};
// A whole month as a period ("за грудень 2025", "Articles of December 2025").
const MONTH_NAMES: Record<DayLang, string[]> = {
  uk: ["січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень", "вересень", "жовтень", "листопад", "грудень"],
  ru: ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"],
  en: MONTHS.en,
};
const YEAR_WORD: Record<DayLang, string> = { uk: " рік", ru: " год", en: "" };

/** An ISO day (`YYYY-MM-DD`, longer ISO strings are cut) in words; anything else is returned as it is. */
export function formatDay(iso: string, lang: DayLang): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) return iso;
  const { year, month, day } = parts(iso.slice(0, 10));
  return MONTHS[lang][month - 1] ? formatDayOfMonth(day, month, year, lang) : iso;
}

/** A day of a month (1-12) in words, with its year when there is one; also a day no calendar has ("31 лютого"). */
export function formatDayOfMonth(day: number, month: number, year: number | null, lang: DayLang): string {
  const name = MONTHS[lang][month - 1] ?? String(month);
  return year === null ? `${day} ${name}` : `${day} ${name} ${year}`;
}

/**
 * A period in words, as people write it: one day ("3 лютого 2026"), a whole month ("грудень
 * 2025") or year ("2025 рік"), days of one month ("27–30 січня 2026") or of one year ("28 лютого –
 * 3 березня 2026"), else "from – to" in full. The year is written once.
 */
export function formatPeriod(from: string, to: string, lang: DayLang): string {
  if (from === to) return formatDay(from, lang);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return `${formatDay(from, lang)} – ${formatDay(to, lang)}`;
  const a = parts(from);
  const b = parts(to);
  const name = MONTH_NAMES[lang][a.month - 1];
  if (a.year !== b.year || !name) return `${formatDay(from, lang)} – ${formatDay(to, lang)}`;
  if (a.month === 1 && a.day === 1 && b.month === 12 && b.day === 31) return `${a.year}${YEAR_WORD[lang]}`;
  if (a.month === b.month) {
    if (a.day === 1 && to === lastDayOfMonth(b.year, b.month)) return `${name} ${a.year}`;
    return `${a.day}–${formatDay(to, lang)}`;
  }
  return `${formatDayOfMonth(a.day, a.month, null, lang)} – ${formatDay(to, lang)}`;
}
