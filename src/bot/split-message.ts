/** Telegram's limit for one message, in UTF-16 code units (what `String.length` counts). */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

// Coarsest boundary first: paragraph, line, sentence end, whitespace. Each separator stays
// attached to the piece before it, so no text is lost between pieces.
const BOUNDARIES = [/\n[ \t]*\n\s*/g, /\n/g, /(?<=[.!?…;])\s+/g, /\s+/g];

/**
 * Splits plain text into pieces whose `measure` (default: UTF-16 length) is at most `limit`,
 * preferring paragraph, then sentence, then word boundaries; never splits a surrogate pair.
 * Pass the length of the escaped form as `measure` when pieces will be HTML-escaped.
 */
export function splitPlainText(
  text: string,
  limit: number = TELEGRAM_MESSAGE_LIMIT,
  measure: (piece: string) => number = (piece) => piece.length,
): string[] {
  if (limit < 2) throw new RangeError("limit must be at least 2 (one surrogate pair)");
  return splitAt(text, 0, limit, measure);
}

function splitAt(text: string, level: number, limit: number, measure: (s: string) => number): string[] {
  const whole = text.trim();
  if (!whole) return [];
  if (measure(whole) <= limit) return [whole];
  const boundary = BOUNDARIES[level];
  if (!boundary) return hardSplit(whole, limit, measure);

  const pieces: string[] = [];
  let current = "";
  for (const segment of segments(text, boundary)) {
    if (measure((current + segment).trim()) <= limit) {
      current += segment;
      continue;
    }
    if (current.trim()) pieces.push(current.trim());
    current = "";
    if (measure(segment.trim()) <= limit) current = segment;
    else pieces.push(...splitAt(segment, level + 1, limit, measure));
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces;
}

/** The text cut after each match of `boundary` (the separator stays with the segment before it). */
function segments(text: string, boundary: RegExp): string[] {
  const out: string[] = [];
  let last = 0;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    if (end > last) {
      out.push(text.slice(last, end));
      last = end;
    }
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Last resort for a "word" longer than the limit: cut between code points. */
function hardSplit(text: string, limit: number, measure: (s: string) => number): string[] {
  const pieces: string[] = [];
  let current = "";
  let size = 0;
  for (const codePoint of text) {
    const cost = measure(codePoint);
    if (size + cost > limit && current) {
      pieces.push(current);
      current = "";
      size = 0;
    }
    current += codePoint;
    size += cost;
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * Joins HTML blocks (each self-contained: its tags open and close inside it, and each at most
 * `limit` long) into as few messages as fit, separated by `separator`.
 */
export function packBlocks(blocks: string[], limit: number = TELEGRAM_MESSAGE_LIMIT, separator = "\n\n"): string[] {
  const messages: string[] = [];
  let current = "";
  for (const block of blocks) {
    if (block.length > limit) throw new RangeError(`a block of ${block.length} characters exceeds the limit of ${limit}`);
    if (!current) current = block;
    else if (current.length + separator.length + block.length <= limit) current += separator + block;
    else {
      messages.push(current);
      current = block;
    }
  }
  if (current) messages.push(current);
  return messages;
}
