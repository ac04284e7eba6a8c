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

/** Normalises text the way the tokenizer sees it (NFKC, lower case, no marks, no in-word apostrophes). */
export function normalizeText(text: string): string {
  // Apostrophes go before NFKC too: NFKC turns ´ into a space and a combining mark.
  return text.replace(APOSTROPHES, "").normalize("NFKC").toLowerCase().replace(COMBINING, "").replace(APOSTROPHES, "");
}

/** Splits normalised text into words (no stemming, stop words kept). */
export function words(text: string): string[] {
  return normalizeText(text).match(WORD) ?? [];
}

/** Text → index terms: normalised, stop words removed, stemmed. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    if (STOP_WORDS.has(word)) continue;
    out.push(stem(word));
  }
  return out;
}
