import type { TermIndex } from "./term-index.js";

/** Inverse document frequency of a term (already tokenized); `seen`: some article holds it. */
export interface Idf {
  (term: string): number;
  seen(term: string): boolean;
  /** The articles' script (their language, roughly). */
  readonly script: "cyrillic" | "latin";
}

const MIN_CORPUS = 100;
// One answer per loaded index.
const scripts = new WeakMap<object, "cyrillic" | "latin">();

/**
 * IDF from the index's document frequencies, as if there were at least MIN_CORPUS documents: in
 * a corpus of a few articles every word is "rare", and one unmatched question word would outweigh
 * all the matched ones. The one IDF that coverage, the relevance signal and the reader share.
 */
export function corpusIdf(index: Pick<TermIndex, "size" | "documentFrequency" | "vocabulary">): Idf {
  const n = Math.max(index.size, MIN_CORPUS);
  const idf = (term: string): number => {
    const df = index.documentFrequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
  let script = scripts.get(index);
  if (!script) {
    script = corpusScript(index.vocabulary);
    scripts.set(index, script);
  }
  return Object.assign(idf, { seen: (term: string) => index.documentFrequency(term) > 0, script });
}

/** Share (0..1) of the weight of `terms` found in `present`. */
export function coverage(terms: readonly WeightedTerm[], present: ReadonlySet<string>): number {
  let total = 0;
  let matched = 0;
  for (const { term, weight } of terms) {
    total += weight;
    if (present.has(term)) matched += weight;
  }
  return total > 0 ? matched / total : 0;
}

/** A question term and its IDF weight. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/**
 * Like `coverage`, but a term missing from `present` still counts when a present term shares its
 * first four letters (Normans/Normandy, двигатель/двигун): derived words and the other
 * language's cognates, which the light stemmer keeps apart.
 */
export function softCoverage(terms: readonly WeightedTerm[], present: ReadonlySet<string>): number {
  const prefixes = new Set<string>();
  for (const t of present) if (t.length >= 4) prefixes.add(t.slice(0, 4));
  let total = 0;
  let matched = 0;
  for (const { term, weight } of terms) {
    total += weight;
    if (present.has(term) || (term.length >= 4 && prefixes.has(term.slice(0, 4)))) matched += weight;
  }
  return total > 0 ? matched / total : 0;
}

/** Mostly Cyrillic or mostly Latin index terms (a sample is enough): the articles' language, roughly. */
function corpusScript(vocabulary: readonly string[]): "cyrillic" | "latin" {
  let cyrillic = 0;
  const sample = vocabulary.slice(0, 5000);
  for (const term of sample) if (/^\p{Script=Cyrillic}/u.test(term)) cyrillic++;
  return cyrillic * 2 > sample.length ? "cyrillic" : "latin";
}
