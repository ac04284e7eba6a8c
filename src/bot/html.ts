/** Escapes text for Telegram HTML (text nodes and double-quoted attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

/** Length of `escapeHtml(text)` without building it. */
export function escapedLength(text: string): number {
  let n = text.length;
  for (const c of text) {
    if (c === "&") n += 4;
    else if (c === "<" || c === ">") n += 3;
    else if (c === '"') n += 5;
  }
  return n;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * `text` escaped and cut (between whole characters, "…" at the end) to at most `max` units once
 * escaped: text that people wrote ("<", "&", '"' grow up to six times) must not make a message
 * longer than its layout allows.
 */
export function escapeClipped(text: string, max: number): string {
  if (escapedLength(text) <= max) return escapeHtml(text);
  let head = "";
  let length = 0;
  for (const { segment } of graphemes.segment(text)) {
    const more = escapedLength(segment);
    if (length + more > max - 1) break;
    head += segment;
    length += more;
  }
  return `${escapeHtml(head)}…`;
}
