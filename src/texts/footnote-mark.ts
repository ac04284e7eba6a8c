/**
 * A footnote mark glued to the word or stop before it, as copied from Wikipedia: "1961.[2]".
 * Shown quotes and button labels drop it: it would read as a citation of the answer.
 */
export const FOOTNOTE_MARK = /(?<=[^\s[])\[\d{1,3}\]/g;

/** A quote as shown or compared: without footnote marks, its whitespace collapsed. */
export function plainQuote(text: string): string {
  return text.replace(FOOTNOTE_MARK, "").replace(/\s+/g, " ").trim();
}
