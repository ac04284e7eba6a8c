/**
 * A footnote mark glued to the word or stop before it, as copied from Wikipedia: "1961.[2]".
 * Shown quotes and button labels drop it: it would read as a citation of the answer.
 */
export const FOOTNOTE_MARK = /(?<=[^\s[])\[\d{1,3}\]/g;
