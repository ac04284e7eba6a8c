/** Languages the user-facing texts exist in. */
export type Lang = "uk" | "en";

// Parts of a message that are not words in its language: their letters are Latin whatever the
// user writes in ("що пишуть про https://example.org/metro ?" is a Ukrainian question). Links
// (with a scheme, "www." or a bare domain such as "example.org/metro", which Telegram links too),
// e-mail addresses, @mentions and /commands. Latin-script names stay: they are the user's words.
const NOT_WORDS = [
  /[a-z][a-z\d+.-]*:\/\/\S*/giu,
  /\bwww\.\S*/giu,
  /[\w.+-]+@[a-z\d-]+(?:\.[a-z\d-]+)+/giu,
  /\b[a-z\d-]+(?:\.[a-z\d-]+)*\.[a-z]{2,}\b(?:\/\S*)?/giu,
  /@\w+/gu,
  /(?<![^\s(])\/[a-z]\w*(?:@\w+)?/giu,
];

/** The text without its links, e-mail addresses, @mentions and /commands. */
export function ownWords(text: string): string {
  return NOT_WORDS.reduce((rest, pattern) => rest.replace(pattern, " "), text);
}

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
