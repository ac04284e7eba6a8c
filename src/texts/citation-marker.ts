// Citation markers in an answer's text: `[1]`, `[1, 2]`, `[1][2]`, `[1-3]`. Here rather than in
// src/answers: the bot and the CLI strip them too, and they reach the answer pipeline only
// through the knowledge-base service.

/**
 * One bracketed marker group, its numbers in group 1. Only 1–3 digit numbers: a bracketed year
 * such as [1999] is text, not a citation.
 */
export const CITATION_MARKER = /\[\s*(\d{1,3}(?:\s*(?:[,;]|[-–—])\s*\d{1,3})*)\s*\]/g;

// A range longer than this ("[1-999]") is no citation of each number in it: only its first counts.
const MAX_RANGE = 20;

/** The numbers a marker's list names, a range's included: "1, 3" → [1, 3], "2-4" → [2, 3, 4]. */
export function markerNumbers(list: string): number[] {
  const numbers: number[] = [];
  for (const part of list.split(/[,;]/)) {
    const [from, to] = part.split(/[-–—]/).map((s) => Number(s.trim()));
    if (from === undefined) continue;
    if (to === undefined || to < from || to - from > MAX_RANGE) numbers.push(from);
    else for (let n = from; n <= to; n++) numbers.push(n);
  }
  return numbers;
}

// Markers side by side ("[15][1]", "[2] [3]"), with the spaces before them (group 1).
const MARKER_RUN = new RegExp(String.raw`([ \t]*)((?:${CITATION_MARKER.source}[ \t]*)*${CITATION_MARKER.source})`, "g");

/**
 * `text` citing only the numbers `listed` accepts, for a message that lists only some of its
 * sources: the others go from their markers ("[1, 14]" → "[1]"), and markers left with none go
 * with the spaces before them ("claim [14]." → "claim.", "[14][1]" → "[1]").
 */
export function keepCitationMarkers(text: string, listed: (n: number) => boolean): string {
  return text.replace(MARKER_RUN, (run, spaces: string, markers: string) => {
    const groups = [...markers.matchAll(CITATION_MARKER)].map((m) => markerNumbers(m[1] ?? ""));
    if (groups.every((numbers) => numbers.every(listed))) return run;
    const kept = groups.map((numbers) => numbers.filter(listed)).filter((numbers) => numbers.length > 0);
    return kept.length ? `${spaces}${kept.map((numbers) => `[${numbers.join(", ")}]`).join("")}` : "";
  });
}

/** The text without its citation markers: "X [1]. Y [2, 3]" → "X. Y". */
export function stripCitationMarkers(text: string): string {
  return text.replace(CITATION_MARKER, " ").replace(/[ \t]+([.,;:!?])/g, "$1").replace(/[ \t]{2,}/g, " ").trim();
}

const NUMBERS = String.raw`\d{1,3}(?:\s*(?:[,;]|[-–—])\s*\d{1,3})*`;
/** `【1】`, `【1†source】` (OpenAI's file citations), `［1］` (full-width brackets). */
const LENTICULAR = new RegExp(String.raw`[【［]\s*(${NUMBERS})\s*(?:†[^】］\n]{0,40})?[】］]`, "g");
/** A Markdown footnote `[^1]`; not its definition `[^1]: …`, which cites nothing. */
const FOOTNOTE = /\[\^\s*(\d{1,3})\s*\](?!:)/g;
/** A line defining a Markdown footnote (`[^1]: Title`): the answer lists its sources itself. */
const FOOTNOTE_DEFINITION = /^[ \t]*\[\^\s*\d{1,3}\s*\]:.*$/gm;
/** `^[1]`: the caret goes, the marker stays. */
const CARET_BRACKET = new RegExp(String.raw`\^(?=\[\s*${NUMBERS}\s*\])`, "g");
/**
 * `^1`, `^1,2`, `^1^2` right after a word of two letters or more or after punctuation (not a bracket), ending there:
 * "10^3", "x^2", "(a+b)^2" and "^1.5" are math, not citations.
 */
const CARET_NUMBERS = /(?<=\p{L}{2}|[.,;:!?»"”'’])(?:\^\d{1,3}(?:,\d{1,3})*)+(?![\p{L}\p{N}]|[.,]\d)/gu;

/** `(1)`, `(1, 2)`, `(1; 3)`, `(1–3)`, `（1）`; a comma needs a space after it: "(1,5)" is a decimal. */
const PAREN_GROUP = String.raw`[(（]\s*(\d{1,3}(?:\s*(?:,\s+|;\s*|[-–—]\s*)\d{1,3})*)\s*[)）]`;
/**
 * Parenthesised groups (one, or several in a row: "(1)(2)") right after a word, a closing quote or
 * the sentence's end, and followed by punctuation, a line's end or the text's: where a claim's
 * citation stands. "у (1) пункті" and "причини: (1) ціни" go on with words: a list, not a citation.
 */
const PARENS = new RegExp(String.raw`(?<=[\p{L}\p{N}.!?…»"”'’\])][ \t]?)${PAREN_GROUP}(?:[ \t]?${PAREN_GROUP})*(?=[ \t]*(?:[.,;:!?…]|\n|$))`, "gu");
const ONE_PAREN_GROUP = new RegExp(PAREN_GROUP, "gu");

/**
 * A model's citations in other styles written as `[n]`: `【1】`, `[^1]`, `^[1]`, `^1` (footnote
 * definition lines go), `[Passage 1]` (see PASSAGE_WORD), and `(1)` where a citation stands, when each number is one of the
 * `passageCount` passages given (so "(2024)" or "(1 000 грн)" stay text). For model output only:
 * in article text these may well be something else.
 */
export function normalizeCitationMarkers(text: string, passageCount: number): string {
  return wordedMarkers(text, passageCount)
    .replace(PARENS, (groups) => (groupNumbers(groups).every((n) => n >= 1 && n <= passageCount) ? groups.replace(ONE_PAREN_GROUP, "[$1]") : groups))
    .replace(LENTICULAR, "[$1]")
    .replace(FOOTNOTE_DEFINITION, "")
    .replace(FOOTNOTE, "[$1]")
    .replace(CARET_BRACKET, "")
    .replace(CARET_NUMBERS, (carets) => `[${carets.slice(1).split(/[\^,]/).join(", ")}]`);
}

/**
 * What a model may call a passage inside its marker ("[Passage 2]", "[Source 1, 3]", "(Уривок 2)",
 * "[джерело 1]", "[Отрывок 2]"), the prompt having shown them as numbered passages.
 */
const PASSAGE_WORD = "(?:passages?|sources?|excerpts?|уривк(?:и|ів|у|ах)?|уривок|джерел[оа]?|отрывк(?:и|ов|а)?|отрывок|источник(?:и|ов|а)?)";
// The spaces around a colon in one group each ("\s*:?\s*" split them two ways, or more, at each
// passage named: exponential on a long unclosed list, the event loop held while a reply streamed).
const WORDED_NUMBER = String.raw`(?:${PASSAGE_WORD}\s*(?::\s*)?)?(?:№\s*)?\d{1,3}`;
/** A marker naming passages in words: the word, then numbers, ranges or lists ("1, 3", "1-2", "1 and 3"). */
const WORDED = new RegExp(
  String.raw`[[(（]\s*${PASSAGE_WORD}\s*(?::\s*)?(?:№\s*)?\d{1,3}(?:(?:\s*(?:[,;]|[-–—])|\s+(?:and|і|та|и))\s*${WORDED_NUMBER})*\s*[\])）]`,
  "giu",
);

/** `[Passage 2]`, `[Sources 1, 3]`, `(Уривок 2)` as `[2]`, `[1, 3]`, `[2]`, when each number is one of the passages. */
function wordedMarkers(text: string, passageCount: number): string {
  return text.replace(WORDED, (marker) => {
    const list = marker
      .slice(1, -1)
      .replace(new RegExp(PASSAGE_WORD, "giu"), "")
      .replace(/[№:]/g, "")
      .replace(/\s+(?:and|і|та|и)(?=\s)/giu, ",")
      .replace(/\s+/g, " ")
      .trim();
    const numbers = markerNumbers(list);
    return numbers.length > 0 && numbers.every((n) => n >= 1 && n <= passageCount) ? `[${list}]` : marker;
  });
}

/** Every number written in parenthesised groups, a range's ends included. */
function groupNumbers(groups: string): number[] {
  return [...groups.matchAll(/\d+/g)].map((m) => Number(m[0]));
}
