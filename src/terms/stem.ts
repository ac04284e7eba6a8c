import { foldCyrillic } from "./fold.js";

// Light stemmers: strip one inflectional ending so that the usual case/number/tense forms of a
// word share a stem. Deliberately conservative (a minimum stem length, no derivational
// suffixes): over-stemming merges unrelated words, which costs BM25 more than it gains.

// Ukrainian inflectional endings (nouns, adjectives, verbs, participles), longest first.
// Verb-only endings such as -ти, -ла, -ав are left out on purpose: they collide with noun
// stems (результати, школа) and questions are mostly about nouns and names.
const UK_ENDINGS = [
  "ього", "ьому", "ючи", "учи", "ачи", "ячи", "ями", "ами", "ого", "ому", "ими", "іми", "ові", "еві", "єві",
  "ють", "уть", "ать", "ять", "ить", "ете", "ємо", "емо", "имо", "ите", "ах", "ях", "ам", "ям", "ом", "ем", "єм",
  "ою", "ею", "єю", "ів", "їв", "ей", "ий", "ій", "ої", "им", "ім", "их", "іх", "ая", "яя", "а", "я", "о", "е",
  "є", "і", "ї", "и", "у", "ю", "ь", "й",
];
// Russian inflectional endings: Russian questions about Ukrainian articles meet the article's
// words once both are folded (foldCyrillic) and stripped of their endings.
const RU_ENDINGS = [
  "ого", "его", "ому", "ему", "ыми", "ими", "ами", "ями", "ой", "ый", "ий", "ая", "яя", "ое", "ее", "ые", "ие",
  "ым", "им", "ом", "ем", "ах", "ях", "ам", "ям", "ов", "ев", "ей", "ию", "ия", "ии", "ую", "юю", "ет", "ит",
  "ут", "ют", "ат", "ят", "ть",
];
// Both lists folded (the stemmer sees folded words), merged, longest first.
export const CYRILLIC_ENDINGS = [...new Set([...UK_ENDINGS, ...RU_ENDINGS].map(foldCyrillic))].filter(Boolean).sort((a, b) => b.length - a.length);
const UK_MIN_STEM = 3;
// After stripping the ending, Ukrainian stems are cut to 5 letters: that also merges derived
// forms (Франція/французький, гугеноти/гугенотський). Measured on uk-squad with BM25:
// light stem alone hit@1 0.82, 5-letter truncation alone 0.86, both 0.87 (docs/quality.md).
export const UK_STEM_LENGTH = 5;
const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN_VOWEL = /[aeiouy]/;

/** Stems one lower-case, apostrophe-free word (Ukrainian or English; anything else unchanged). */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (CYRILLIC.test(word)) return stemUk(word);
  if (/^[a-z]+$/.test(word)) return stemEn(word);
  return word;
}

function stemUk(word: string): string {
  let w = word;
  // Reflexive verbs: `відбувся` → `відбув` → …; then one inflectional ending.
  if (w.length - 2 >= UK_MIN_STEM + 1 && (w.endsWith("ся") || w.endsWith("сь"))) w = w.slice(0, -2);
  w = foldCyrillic(w);
  for (const ending of CYRILLIC_ENDINGS) {
    if (w.endsWith(ending) && w.length - ending.length >= UK_MIN_STEM) {
      w = w.slice(0, -ending.length);
      break;
    }
  }
  return w.slice(0, UK_STEM_LENGTH);
}

function stemEn(word: string): string {
  let w = word;
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);

  for (const suffix of ["ingly", "edly", "ing", "ed"]) {
    if (!w.endsWith(suffix)) continue;
    const base = w.slice(0, -suffix.length);
    if (base.length < 3 || !LATIN_VOWEL.test(base)) break;
    w = /([bdfgmnprt])\1$/.test(base) ? base.slice(0, -1) : base;
    break;
  }
  // `settle`/`settled`/`settles` → `settl`: a final silent e rarely distinguishes words.
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  if (w.endsWith("y") && w.length > 4) w = `${w.slice(0, -1)}i`;
  return w;
}
