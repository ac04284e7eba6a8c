// Which language a question is in, roughly, and whether the articles are in another one. A
// question in another language than the articles matches fewer of their words by nature; the
// reader must not read that as "the detail is missing".

import { ownWords } from "../terms/own-words.js";

export type Language = "uk" | "ru" | "en";

const RU_LETTERS = /[ыэёъ]/i;
const UK_LETTERS = /[іїєґ]/i;
const RU_WORDS = /(^|[^\p{L}])(что|какой|какая|какое|какие|когда|кто|сколько|где|это|был|была|были|почему|чем|каком|каких|который|которая)(?=[^\p{L}]|$)/iu;
const CYRILLIC = /\p{Script=Cyrillic}/gu;
const LATIN = /\p{Script=Latin}/gu;

/** The language of a question, from its letters and function words (null: cannot tell). */
export function questionLanguage(asked: string): Language | null {
  // A link's letters are Latin whatever the question's language (as for the texts' language).
  const question = ownWords(asked);
  const cyrillic = question.match(CYRILLIC)?.length ?? 0;
  const latin = question.match(LATIN)?.length ?? 0;
  if (latin > cyrillic) return "en";
  if (cyrillic === 0) return null;
  if (UK_LETTERS.test(question)) return "uk";
  if (RU_LETTERS.test(question) || RU_WORDS.test(question)) return "ru";
  return "uk";
}

/**
 * Whether the question is in another language than the articles. Cyrillic articles are taken to
 * be Ukrainian (the product's own language): a Russian question about them is cross-language.
 */
export function isCrossLanguage(language: Language | null, script: "cyrillic" | "latin"): boolean {
  if (language === null) return false;
  return script === "cyrillic" ? language !== "uk" : language !== "en";
}
