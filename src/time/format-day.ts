// Days in words for people: "3 лютого 2026", "3 февраля 2026", "3 February 2026".
import { parts } from "./calendar.js";

export type DayLang = "uk" | "ru" | "en";

const MONTHS: Record<DayLang, string[]> = {
  uk: ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"],
  ru: ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};

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

/** A period in words: one day, or "from – to". */
export function formatPeriod(from: string, to: string, lang: DayLang): string {
  return from === to ? formatDay(from, lang) : `${formatDay(from, lang)} – ${formatDay(to, lang)}`;
}
