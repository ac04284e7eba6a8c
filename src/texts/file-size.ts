import type { Lang } from "./lang.js";

const UNITS = { uk: ["Б", "КіБ", "МіБ"], en: ["B", "KiB", "MiB"] } as const;

/** A size as people read it: "5 МіБ", "1.5 MiB", "512 КіБ", "900 Б" (not "5120 КіБ" or 5242880). */
export function fileSize(bytes: number, lang: Lang): string {
  const [b, kib, mib] = UNITS[lang === "en" ? "en" : "uk"];
  if (bytes < 1024) return `${bytes} ${b}`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, kib] : [bytes / (1024 * 1024), mib];
  // One decimal below 10 ("1.5 MiB"), whole numbers above; never rounded up past the real size.
  const shown = value < 10 ? Math.floor(value * 10) / 10 : Math.floor(value);
  return `${lang === "en" ? String(shown) : String(shown).replace(".", ",")} ${unit}`;
}
