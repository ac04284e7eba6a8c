import { ownWords } from "../terms/own-words.js";

/** Languages the user-facing texts exist in. */
export type Lang = "uk" | "en";

// Markup typed or pasted into a question, whose Latin letters are no words of its language ("Хто
// такий <script>alert(1)</script> & Кличко?" is Ukrainian): code in backticks (a fenced block or
// an inline span), HTML-like tags and comments (the tag, not the text between an opening and a
// closing one), and character entities ("&amp;", "&#39;").
const CODE = /```[\s\S]*?```|`[^`\n]*`/g;
// Wider than the question cleaner's tags (own-words.ts), on purpose: that one takes out only the
// tags messages are copied with, and a plain opening tag only when closed, because any other
// name in angle brackets is text to search ("Що таке Array<string>?"). Here nothing is searched:
// the letters of any markup are no words of the language, and "<script>", a comment or an
// unclosed "<b>" taken for text would count "script", "alert" as English words ("Хто такий
// <script>alert(1)</script> & Кличко?" would then be left to the client's language).
const TAG = /<!--[\s\S]*?-->|<\/?[a-z][\w:-]*(?:\s[^<>]*)?\/?>/gi;
const ENTITY = /&(?:[a-z]+|#\d+|#x[\da-f]+);/gi;
// One script's words make the language clear only when they are at least this many times the
// other's: "Що означає deep state?" is mixed, and the client's language decides.
const CLEAR_MAJORITY = 2;
const WORD = /[\p{L}\p{M}'’]+/gu;

/**
 * The one language choice for every surface: the script of the user's own words when it is
 * clear (at least CLEAR_MAJORITY times as many Cyrillic as Latin words → Ukrainian, the reverse
 * → English), else the client's language (Telegram's `language_code`: English for "en…",
 * Ukrainian otherwise), else the script with more words, else `fallback`. Not counted: links,
 * addresses, mentions, commands, code and HTML-like tags, and Latin words written with a capital
 * past the first word, which are names ("Що відомо про Starlink?", "Що сказав Donald Trump про
 * NATO?" are Ukrainian); Cyrillic names in an English question are words of one ("What did
 * Зеленський say?" is English, but by one word against three).
 */
export function pickLang(hints: { text?: string | undefined; languageCode?: string | undefined }, fallback: Lang = "uk"): Lang {
  let majority: Lang | undefined;
  if (hints.text) {
    let cyrillic = 0;
    let latin = 0;
    const words = ownWords(hints.text.replace(CODE, " ").replace(TAG, " ").replace(ENTITY, " ")).match(WORD) ?? [];
    const name = (word: string | undefined): boolean => word !== undefined && /^\p{Lu}/u.test(word) && /\p{Script=Latin}/u.test(word);
    // The first word is capitalised as any first word is, unless a name goes on in a question that
    // has Cyrillic words ("Donald Trump хто?"); "What Happened In Kyiv?" is English in Title Case.
    const firstIsName = name(words[1]) && words.some((word) => /\p{Script=Cyrillic}/u.test(word));
    for (const [i, word] of words.entries()) {
      if (/\p{Script=Cyrillic}/u.test(word)) cyrillic++;
      else if (/\p{Script=Latin}/u.test(word) && !(name(word) && (i > 0 || firstIsName))) latin++;
    }
    if (cyrillic >= CLEAR_MAJORITY * latin && cyrillic > 0) return "uk";
    if (latin >= CLEAR_MAJORITY * cyrillic && latin > 0) return "en";
    if (cyrillic !== latin) majority = cyrillic > latin ? "uk" : "en";
  }
  if (hints.languageCode !== undefined) return hints.languageCode.toLowerCase().startsWith("en") ? "en" : "uk";
  return majority ?? fallback;
}

/**
 * An answer's language where no client's language is known (`npm run ask`, a script): the
 * question's words, else English. The knowledge base dates the "вчора" it quotes in it unless the
 * surface tells it its own choice (AskOptions.lang), so those dates are in the words around them.
 */
export function questionLang(question: string): Lang {
  return pickLang({ text: question }, "en");
}
