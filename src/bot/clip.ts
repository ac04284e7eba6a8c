// Lengths here are UTF-16 code units, what Telegram counts (its 4096 per message, see
// split-message.ts) and what `String.length` gives; a cut falls between user-perceived characters
// (grapheme clusters) only, so an emoji sequence (👨‍👩‍👧, a flag 🇺🇦) or a letter with a combining
// accent (e + U+0301, as macOS writes file names) is kept whole or left out, never split.

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The longest start of `text` made of whole characters and at most `max` units long. */
export function headOf(text: string, max: number): string {
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/** The longest end of `text` made of whole characters and at most `max` units long. */
function tailOf(text: string, max: number): string {
  let start = text.length;
  // Boundaries are found from the start (Intl.Segmenter reads forwards); file names are short.
  const starts = Array.from(graphemes.segment(text), (s) => s.index);
  for (let i = starts.length - 1; i >= 0 && text.length - starts[i]! <= max; i--) start = starts[i]!;
  return text.slice(start);
}

/** `text` cut to at most `max` UTF-16 units, ending in "…" when cut (between whole characters). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${headOf(text, max - 1)}…`;
}

/**
 * `text` cut to at most `max` UTF-16 units by taking out its middle ("…" in its place), keeping a
 * third of it from the start and the rest from the end (whole characters only): for file names,
 * whose end (the name and extension) tells apart what a long shared start (a folder, a series'
 * prefix) does not.
 */
export function clipMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.floor((max - 1) / 3);
  return `${headOf(text, head)}…${tailOf(text, max - 1 - head)}`;
}
