import { splitSentences } from "../answers/sentences.js";
import type { Article } from "../articles/article.js";
import type { Chunk } from "./chunk.js";

/** How articles are cut into chunks (recorded in the manifest: a change means a re-index). */
export interface ChunkOptions {
  /** Longest chunk, in characters (a longer single sentence is cut on word boundaries). */
  size: number;
  /** Whole trailing sentences, up to this many characters, repeated at the start of the next chunk. */
  overlap: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { size: 800, overlap: 200 };

/**
 * Changes whenever the same options would cut different chunks (2: sentences from
 * answers/sentences.ts; 3: chunks carry the new derived titles, cut at a clause boundary;
 * 4: derived titles without the sentence's full stop; 5: Markdown markup taken out of .md bodies;
 * 6: a first chunk is searched with its article's title, see `searchableText`; 7: HTML comments,
 * tags and entities taken out of .md bodies, a footnote's text kept and its marks dropped;
 * a front matter with lists or nested values (tags) read as a header, not as body text; \" and ''
 * in a quoted header value read as quotes; TOML front matter between "+++" lines read as a header;
 * 8: code spans and fenced blocks of .md bodies kept as written, "a<b and c>d" no tag;
 * 9: sentences not cut after "пл.", "просп.", "пров.", "бульв.", "смт."; 10: cut after "°C.";
 * 11: cut after "грн.", "млн.", "тис.", "обл." and the like before a capitalised word; 12: also
 * before a one-letter one, "…обл. У порту…"; 13: soft hyphens and zero-width characters dropped
 * from the text, a sentence cut after "…" before a capital, HTML entities of .txt bodies read;
 * 14: soft hyphens and zero-width characters written as entities dropped; 15: HTML tags and
 * comments taken out of an .md header's title and source, as of its body; 16: the content of
 * <script> and <style> dropped from .md text, HTML comments in code kept as written; 17: Markdown
 * emphasis, links and code spans taken out of an .md header's title and source; 18: a Markdown
 * table's rows read as lines "Рік: 2024; Бюджет: 5 млн", its separator row dropped; 19: an .md
 * text's own private-use characters kept as written, not read as a code span's place; 20: a
 * table in a quote block read as one at top level; 21: a heading's "# " taken out of an .md
 * header's title and source; 22: a comment, script or style sheet between two spaces of .md
 * text leaves one; 23: a heading's "# " taken out in a quote block, "> # Заголовок"; 24: a
 * quote's "> " taken out in a list item, "- > цитата"; 25: an HTML tag between two spaces of
 * .md text leaves one, a block's end beside a space no second one; 26: a heading's "# " taken
 * out in a list item, "- # Заголовок", "1. ## Title"; 27: a quote's "> " taken out in a numbered
 * item, "1. > цитата"; 28: bidi embeddings, overrides and isolates, U+202A–U+202E and
 * U+2066–U+2069, dropped from the text).
 */
export const CHUNKER_VERSION = 28;

interface Span {
  start: number;
  end: number;
}

/**
 * Cuts an article into sentence-aligned chunks with overlap. Offsets are exact:
 * `article.body.slice(c.start, c.end) === c.text` for every chunk.
 */
export function chunkArticle(article: Article, opts: ChunkOptions = DEFAULT_CHUNK_OPTIONS): Chunk[] {
  const size = Math.max(1, Math.floor(opts.size));
  const overlap = Math.max(0, Math.min(Math.floor(opts.overlap), size - 1));
  const spans = sentenceSpans(article.body, size);

  const ranges: Span[] = [];
  let current: Span[] = [];
  for (const span of spans) {
    const first = current[0];
    if (first && span.end - first.start > size) {
      ranges.push({ start: first.start, end: current[current.length - 1]!.end });
      current = overlapTail(current, overlap);
      // The carried sentences must leave room for the new one.
      while (current.length > 0 && span.end - current[0]!.start > size) current.shift();
    }
    current.push(span);
  }
  if (current.length > 0) ranges.push({ start: current[0]!.start, end: current[current.length - 1]!.end });

  return ranges.map((range, n) => ({
    id: `${article.id}#${n}`,
    articleId: article.id,
    title: article.title,
    date: article.date,
    url: article.url,
    n,
    start: range.start,
    end: range.end,
    text: article.body.slice(range.start, range.end),
  }));
}

// The trailing sentences of a chunk that fit in `overlap` characters (never the whole chunk).
function overlapTail(spans: Span[], overlap: number): Span[] {
  const last = spans[spans.length - 1]!;
  let from = spans.length;
  while (from > 1 && last.end - spans[from - 1]!.start <= overlap) from--;
  return spans.slice(from);
}

// Sentences as trimmed spans; a sentence longer than `size` is split on whitespace (or hard, if it has none).
function sentenceSpans(text: string, size: number): Span[] {
  const spans: Span[] = [];
  // The same sentences the answers quote from (abbreviations such as "1643 р." do not end one).
  for (const sentence of splitSentences(text)) {
    let start = sentence.start;
    const end = sentence.end;
    while (end - start > size) {
      let cut = start + size;
      const space = lastWhitespace(text, start + 1, cut);
      if (space > start) cut = space;
      else if (/[\uDC00-\uDFFF]/.test(text[cut] ?? "")) cut--; // never split a surrogate pair
      spans.push({ start, end: trimEnd(text, start, cut) });
      start = cut;
      while (start < end && /\s/.test(text[start]!)) start++;
    }
    if (end > start) spans.push({ start, end });
  }
  return spans;
}

function lastWhitespace(text: string, from: number, to: number): number {
  for (let i = to; i >= from; i--) if (/\s/.test(text[i] ?? "")) return i;
  return -1;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end;
}
