// A header date that is a real day but hardly the article's: a year mistyped (9999, 0001), a
// date far ahead. The article stays dated as written (a history piece may be dated 1799, an
// announcement next year); the warning asks its author to check. Relative to today, so it is
// found again from the articles at each build, as duplicate titles are.
import { isoDay } from "../time/calendar.js";
import type { ArticleWarning } from "./article.js";

/** Before this day a date is taken for a mistyped year ("0001-01-01", "0206-02-04"). */
const EARLIEST = "1800-01-01";

/** One warning per article dated before 1800 or more than a year after `now`'s day (Kyiv), by file name. */
export function oddDateWarnings(articles: readonly { id: string; date: string | null }[], now: Date): ArticleWarning[] {
  const today = isoDay(now);
  const yearAhead = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const warnings: ArticleWarning[] = [];
  for (const { id, date } of articles) {
    const day = date?.slice(0, 10);
    if (!day || (day >= EARLIEST && day <= yearAhead)) continue;
    warnings.push({ file: id, reason: oddDateReason(day), code: "odd-date", date: day });
  }
  return warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The English line (logs, `npm run ingest`, the bot's English summary). */
function oddDateReason(day: string): string {
  const when = day < EARLIEST ? "is before 1800" : "is more than a year after today";
  return `the date "${day}" ${when}; the article is dated as written, so check its year`;
}

/** The Ukrainian line (the bot's summary). */
export function oddDateReasonUk(day: string): string {
  const when = day < EARLIEST ? "раніша за 1800 рік" : "більш ніж на рік пізніша за сьогодні";
  return `дата «${day}» ${when}; статтю датовано як написано, тож перевірте рік`;
}
