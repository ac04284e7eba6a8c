import { CYRILLIC_ENDINGS, UK_STEM_LENGTH } from "./stem.js";

// Latin names in questions about Cyrillic articles ("Who did Sergio Gor meet in Bishkek?"):
// both spellings are reduced to one rough phonetic key — Cyrillic through the official Ukrainian
// romanisation (plus Russian letters), then both folded where romanisations disagree (g/h/kh,
// zh/dzh/j, i/y/e, doubled letters) — and a Latin question word the index lacks is matched to
// the index's Cyrillic terms with the same key.

const ROMAN: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "h", ґ: "g", д: "d", е: "e", є: "ie", ж: "zh", з: "z", и: "y", і: "i", ї: "i",
  й: "i", к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh",
  ц: "ts", ч: "ch", ш: "sh", щ: "shch", ь: "", ю: "iu", я: "ia", ы: "y", э: "e", ё: "io", ъ: "",
};

// Applied in order to a romanised word.
const FOLDS: [RegExp, string][] = [
  [/shch|sch/g, "s"],
  [/sh/g, "s"],
  [/dzh|dj|zh|j/g, "j"],
  [/tch|ch/g, "c"],
  [/ts|tz/g, "c"],
  [/kh|h|g/g, "g"],
  [/ph/g, "f"],
  [/th/g, "t"],
  [/w/g, "v"],
  [/qu/g, "kv"],
  [/q|ck/g, "k"],
  [/x/g, "ks"],
  // я, ю, ё romanise as ia, iu, io: the i only softens the consonant before it.
  [/i(?=[aou])/g, ""],
  [/[eiy]/g, "i"],
  [/(.)\1+/g, "$1"],
];

function fold(latin: string): string {
  let key = latin;
  for (const [pattern, replacement] of FOLDS) key = key.replace(pattern, replacement);
  return key;
}

/** The phonetic key of a lower-case Cyrillic word or stem. */
export function cyrillicKey(word: string): string {
  let latin = "";
  for (const ch of word) latin += ROMAN[ch] ?? ch;
  return fold(latin);
}

/**
 * Keys of a lower-case Latin word: as spelled, and with a soft g before e/i/y read as "j"
 * (Sergio → Серджіо, Gerald → Джеральд), since Latin spelling does not say which it is; "ch"
 * as ч and as х; a final "-iC" also as "-oC".
 */
export function latinKeys(word: string): string[] {
  const spellings = [word];
  // A Ukrainian closed last syllable's і is о once an ending follows (Lviv: Львів, у Львові;
  // Kharkiv: Харкова; Ternopil: Тернополя): the name as romanised is the nominative.
  if (/i[bdfghklmnprstvz]$/.test(word)) spellings.push(word.replace(/i(?=[a-z]$)/, "o"));
  // "ch" is ч (Shevchenko, Chernihiv) as well as х or к (Michael, archive, Christian): read both
  // ways. Read only as "kh", no Ukrainian name with ч met its English spelling.
  if (/ch/.test(word)) spellings.push(...spellings.map((w) => w.replace(/ch/g, "kh")));
  const keys = new Set<string>();
  // A c is s before e/i/y and k elsewhere (the c of "ch" is read above).
  const hardC = (s: string): string => s.replace(/c(?=[eiy])/g, "s").replace(/c(?!h)/g, "k");
  for (const w of spellings) {
    keys.add(fold(hardC(w)));
    if (/g[eiy]/.test(w)) keys.add(fold(hardC(w.replace(/g(?=[eiy])/g, "j"))));
  }
  return [...keys];
}

const CYRILLIC = /^[\u0400-\u04ff]+$/;
const LATIN = /^[a-z]+$/;
const MIN_KEY = 3;
// Cyrillic stems are cut to 5 letters, so the Latin word may run on past its key; a short key
// (a short word, not cut) only by an ending.
const SHORT_KEY = 3;
const SHORT_OVERHANG = 2;
// A stem of fewer than 5 letters is whole, not cut ("штат" of "Штати", "харк" of "Харків"): the
// Latin word runs past it only by what the stemmer strips, as romanised ("Kharkov" past "харк",
// "Andriy" past "андр", "Odesa" past "одис"). Else English words ran on into unrelated Ukrainian
// ones: "station" met "штат", and a question about a station quoted the United States.
const ENDING_KEYS = new Set(["", ...CYRILLIC_ENDINGS.map((e) => cyrillicKey(e))]);

/** Matches Latin words to the Cyrillic terms of a vocabulary. */
export interface Transliterator {
  /** Cyrillic terms whose key the Latin term's key starts with (at most a few letters longer). */
  cyrillic(latinTerm: string): string[];
}

/** Builds the key map of a vocabulary's Cyrillic terms (once per loaded index). */
export function createTransliterator(vocabulary: Iterable<string>): Transliterator {
  const byKey = new Map<string, { term: string; whole: boolean }[]>();
  for (const term of vocabulary) {
    if (!CYRILLIC.test(term)) continue;
    const key = cyrillicKey(term);
    if (key.length < MIN_KEY) continue;
    const entry = { term, whole: term.length < UK_STEM_LENGTH };
    const list = byKey.get(key);
    if (list) list.push(entry);
    else byKey.set(key, [entry]);
  }
  return {
    cyrillic(latinTerm) {
      if (!LATIN.test(latinTerm)) return [];
      const found = new Set<string>();
      for (const key of latinKeys(latinTerm)) {
        for (let length = MIN_KEY; length <= key.length; length++) {
          const overhang = key.length - length;
          if (length <= SHORT_KEY && overhang > SHORT_OVERHANG) continue;
          for (const { term, whole } of byKey.get(key.slice(0, length)) ?? []) if (!whole || ENDING_KEYS.has(key.slice(length))) found.add(term);
        }
      }
      return [...found];
    },
  };
}
