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
