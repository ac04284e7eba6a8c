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
