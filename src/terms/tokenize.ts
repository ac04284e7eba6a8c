// Tokenizer shared by the BM25 index, the not-found signal and the extractive answerer.
// Ukrainian and English: Unicode letters/digits, NFKC + case folding, apostrophes dropped
// inside words (so `пов'язані` and `пов’язані` are one term), stop words removed, and a light
// suffix-stripping stemmer so that inflected forms (`Людовика`/`Людовик`, `settlers`/`settler`)
// meet on one stem.
import { stem } from "./stem.js";
import { STOP_WORDS } from "./stop-words.js";

// Apostrophe look-alikes used inside Ukrainian words: ASCII ', ’ ‘ ʼ ʻ ` ´ ′.
const APOSTROPHES = /(?<=[\p{L}\p{N}])['’‘ʼʻ`´′](?=[\p{L}\p{N}])/gu;
const WORD = /[\p{L}\p{N}]+/gu;
// Stress marks and other combining marks left after NFKC never change a word's identity.
const COMBINING = /\p{M}/gu;
const ANY_COMBINING = /\p{M}/u;
const ANY_APOSTROPHE = /['’‘ʼʻ`´′]/;
const POSSESSIVE = /(?<=\p{Script=Latin})['’]s(?![\p{L}\p{N}])/gu;
const ACCENTED_LATIN = /[\u00c0-\u00ff\u0100-\u024f\u1e00-\u1eff]/;
const ACCENTED_LATIN_ALL = /[\u00c0-\u00ff\u0100-\u024f\u1e00-\u1eff]/g;
// Soft hyphens, zero-width spaces and joiners, word joiners, byte-order marks: invisible, they
// split a word in two ("будів\u00ADництва") where the reader sees one.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const ANY_INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/;
// Latin and Cyrillic letters that look alike. Scraped and pasted text mixes them inside one word
// ("Kиїв" with a Latin K, "мiсто" with a Latin i, "OДA", "Micrоsoft" with a Cyrillic о): such a
// word is spelled in one script, the one its other letters cannot be written in (else the one
// most of them are in), so it meets the word as typed. A word all in one script is left alone.
const LATIN_TO_CYRILLIC: Record<string, string> = {
  A: "А", a: "а", B: "В", C: "С", c: "с", E: "Е", e: "е", H: "Н", I: "І", i: "і", K: "К", k: "к", M: "М",
  O: "О", o: "о", P: "Р", p: "р", T: "Т", X: "Х", x: "х", Y: "У", y: "у", Ï: "Ї", ï: "ї", Ë: "Ё", ë: "ё",
};
const CYRILLIC_TO_LATIN: Record<string, string> = Object.fromEntries(Object.entries(LATIN_TO_CYRILLIC).map(([latin, cyrillic]) => [cyrillic, latin]));
const MIXED_SCRIPTS = /\p{Script=Latin}\p{M}*\p{Script=Cyrillic}|\p{Script=Cyrillic}\p{M}*\p{Script=Latin}/u;
const LETTER_RUN = /[\p{L}\p{M}]+/gu;
const LATIN_LETTER = /\p{Script=Latin}/u;
// Thousands written in groups ("10 000", "1 500 000", "10,000"; NFKC has made no-break and thin
// spaces plain ones) are one number, as typed without them ("10000"): a question and an article
// that group digits differently meet. Only a lead of 1–3 digits, not 0, then groups of exactly
// three, and not after "+" or another number: years in a row ("2014 2015"), short decimals ("45,5"), "1 січня",
// phone numbers ("+38 067 123 45 67", "044 123 456") stay apart. A decimal part after the groups
// stays a word of its own ("1 000 000,50" → "1000000", "50"). Ambiguous and read as thousands: a
// Ukrainian decimal of exactly three digits ("2,500 кг" for 2.5 kg; rare in news).
const DIGIT_GROUPS = /(?<![\p{N}.,+])(?<!\p{N}[ ,])[1-9]\d{0,2}(?:[ ,]\d{3})+(?!\p{N})/gu;
const GROUP_SEPARATOR = /[ ,]/g;
const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;

/** A word of Latin and Cyrillic letters in one script, when its look-alike letters allow it. */
function oneScript(word: string): string {
  if (!MIXED_SCRIPTS.test(word)) return word;
  const letters = [...word];
  const latin = letters.filter((c) => LATIN_LETTER.test(c));
  const cyrillic = letters.filter((c) => CYRILLIC_LETTER.test(c));
  const toCyrillic = latin.every((c) => c in LATIN_TO_CYRILLIC);
  const toLatin = cyrillic.every((c) => c in CYRILLIC_TO_LATIN);
  if (toCyrillic && (!toLatin || cyrillic.length >= latin.length)) return letters.map((c) => LATIN_TO_CYRILLIC[c] ?? c).join("");
  if (toLatin) return letters.map((c) => CYRILLIC_TO_LATIN[c] ?? c).join("");
  return word;
}

/** Text with its words of mixed Latin and Cyrillic look-alike letters spelled in one script (case kept). */
export function oneScriptWords(text: string): string {
  return MIXED_SCRIPTS.test(text) ? text.replace(LETTER_RUN, oneScript) : text;
}

/** Normalises text the way the tokenizer sees it (NFKC, lower case, no marks, no in-word apostrophes). */
export function normalizeText(given: string): string {
  // Apostrophes go before NFKC too: NFKC turns ´ into a space and a combining mark.
  // The cheap tests skip replace passes that most texts do not need (tokenizing is on the ingest path).
  const text = ANY_INVISIBLE.test(given) ? given.replace(INVISIBLE, "") : given;
  const hasApostrophe = ANY_APOSTROPHE.test(text);
  // English possessives first: "Ogedei's wife" is about Ogedei, not "ogedeis".
  // Look-alike letters before lower-casing: a Latin "B" or "H" is a Cyrillic "В" or "Н", "b" and "h" are not.
  let out = oneScriptWords((hasApostrophe ? text.replace(POSSESSIVE, "").replace(APOSTROPHES, "") : text).normalize("NFKC")).toLowerCase();
  if (ANY_COMBINING.test(out)) out = out.replace(COMBINING, "");
  // Latin letters lose their accents (Möngke/Mongke, Ögedei/Ogedei: questions are often typed
  // without them). Only Latin: Cyrillic й and ї are letters of their own, not и and і with marks.
  if (ACCENTED_LATIN.test(out)) out = out.replace(ACCENTED_LATIN_ALL, (c) => c.normalize("NFD").replace(COMBINING, ""));
  out = out.replace(DIGIT_GROUPS, (number) => number.replace(GROUP_SEPARATOR, ""));
  return hasApostrophe || ANY_APOSTROPHE.test(out) ? out.replace(APOSTROPHES, "") : out;
}

/** Splits normalised text into words (no stemming, stop words kept). */
export function words(text: string): string[] {
  return normalizeText(text).match(WORD) ?? [];
}

// Stemming tries dozens of endings per word, while a corpus repeats a small vocabulary: a
// memo halves tokenizing time (ingest, and the passages re-read at query time). Cleared when
// full, so memory stays bounded.
const STEM_MEMO_LIMIT = 200_000;
const stemMemo = new Map<string, string>();

function memoStem(word: string): string {
  let stemmed = stemMemo.get(word);
  if (stemmed === undefined) {
    if (stemMemo.size >= STEM_MEMO_LIMIT) stemMemo.clear();
    stemmed = stem(word);
    stemMemo.set(word, stemmed);
  }
  return stemmed;
}

/** Text → index terms: normalised, stop words removed, stemmed. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    if (STOP_WORDS.has(word)) continue;
    out.push(memoStem(word));
  }
  return out;
}
