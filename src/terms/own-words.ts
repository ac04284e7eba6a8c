// What of a message are the user's own words: the language of the replies (src/texts/lang.ts)
// and of the question for the reader (src/reader/language.ts) is told by them. The pipeline
// needs it, so it lives with the pipeline's text helpers, not with the user-facing texts.

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
