// Moments for people: "25 листопада 2026, 18:57" (not an ISO timestamp).
import { formatDay, type DayLang } from "../time/format-day.js";

/**
 * An ISO timestamp as day in words and time of day in `timeZone` (default UTC, said when used):
 * "25 листопада 2026, 18:57 UTC". Anything unparsable is returned as it is.
 */
export function formatMoment(iso: string, lang: DayLang, timeZone = "UTC"): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const fields = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const get = (type: string): string => fields.find((f) => f.type === type)?.value ?? "";
  const day = formatDay(`${get("year")}-${get("month")}-${get("day")}`, lang);
  return `${day}, ${get("hour")}:${get("minute")}${timeZone === "UTC" ? " UTC" : ""}`;
}
