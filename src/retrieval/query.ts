import type { TermIndex } from "../terms/term-index.js";
import { tokenize, words } from "../terms/tokenize.js";
import { createTransliterator, type Transliterator } from "../terms/translit.js";

/** A question as retrieval and the reader see it. */
export interface Query {
  text: string;
  /**
   * Index terms of the text; a Latin word the index does not hold is replaced by the Cyrillic
   * terms that sound the same (Bishkek → бішке), so English names reach Ukrainian articles; a
   * Cyrillic word the index does not hold, by its spelling with doubled letters written once
   * (Одессе → одис), when the index holds that.
   */
  terms: string[];
  /**
   * The Cyrillic terms found for Latin words, and for Russian spellings the index holds with one
   * letter where they double it (they also join the embedded text).
   */
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
    const single = singleLetters(word, term, termIndex);
    if (single) {
      terms.push(single);
      transliterated.push(single);
      continue;
    }
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

// Russian doubles the consonants of loanwords and names that Ukrainian writes once (Одесса/Одеса,
// группа/група, Россия/Росія, комиссия/комісія), so a Russian question's word can miss the
// Ukrainian article's term. Only a word the index does not hold is respelled: a Ukrainian
// question's words that the articles hold keep their own terms.
const DOUBLED = /(\p{Script=Cyrillic})\1+/gu;

/** The term of a Cyrillic word with its doubled letters written once, when only that is in the index. */
function singleLetters(word: string, term: string, termIndex: TermIndex): string | null {
  if (!/^\p{Script=Cyrillic}/u.test(term) || termIndex.documentFrequency(term) > 0) return null;
  const lower = word.toLowerCase();
  const once = lower.replace(DOUBLED, "$1");
  if (once === lower) return null;
  const single = tokenize(once)[0];
  return single !== undefined && single !== term && termIndex.documentFrequency(single) > 0 ? single : null;
}
