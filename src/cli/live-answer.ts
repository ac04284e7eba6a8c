// An LLM answer shown in a terminal while it is written, then replaced by the final output, as the
// bot shows drafts and then the checked answer (see src/bot/answer-stream.ts).
// Replaced, not kept: the final answer may differ from what the model wrote (sentences citing
// nothing dropped and the markers numbered again, "as of <date>" put first, or the extractive
// answer given instead when the model fails midway). So what stays on screen is always the final
// output, exactly as `npm run ask` prints it to a pipe: when it begins with what is shown (the usual
// case) only the rest is written; otherwise the shown rows are erased first (carriage return,
// cursor up, clear to the end of the screen).
// Erasing must know how many rows the shown text takes, so only what can be counted is shown:
// characters one column wide (Latin, Cyrillic, Greek, common punctuation; not CJK, emoji or
// combining marks, whose widths terminals disagree on), in fewer rows than the screen has (rows
// scrolled off it cannot be erased). Past either, the preview stops and the final output follows
// at once. A terminal resized meanwhile may re-wrap the shown text; nothing tells us, so nothing
// is done about it.

import { terminalText } from "./terminal-text.js";

/** Where the answer is shown: a terminal's stdout (its size is read at each use: it may change). */
export interface Terminal {
  write(text: string): unknown;
  columns?: number;
  rows?: number;
}

/** An answer shown while it is written. */
export interface LiveAnswer {
  /** The answer so far (an `onDraft`): shown at once, as far as it can be (see the file comment). */
  show(textSoFar: string): void;
  /** Erases what is shown: before something else is written to the terminal (a warning, an error). */
  clear(): void;
  /** Writes the final output in the place of what is shown; later `show`s and `clear`s do nothing. */
  finish(output: string): void;
}

/**
 * The first character a terminal may not show one column wide: anything but a line break and
 * printable Latin, Greek, Cyrillic, general punctuation, currency and letterlike symbols
 * (a soft hyphen, combining marks, zero-width and direction marks are not).
 */
const NOT_NARROW = /[^\n\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u03ff\u0400-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u20a0-\u20bf\u2100-\u214f]/;

/** Starts showing one answer (nothing is written before the first `show` or `finish`). */
export function createLiveAnswer(terminal: Terminal): LiveAnswer {
  let shown = "";
  let finished = false;

  /** Rows `text` takes when written from a line's start, at the terminal's width now. */
  function rowsOf(text: string, columns: number): number {
    return text.split("\n").reduce((rows, line) => rows + Math.max(1, Math.ceil(line.length / columns)), 0);
  }

  function erase(): void {
    if (!shown) return;
    const up = rowsOf(shown, terminal.columns ?? 1) - 1;
    terminal.write(`\r${up > 0 ? `\x1b[${up}A` : ""}\x1b[J`);
    shown = "";
  }

  /** Shows `text` in place of what is shown, writing only what was not there yet. */
  function replace(text: string): void {
    if (shown && text.startsWith(shown)) terminal.write(text.slice(shown.length));
    else {
      erase();
      terminal.write(text);
    }
    shown = text;
  }

  return {
    show(textSoFar) {
      if (finished) return;
      // Terminal controls the model copied from an article are dropped, not stopped at.
      const printable = terminalText(textSoFar);
      const cut = printable.search(NOT_NARROW);
      const text = cut < 0 ? printable : printable.slice(0, cut);
      const { columns, rows } = terminal;
      if (text === shown || !columns || !rows || rowsOf(text, columns) >= rows) return;
      replace(text);
    },

    clear: erase,

    finish(output) {
      finished = true;
      replace(terminalText(output));
      // The final output stays: a warning logged after it (clear() is called before each) goes below
      // it, not in its place.
      shown = "";
    },
  };
}
