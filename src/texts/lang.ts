import { ownWords } from "../terms/own-words.js";

/** Languages the user-facing texts exist in. */
export type Lang = "uk" | "en";

/**
 * The one language choice for every surface: the script of the user's own words when it is
 * clear (more Cyrillic than Latin letters → Ukrainian, the reverse → English; links, addresses,
 * mentions and commands are not counted), else the client's language (Telegram's
 * `language_code`: English for "en…", Ukrainian otherwise), else `fallback`.
 */
export function pickLang(hints: { text?: string | undefined; languageCode?: string | undefined }, fallback: Lang = "uk"): Lang {
  if (hints.text) {
    const words = ownWords(hints.text);
    const cyrillic = words.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
    const latin = words.match(/\p{Script=Latin}/gu)?.length ?? 0;
    if (cyrillic !== latin) return cyrillic > latin ? "uk" : "en";
  }
  if (hints.languageCode !== undefined) return hints.languageCode.toLowerCase().startsWith("en") ? "en" : "uk";
  return fallback;
}
