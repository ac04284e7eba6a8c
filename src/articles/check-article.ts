import { parseArticle, type ParsedArticle } from "./parse-article.js";

/** Why some bytes cannot be an article. */
export type ArticleProblem = "too-large" | "empty" | "binary" | "not-utf8" | "no-text";

/** A refusal: the rule broken, and a one-line reason for people (e.g. the ingest's skipped list). */
export interface ArticleRefusal {
  problem: ArticleProblem;
  reason: string;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

// The byte order marks of UTF-16 (little and big endian), which Windows Notepad writes when a
// file is saved as "Unicode".
const UTF16_BOMS = [
  [0xff, 0xfe],
  [0xfe, 0xff],
] as const;
// UTF-32's (little and big endian): checked first, the little endian one begins as UTF-16's does.
const UTF32_BOMS = [
  [0xff, 0xfe, 0x00, 0x00],
  [0x00, 0x00, 0xfe, 0xff],
] as const;

/** Whether `bytes` begin with one of the `marks`. */
const startsWithOneOf = (bytes: Uint8Array, marks: readonly (readonly number[])[]): boolean => marks.some((mark) => mark.every((byte, i) => bytes[i] === byte));

/**
 * The one article check, shared by the seeds loader and uploads (so an upload that would be
 * skipped at index time is refused up front): within `maxBytes`, not empty, no NUL bytes,
 * strict UTF-8, and some text after the header.
 */
export function checkArticle(bytes: Uint8Array, id: string, maxBytes: number): { parsed: ParsedArticle } | ArticleRefusal {
  if (bytes.byteLength > maxBytes) {
    return { problem: "too-large", reason: `too large: ${bytes.byteLength} bytes, the limit is ${maxBytes} (MAX_ARTICLE_BYTES)` };
  }
  if (bytes.byteLength === 0) return { problem: "empty", reason: "empty file" };
  // Before the NUL check: UTF-16 and UTF-32 text is full of NUL bytes, yet saving it again as
  // UTF-8 fixes it. They come in 2- and 4-byte units: a mark followed by a part of one is not that
  // encoding (FF FE 00 00 then 2 bytes is UTF-16; a mark then an odd number of bytes is binary).
  if (bytes.byteLength % 4 === 0 && startsWithOneOf(bytes, UTF32_BOMS)) {
    return { problem: "not-utf8", reason: "not valid UTF-8 text (it is UTF-32); save it as UTF-8" };
  }
  if (bytes.byteLength % 2 === 0 && startsWithOneOf(bytes, UTF16_BOMS)) {
    return { problem: "not-utf8", reason: "not valid UTF-8 text (it is UTF-16, Notepad's \"Unicode\"); save it as UTF-8" };
  }
  if (bytes.includes(0)) return { problem: "binary", reason: "binary file (contains NUL bytes)" };
  let raw: string;
  try {
    raw = utf8.decode(bytes);
  } catch {
    return { problem: "not-utf8", reason: "not valid UTF-8 text; save it as UTF-8" };
  }
  if (!raw.trim()) return { problem: "empty", reason: "empty file (only whitespace)" };
  const parsed = parseArticle(raw, id);
  if (!parsed.body) return { problem: "no-text", reason: "no text (empty or only a header)" };
  return { parsed };
}
