import { endsWithAbbreviation } from "../answers/sentences.js";
import { withoutBidiControls } from "../texts/bidi-controls.js";
import { closeQuotes } from "../texts/quotes.js";
import { makeDay } from "../time/calendar.js";
import { decodeEntities } from "../texts/html-entities.js";
import { stripMarkdown, stripMarkdownLine } from "./strip-markdown.js";
import { MAX_URL } from "./article.js";

/** The fields a file's text yields, before the loader adds its id and hash. */
export interface ParsedArticle {
  title: string;
  date: string | null;
  url: string | null;
  source: string | null;
  body: string;
  /** The header's date when it is no real YYYY-MM-DD date (`date` is then null), for a warning. */
  unreadDate?: string;
  /** The header's url when it is no http(s) link (`url` is then null), for a warning. */
  unreadUrl?: string;
  /**
   * A header between "---" lines that names a field yet is not read (the whole file is then plain
   * text), for a warning: `line` is its first line that is no `key: value`, absent when the
   * closing "---" is missing.
   */
  unreadHeader?: { line?: string };
}

/** Longest derived title, in characters: a headline, not a paragraph. */
export const MAX_DERIVED_TITLE = 80;
// A first sentence up to this long with no clause boundary is kept whole.
const MAX_WHOLE_SENTENCE = 100;
// A clause shorter than this says too little to name an article.
const MIN_CLAUSE_TITLE = 20;
// Words a headline does not end on (a cut after them reads as an unfinished phrase).
const DANGLING_WORDS = new Set(
  "і й та а але або чи що як який яка яке які де коли з із зі до від на у в во за по про для при через між над під о об к и но или что как и the a an of and or to in on at for with by from as that which".split(" "),
);

// The seed format: ` date YYYY-MM-DD ` at the very start, the body following on the same line.
const SEED_HEADER = /^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|\n|$)/;
const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/;
// Hugo's TOML front matter: `key = value` lines between `+++` lines.
const TOML_FRONT_MATTER = /^\+\+\+[ \t]*\n([\s\S]*?)\n\+\+\+[ \t]*(?:\n|$)/;
// A TOML value: a quoted string (a `# comment` may follow), else what comes before a `#`.
const TOML_LINE = /^([A-Za-z_][\w-]*)[ \t]*=[ \t]*("(?:[^"\\]|\\.)*"|'[^']*'|[^#]*)/;
// A block whose closing `---` is missing: the `key: value` lines right after the opening one.
const UNCLOSED_FRONT_MATTER = /^---[ \t]*\n((?:[ \t]*[A-Za-z_][\w-]*[ \t]*:.*(?:\n|$))+)/;
const KNOWN_KEYS = new Set(["title", "date", "url", "source"]);
// A block between "---" lines with one of those keys was meant as a header, even when it cannot be read.
const NAMES_A_FIELD = /^[ \t]*(?:title|date|url|source)[ \t]*:/im;
// Bidirectional overrides/isolates/marks and other invisible controls: in a title they can make
// a source look like another (display spoofing, e.g. U+202E reversing the text after it).
const DISPLAY_CONTROLS = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/gu;
const FRONT_MATTER_LINE = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$/;
// What no link has: spaces, and the invisible characters of DISPLAY_CONTROLS (not global: for test()).
const NOT_IN_URL = /[\s\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/u;

/**
 * Parses one article's text (seed header, YAML-style front matter, or plain text). A front
 * matter block that is not a list of `key: value` lines is read as plain text, so nothing is lost.
 */
export function parseArticle(raw: string, id: string): ParsedArticle {
  // Blank lines before a header (an editor's or a paste's) do not make it body text.
  const text = normalizeText(raw).replace(/^(?:[ \t]*\n)+/, "");
  const fields: Omit<ParsedArticle, "body" | "title" | "unreadDate" | "unreadUrl" | "unreadHeader"> & { title: string | null } = {
    title: null,
    date: null,
    url: null,
    source: null,
  };
  // The date as written, when the header gives one.
  let givenDate: string | null = null;
  let body = text;
  let unreadHeader: { line?: string } | null = null;

  const seed = SEED_HEADER.exec(text);
  const front = seed ? null : FRONT_MATTER.exec(text);
  const toml = seed || front ? null : TOML_FRONT_MATTER.exec(text);
  const readHeader = (meta: Map<string, string>, length: number) => {
    fields.title = meta.get("title") ?? null;
    givenDate = meta.get("date") ?? null;
    fields.url = meta.get("url") ?? null;
    fields.source = meta.get("source") ?? null;
    body = text.slice(length);
  };
  if (seed) {
    givenDate = seed[1] ?? "";
    body = text.slice(seed[0].length);
  } else if (front) {
    const meta = parseFrontMatter(front[1] ?? "");
    if (!(meta instanceof Map)) {
      if (NAMES_A_FIELD.test(front[1] ?? "")) unreadHeader = { line: meta.badLine };
    } else {
      readHeader(meta, front[0].length);
    }
  } else if (toml) {
    readHeader(parseTomlFrontMatter(toml[1] ?? ""), toml[0].length);
  }

  // A quote shows the text as its reader sees it, not "**Київ**" or "[парк](https://…)".
  // A plain text scraped from a page keeps its entities ("15&nbsp;грн", "&laquo;…&raquo;"): read too.
  const markdown = /\.md$/i.test(id);
  // Bidi controls out, so a quote reads as its source (a header's title and source lose them
  // with the other controls, see cleanDisplayText; a url with one is refused, see webUrl); first,
  // so "\u202E# Заголовок" is a heading whose marks go too.
  const readable = withoutBidiControls(body);
  body = (markdown ? stripMarkdown(readable) : decodeEntities(readable)).trim();
  // An impossible date is not guessed at (2026-02-30 is not March 2nd): the article goes undated,
  // and the loader warns about it.
  fields.date = givenDate === null ? null : validDate(givenDate);
  const unread = givenDate !== null && fields.date === null ? { unreadDate: givenDate } : {};
  // Only a web link is kept, so no surface has to check it again (the CLI printed "javascript:…"
  // as it was); anything else goes, and the loader warns about it.
  const givenUrl = fields.url;
  fields.url = givenUrl === null ? null : webUrl(givenUrl);
  const unreadUrl = givenUrl !== null && fields.url === null ? { unreadUrl: givenUrl } : {};
  // An unclosed block stays in the body (nothing is lost), but its title line still names the article.
  if (!seed && !front && !toml) {
    const unclosed = unclosedFrontMatter(text);
    fields.title = unclosed?.get("title") ?? null;
    if (unclosed) unreadHeader = {};
  }
  // A header's title and source read as the body does: in an .md file, without its inline markup
  // ("**Бюджет** [міста](https://…)" is "Бюджет міста") and with HTML as the page shows it
  // ("Q&amp;A про <b>вибори</b>" is "Q&A про вибори"), in a .txt file only its entities read.
  const shown = (value: string) => cleanDisplayText(markdown ? stripMarkdownLine(value) : decodeEntities(value));
  const title = shown(fields.title ?? "") || deriveTitle(body, id);
  const source = fields.source === null ? null : shown(fields.source) || null;
  return { ...fields, title, source, body, ...unread, ...unreadUrl, ...(unreadHeader ? { unreadHeader } : {}) };
}

/**
 * A header's url as a link, or null when it is none: an http:// or https:// URL (the scheme in
 * any case) that parses, with no spaces or invisible characters, at most MAX_URL characters,
 * also once percent-encoded (a Cyrillic path grows several times). A bare "www.example.org/…"
 * is a web address written without its scheme, as people often do: it gets "https://" rather
 * than be dropped. Kept as written otherwise (a Cyrillic path stays readable).
 */
function webUrl(value: string): string | null {
  const written = /^www\./i.test(value) ? `https://${value}` : value;
  // "http:" alone is not enough: the parser reads "http:example.org" as a link, a reader would not.
  if (!/^https?:\/\//i.test(written) || written.length > MAX_URL || NOT_IN_URL.test(written)) return null;
  try {
    return new URL(written).href.length > MAX_URL ? null : written;
  } catch {
    return null;
  }
}

/** Text shown as a title or source: control and bidi-override characters removed, spaces collapsed. */
export function cleanDisplayText(text: string): string {
  return text.replace(DISPLAY_CONTROLS, " ").replace(/\s+/g, " ").trim();
}

/** An opening `---` with no closing one: its leading `key: value` lines, if they name a known field. */
function unclosedFrontMatter(text: string): Map<string, string> | null {
  const match = UNCLOSED_FRONT_MATTER.exec(text);
  const meta = match ? parseFrontMatter(match[1] ?? "") : null;
  return meta instanceof Map && [...meta.keys()].some((key) => KNOWN_KEYS.has(key)) ? meta : null;
}

// Invisible characters that scraped and pasted text leaves inside words: soft hyphens, zero-width
// spaces, word joiners and stray byte-order marks ("будів\u00ADництва", "ста\u200Bдіону"). Quoted,
// they break a word where the reader sees none (and a copied quote carries them); searched, the
// word is two. Zero-width (non-)joiners only between letters: in an emoji sequence they join it.
const INVISIBLE = /[\u00AD\u200B\u2060\uFEFF]|(?<=\p{L})[\u200C\u200D](?=\p{L})/gu;

/** Drops a byte-order mark and invisible in-word characters, and turns CRLF/CR line endings into LF. */
export function normalizeText(raw: string): string {
  return raw.replace(INVISIBLE, "").replace(/\r\n?/g, "\n");
}

/**
 * A headline-like title from the first sentence of `body`: the sentence itself when it is short,
 * else its first clause that fits (cut at a comma, semicolon, colon or dash, so no phrase is cut
 * in two), else whole words up to the limit with "…", never ending on a preposition or
 * conjunction; without the sentence's full stop. The file name when the body is empty.
 */
export function deriveTitle(body: string, id: string): string {
  // The first line with a letter or digit: a rule ("---", "***") is not a title.
  const firstLine = cleanDisplayText(body.split("\n").find((line) => /[\p{L}\p{N}]/u.test(line)) ?? "");
  const sentence = /^.+?[.!?…](?=\s|$)/u.exec(firstLine)?.[0] ?? firstLine;
  const title = withoutFullStop(sentence.replace(/^#+\s*/, "").replace(/\s+/g, " ").trim());
  if (!title) return id.replace(/^.*\//, "").replace(/\.(txt|md)$/i, "");
  if (title.length <= MAX_DERIVED_TITLE) return closeQuotes(title);
  const clause = firstClause(title);
  if (clause) return closeQuotes(clause);
  // A sentence a little too long, with no clause to stop at, reads better whole than cut.
  if (title.length <= MAX_WHOLE_SENTENCE) return title;
  const words = title.slice(0, MAX_DERIVED_TITLE + 1).split(" ").slice(0, -1);
  while (words.length > 1 && DANGLING_WORDS.has((words.at(-1) ?? "").toLowerCase())) words.pop();
  const head = words.join(" ").replace(/[\s,;:.–—-]+$/u, "") || title.slice(0, MAX_DERIVED_TITLE);
  return closeQuotes(`${head}…`);
}

/**
 * `sentence` without its final full stop: a headline has none, and before the date it read as a
 * typo ("музей кави., 20 листопада 2026"). "?", "!", "…" (or "...") and an abbreviation's dot
 * ("у 1991 р.") stay.
 */
function withoutFullStop(sentence: string): string {
  return /[^.]\.$/u.test(sentence) && !endsWithAbbreviation(sentence) ? sentence.slice(0, -1).trimEnd() : sentence;
}

/** The longest start of `title` that ends at a clause boundary and fits the limit, or null. */
function firstClause(title: string): string | null {
  let best: string | null = null;
  for (const match of title.matchAll(/\s*(?:[,;:(]|\s[–—-]\s)/gu)) {
    if (match.index > MAX_DERIVED_TITLE) break;
    const head = title.slice(0, match.index).trim();
    if (head.length >= MIN_CLAUSE_TITLE) best = head;
  }
  return best;
}

// A line under a key that belongs to it: indented ("  - economy", "  name: Iryna") or a list item ("- news").
const NESTED_LINE = /^(?:[ \t]+\S|-(?:[ \t]|$))/;
// A value written on the lines under its key: YAML's folded (">") or literal ("|") block.
const BLOCK_VALUE = /^[>|][+-]?$/;
// What YAML reads as no value: "~", "null" (as "Null", "NULL"), nothing, each maybe followed by
// a "# comment" ("date: # TODO", "date: ~"): an empty date, not one named "null".
const YAML_NULL = /^(?:~|null|Null|NULL)?(?:(?:^|[ \t]+)#.*)?$/;

// Returns the first non-blank line that is neither `key: value` nor nested under one (a list of
// tags, an author's fields) when there is one: that block is probably not front matter. A key
// with no value is left out, but for `date:`: an empty date is warned about, as any date that is
// no date (the article goes undated).
function parseFrontMatter(block: string): Map<string, string> | { badLine: string } {
  const meta = new Map<string, string>();
  let key: string | null = null;
  // The lines of a block value (`title: >` then its lines), joined by spaces.
  let lines: string[] | null = null;
  const endValue = () => {
    if (key !== null && lines?.length) meta.set(key, lines.join(" "));
  };
  for (const line of block.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    if (key !== null && NESTED_LINE.test(line)) {
      lines?.push(line.trim());
      continue;
    }
    const match = FRONT_MATTER_LINE.exec(line);
    if (!match) return { badLine: line.trim() };
    endValue();
    key = (match[1] ?? "").toLowerCase();
    const written = (match[2] ?? "").trim();
    lines = BLOCK_VALUE.test(written) ? [] : null;
    const value = lines || (key === "date" && YAML_NULL.test(written)) ? "" : unquote(written);
    if (value || key === "date") meta.set(key, value);
  }
  endValue();
  return meta;
}

// The top-level `key = value` lines of a TOML block; the rest (a `[table]`'s keys, an array's
// further lines) is not the article's. An empty value is left out, but for `date = ""` (as above).
function parseTomlFrontMatter(block: string): Map<string, string> {
  const meta = new Map<string, string>();
  for (const line of block.split("\n")) {
    if (line.trimStart().startsWith("[")) break;
    const match = TOML_LINE.exec(line.trim());
    const key = (match?.[1] ?? "").toLowerCase();
    const value = match ? unquote((match[2] ?? "").trim()) : "";
    if (match && (value || key === "date")) meta.set(key, value);
  }
  return meta;
}

/** A value without its quotes, and with YAML's escapes read: \" and \\ inside "…", '' inside '…'. */
function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  if (!quoted) return value;
  const inner = quoted[2] ?? "";
  if (quoted[1] === "'") return inner.replaceAll("''", "'");
  return inner.replace(/\\(["\\/nt])/g, (_, char: string) => (char === "n" || char === "t" ? " " : char));
}

// The calendar's own check, so a header date and a question's date agree on what exists (year 0 does not).
function validDate(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  return match ? makeDay(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}
