/** `text` cut to at most `max` code points, ending in "…" when cut (never inside a surrogate pair). */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * `text` cut to at most `max` code points by taking out its middle ("…" in its place), keeping a
 * third of it from the start and the rest from the end: for file names, whose end (the name and
 * extension) tells apart what a long shared start (a folder, a series' prefix) does not.
 */
export function clipMiddle(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = Math.floor((max - 1) / 3);
  return `${chars.slice(0, head).join("")}…${chars.slice(chars.length - (max - 1 - head)).join("")}`;
}
