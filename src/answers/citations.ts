// Citation markers in generated text: `[1]`, `[1, 2]`, `[1][2]`, `[1-3]`. Models invent numbers
// and skip sources, so the text is cleaned up after generation: markers that point at no passage
// go, and the sources are renumbered 1..k in order of first appearance.

import type { Chunk } from "../chunks/chunk.js";
import { CITATION_MARKER, markerNumbers } from "../texts/citation-marker.js";
import type { Citation } from "./answer.js";

/**
 * The citation numbered `n` of a chunk, quoting the article text from `span.start` to
 * `span.end` (article offsets inside the chunk), or the whole chunk without a span.
 */
export function citationOf(n: number, chunk: Chunk, span?: { start: number; end: number } | null): Citation {
  const start = span?.start ?? chunk.start;
  const end = span?.end ?? chunk.end;
  return {
    n,
    articleId: chunk.articleId,
    chunkId: chunk.id,
    title: chunk.title,
    date: chunk.date,
    url: chunk.url,
    quote: chunk.text.slice(start - chunk.start, end - chunk.start),
    start,
    end,
  };
}

/** One bracketed marker group in a text, e.g. `[1, 3]` → numbers [1, 3]. */
export interface CitationMarker {
  start: number;
  end: number;
  numbers: number[];
}

/** Finds citation marker groups in order of appearance. */
export function findCitationMarkers(text: string): CitationMarker[] {
  return [...text.matchAll(CITATION_MARKER)].map((match) => ({ start: match.index, end: match.index + match[0].length, numbers: markerNumbers(match[1] ?? "") }));
}

/** Result of renumbering: the rewritten text and, for each new number k, the old number `cited[k-1]`. */
export interface RenumberedCitations {
  text: string;
  cited: number[];
}

/**
 * Drops markers pointing outside 1..sourceCount, and numbers a marker right after another already
 * gave, and renumbers the remaining sources by first appearance: with sources 1..3,
 * "a [3] b [9] c [1, 3][3]" → "a [1] b c [2, 1]", cited [3, 1].
 */
export function renumberCitations(text: string, sourceCount: number): RenumberedCitations {
  const cited: number[] = [];
  const newNumber = new Map<number, number>();
  let out = "";
  let last = 0;
  // The numbers of the marker written last, while only spaces follow it: "[1][1]" shows "[1]".
  let shownBefore: number[] = [];
  for (const marker of findCitationMarkers(text)) {
    let before = text.slice(last, marker.start);
    const repeats = before.trim() === "" ? shownBefore : [];
    const kept: number[] = [];
    for (const n of marker.numbers) {
      if (n < 1 || n > sourceCount) continue;
      let k = newNumber.get(n);
      if (k === undefined) {
        cited.push(n);
        k = cited.length;
        newNumber.set(n, k);
      }
      if (!kept.includes(k) && !repeats.includes(k)) kept.push(k);
    }
    // A dropped marker takes the space before it along, so "claim [9]." becomes "claim.".
    if (kept.length === 0) before = before.replace(/[ \t]+$/, "");
    out += before + (kept.length ? `[${kept.join(", ")}]` : "");
    shownBefore = kept.length ? kept : repeats;
    last = marker.end;
  }
  out += text.slice(last);
  return { text: out, cited };
}
