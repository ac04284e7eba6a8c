import type { TermIndex } from "../terms/term-index.js";
import { tokenize, words } from "../terms/tokenize.js";
import { createTransliterator, type Transliterator } from "../terms/translit.js";

/** A question as retrieval and the reader see it. */
export interface Query {
  text: string;
  /**
   * Index terms of the text; a Latin word the index does not hold is replaced by the Cyrillic
   * terms that sound the same (Bishkek → бішке), so English names reach Ukrainian articles.
   */
  terms: string[];
  /** The Cyrillic terms found for Latin words (they also join the embedded text). */
  transliterated: string[];
}

// One key map per loaded index, built on the first question with a Latin word.
const transliterators = new WeakMap<TermIndex, Transliterator>();

export function understandQuery(text: string, termIndex: TermIndex): Query {
  const terms: string[] = [];
  const transliterated: string[] = [];
  for (const word of words(text)) {
    const term = tokenize(word)[0];
    if (term === undefined) continue;
    if (!/^[a-z]/.test(term) || termIndex.documentFrequency(term) > 0) {
      terms.push(term);
      continue;
    }
    let translit = transliterators.get(termIndex);
    if (!translit) {
      translit = createTransliterator(termIndex.vocabulary);
      transliterators.set(termIndex, translit);
    }
    // The whole word, not its English stem: "turing" keeps the g that "тюрінг" has.
    const cyrillic = translit.cyrillic(word);
    if (cyrillic.length === 0) terms.push(term);
    for (const c of cyrillic) {
      terms.push(c);
      transliterated.push(c);
    }
  }
  return { text, terms, transliterated };
}
