// Citation markers in an answer's text: `[1]`, `[1, 2]`, `[1][2]`, `[1-3]`. Here rather than in
// src/answers: the bot and the CLI strip them too, and they reach the answer pipeline only
// through the knowledge-base service.

/**
 * One bracketed marker group, its numbers in group 1. Only 1–3 digit numbers: a bracketed year
 * such as [1999] is text, not a citation.
 */
export const CITATION_MARKER = /\[\s*(\d{1,3}(?:\s*(?:[,;]|[-–—])\s*\d{1,3})*)\s*\]/g;

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

/**
 * A model's citations in other styles written as `[n]`: `【1】`, `[^1]`, `^[1]`, `^1` (footnote
 * definition lines go). For model output only: in article text these may well be something else.
 */
export function normalizeCitationMarkers(text: string): string {
  return text
    .replace(LENTICULAR, "[$1]")
    .replace(FOOTNOTE_DEFINITION, "")
    .replace(FOOTNOTE, "[$1]")
    .replace(CARET_BRACKET, "")
    .replace(CARET_NUMBERS, (carets) => `[${carets.slice(1).split(/[\^,]/).join(", ")}]`);
}
