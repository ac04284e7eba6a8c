// Markdown markup out of an article's body, so a quote reads as the text does.

import { decodeEntity, ENTITY_SOURCE } from "../texts/html-entities.js";
import { columnNames, isDelimiterRow, rowText, tableCells } from "./markdown-table.js";

const FENCE = /^ {0,3}(?:```|~~~)/;
// A heading's opening marks ("## "), before its text (see withoutHeadingMarks).
const HEADING = /^ {0,3}#{1,6}[ \t]+/;
// A header's title or source copied with its heading's marks ("# Бюджет"), but not a number
// after the number sign ("# 1 у рейтингу").
const TITLE_HEADING = /^ {0,3}#{1,6}[ \t]+(?![ \t\d])/;
// A quote block's marks ("> ", "> > "), before its line's text.
const QUOTE = /^ {0,3}(?:>[ \t]?)+/;
// A list item's marker, after its indentation (group 1): a bullet ("- ", "* ") or an ordered
// item's number ("1. ", "2) "), which is kept (group 2), with the quote marks that open the item
// ("- > цитата", "1. > цитата"; those follow the list's marker, not precede it as QUOTE's do).
const LIST_ITEM = /^([ \t]*)(?:[-*+][ \t]+|(\d{1,9}[.)][ \t]+))(?:>[ \t]?)*/;
// A link's definition ("[1]: https://…"), not a footnote's ("[^1]: the source"), whose text is kept.
const LINK_DEFINITION = /^ {0,3}\[(?!\^)[^\]]+\]:[ \t]+\S+/;
// A footnote's definition label ("[^1]: ") and its marks in the text ("5 %.[^1]").
const FOOTNOTE_LABEL = /^ {0,3}\[\^[^\]\s]+\]:[ \t]*/;
const FOOTNOTE_MARKS = /\[\^[^\]\s]+\]/g;
// A thematic break ("---", "* * *") or a heading's underline ("=====", "-----" under its line):
// a line of one of these characters only, which a quote would show as a stray run of them.
const RULE = /^ {0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*$/;
// Hidden on the page: an editor's note ("<!-- check the facts -->") is never text to quote, nor
// a script's code or a style sheet ("<script>alert(1)</script>", "<style>p { … }</style>"), of
// which the browser shows nothing (the tags alone taken out, their content was quoted). Found by
// `withoutHidden`, which reads them as /<!--[\s\S]*?-->|<(script|style)(?=[\s/>])[^>]*>[\s\S]*?<\/\1\s*>/gi
// would, in one pass: that regex looked for the end of each unclosed "<script>" anew (minutes
// on a 5 MB file of them).
const HIDDEN_OPENER = String.raw`<!--|<(script|style)(?=[\s/>])`;
// What is hidden, or code shown as written (a fenced block, from its fence line to the next
// one, or a \x60span\x60), whichever opens first: "\x60<script>\x60" in an article about it stays,
// a fence inside a comment goes with the comment.
const CODE = String.raw`^ {0,3}(?:\x60{3}|~{3}).*(?:\n.*)*?\n {0,3}(?:\x60{3}|~{3})|\x60[^\x60\n]+\x60`;
const HIDDEN_OR_CODE = new RegExp(`${CODE}|${HIDDEN_OPENER}`, "gim");
const HIDDEN = new RegExp(HIDDEN_OPENER, "gi");
const COMMENT_END = /-->/g;
const TAG_END = />/g;
const SCRIPT_END = /<\/script\s*>/gi;
const STYLE_END = /<\/style\s*>/gi;
// A run of HTML tags ("<b>", "</p><p align=…>", "<br/>"): a name right after "<", and attributes
// only with at least one "name=value" among them, so "5 < 6", "a<b;", "<-", an autolink
// "<https://…>" and prose such as "if a<b and c>d" stay.
const ATTR = String.raw`[A-Za-z_:][-\w:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>\x60]+))?`;
const VALUED_ATTR = String.raw`[A-Za-z_:][-\w:.]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>\x60]+)`;
const TAG = String.raw`<\/?[A-Za-z][A-Za-z0-9-]*\s*\/?>|<[A-Za-z][A-Za-z0-9-]*(?:\s+${ATTR})*\s+${VALUED_ATTR}(?:\s+${ATTR})*\s*\/?>`;
// With the space or tab after it (group 1), which goes when one is before it (see withoutTags).
const HTML_TAGS = new RegExp(`(?:${TAG})+([ \\t]?)`, "g");
// A code span ("\x60<br>\x60") shows its text as written: set aside as "\uE000<n>\uE001" while
// the rest is read. So are the marks an article holds itself (an icon font's private-use glyphs),
// each as written: every mark read back is then one set aside here.
const TO_SET_ASIDE = /\x60([^\x60\n]+)\x60|[\uE000\uE001]/g;
// Tags that end a line or a block on the page: the words on either side must not run together.
const BLOCK_TAG = /<\/?(?:address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul)\b/i;
// Read back in the same pass as the entities, so that a decoded "&#xE000;" is never taken for a mark.
const SET_ASIDE_OR_ENTITY = new RegExp(`\uE000(\\d+)\uE001|${ENTITY_SOURCE}`, "g");

/**
 * A Markdown file's body as its reader sees it: the markup that a quote would show as stray
 * characters ("# Заголовок", "**Київ**", "[парк](https://…)", "> ", "- ", code fences, link definitions)
 * taken out, the text kept, line by line (a heading stays a line of its own); a footnote keeps
 * its text ("[^1]: Звіт, 2026" → "Звіт, 2026"), its marks go; a table's rows (in a quote too) read as lines of
 * text ("Рік: 2024; Бюджет: 5 млн", see markdown-table.ts), its separator row gone. Only what reads
 * as markup: "5 * 3", "file_name", "[1]" footnotes and "#hashtags" stay. HTML in it reads as
 * the page shows it: comments, scripts and style sheets gone with their content, tags gone (a
 * block's end leaves a space), entities decoded;
 * code (a fenced block, a \x60span\x60) shows its text as written.
 */
export function stripMarkdown(body: string): string {
  const lines = withoutHidden(body, HIDDEN_OR_CODE).split("\n");
  // A fence's own lines go; what a closed fence holds is shown as written (code, not markup).
  // A fence left open (an editor's slip) only goes: the rest of the article is still read.
  const fences = lines.flatMap((line, i) => (FENCE.test(line) ? [i] : []));
  const lastClosing = fences.length % 2 === 0 ? fences.at(-1) : fences.at(-2);
  let fenced = false;
  // While in a table: its columns' names (their markup out), where its separator row is, and the
  // quote it is in (a row is a line of the same quote).
  let header: string[] | null = null;
  let separator = -1;
  let quote = "";
  return lines
    .flatMap((line, i) => {
      if (FENCE.test(line)) {
        if (lastClosing !== undefined && i <= lastClosing) fenced = !fenced;
        header = null;
        return [];
      }
      if (fenced) return [line];
      // A table in a quote block reads as one at top level.
      const cells = tableCells(unquoted(line));
      if (header && cells && quoteOf(line) === quote) {
        const row = i === separator ? "" : rowText(header, cells.map(stripInline));
        return row ? [row] : [];
      }
      header = null;
      quote = quoteOf(line);
      const inQuote = (at: number) => (quoteOf(lines[at] ?? "") === quote ? unquoted(lines[at] ?? "") : "");
      if (cells && isDelimiterRow(inQuote(i + 1), cells.length)) {
        const shown = cells.map(stripInline);
        header = columnNames(shown);
        separator = i + 1;
        // The header goes with each row; when it names none (too long) or there is no row, its words stay a line.
        return header.length > 0 && tableCells(inQuote(i + 2)) ? [] : [rowText([], shown)];
      }
      return LINK_DEFINITION.test(line) || RULE.test(line) ? [] : [stripLine(line)];
    })
    .join("\n");
}

/** The quote blocks a line is in, as their marks (">>" in one quote within another; "" in none). */
function quoteOf(line: string): string {
  return (QUOTE.exec(line)?.[0] ?? "").replace(/[^>]/g, "");
}

/** A line without its quote marks. */
function unquoted(line: string): string {
  return line.replace(QUOTE, "");
}

/**
 * One line outside a fenced block (see stripMarkdown): its block marks, outermost first (a quote
 * holds a heading: "> # Заголовок"; a list item one too: "- # Заголовок", "1. ## Title"), then
 * its inline markup.
 */
function stripLine(line: string): string {
  const text = withoutHeadingMarks(line.replace(QUOTE, ""), HEADING);
  const item = LIST_ITEM.exec(text);
  const itemText = item ? `${item[1]}${item[2] ?? ""}${withoutHeadingMarks(text.slice(item[0].length), HEADING)}` : text;
  return stripInline(itemText.replace(FOOTNOTE_LABEL, ""));
}

/**
 * A heading line's text without its marks: the opening ones `opener` finds ("## "), and a closing
 * run of "#" after a space ("## Бюджет ##" reads "Бюджет"), trailing spaces and tabs too; any other
 * line (or one holding a line break) as it is. What /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/
 * gives, read by hand: that regex tried the rest of a run of spaces at each of its spaces, so a
 * heading holding 200,000 of them took half a minute.
 */
function withoutHeadingMarks(line: string, opener: RegExp): string {
  const open = opener.exec(line);
  if (!open || /[\n\r\u2028\u2029]/.test(line)) return line;
  const start = open[0].length;
  let end = spacesBefore(line, line.length, start);
  let hashes = end;
  while (hashes > start && line[hashes - 1] === "#") hashes--;
  if (hashes < end && hashes > start && isSpace(line[hashes - 1])) end = spacesBefore(line, hashes, start);
  return line.slice(start, end);
}

/** Where the run of spaces and tabs ending at `end` starts (not before `floor`). */
function spacesBefore(text: string, end: number, floor: number): number {
  let at = end;
  while (at > floor && isSpace(text[at - 1])) at--;
  return at;
}

/**
 * Inline markup out of a line of text: emphasis, links (their text kept), footnote marks and
 * HTML tags taken out, entities decoded, a code span's text shown as written.
 */
function stripInline(line: string): string {
  const code: string[] = [];
  return (
    line
      .replace(TO_SET_ASIDE, (mark, text?: string) => `\uE000${code.push(text ?? mark) - 1}\uE001`)
      .replace(FOOTNOTE_MARKS, "")
      .replace(/!?\[([^\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+"[^"\n]*")?\)/g, "$1")
      .replace(/\[([^\]\n]+)\]\[[^\]\n]*\]/g, "$1")
      // The bold text never holds its own mark, so each "**" is scanned past once: "**a **a **a …"
      // on one 100 KB line took 4 s when each opener looked for its closer to the line's end.
      .replace(/(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1/g, "$2")
      .replace(/(?<![\p{L}\p{N}*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu, "$1")
      .replace(/(?<![\p{L}\p{N}_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, "$1")
      .replace(HTML_TAGS, withoutTags)
      .replace(SET_ASIDE_OR_ENTITY, (entity, i?: string, decimal?: string, hex?: string, name?: string) =>
        i === undefined ? decodeEntity(entity, decimal, hex, name) : (code[Number(i)] ?? ""),
      )
  );
}

/**
 * A line of text outside a Markdown body (a header's title or source) as its reader sees it:
 * its inline markup taken out as the body's is ("**Бюджет** [міста](https://…)" reads "Бюджет
 * міста", "\x60v2\x60" reads "v2"), HTML as the page shows it (comments, scripts and style sheets
 * gone with their content, tags out, entities decoded). A heading's marks go ("# Бюджет" reads
 * "Бюджет"); otherwise a line's start is no block: "# 1" or "- 5 %" in a title stays as written.
 */
export function stripMarkdownLine(text: string): string {
  return stripInline(withoutHeadingMarks(withoutHidden(text, HIDDEN_OR_CODE), TITLE_HEADING));
}

/**
 * HTML as the page shows it, for a text whose Markdown is read elsewhere (a model's reply, see
 * llm-answerer.ts): comments, scripts and style sheets gone with their content, tags taken out (a block's end leaves a space, so the
 * words on either side do not run together), what only looks like a tag ("5 < 6", "a<b;", an
 * autolink "<https://…>") kept. Entities are left for `decodeEntities` (html-entities.ts).
 */
export function stripHtml(text: string): string {
  return withoutHidden(text, HIDDEN).replace(HTML_TAGS, withoutTags);
}

/**
 * `text` without its comments, scripts and style sheets (see HIDDEN_OPENER; one between two
 * spaces leaves one of them), and with the code
 * that `openers` also finds (HIDDEN_OR_CODE) kept as written: whichever opens first. A block
 * with no end is no block: the text goes on from the next character, as a regex would, but an
 * end looked for is not looked for again (once absent, absent for every later opener of its
 * kind), so a file of unclosed "<script>"s is read in one pass.
 */
function withoutHidden(text: string, openers: RegExp): string {
  // The next "-->", ">" and "</script>"/"</style>" from where each was last looked for.
  const found = new Map<string, { from: number; at: number; end: number }>();
  const next = (kind: string, pattern: RegExp, from: number): { at: number; end: number } => {
    const last = found.get(kind);
    if (last && last.from <= from && (last.at === -1 || last.at >= from)) return last;
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    const hit = { from, at: match?.index ?? -1, end: match ? match.index + match[0].length : -1 };
    found.set(kind, hit);
    return hit;
  };
  let kept = "";
  let copied = 0;
  // Whether `kept` ends in a space or tab (read from `text`: reading `kept` would copy it each time).
  let keptSpace = false;
  openers.lastIndex = 0;
  for (let match = openers.exec(text); match; match = openers.exec(text)) {
    const start = match.index;
    let end = -1;
    if (match[0] === "<!--") {
      end = next("-->", COMMENT_END, start + 4).end;
    } else if (match[0].startsWith("<")) {
      const name = (match[1] ?? "").toLowerCase();
      const tagEnd = next(">", TAG_END, start + match[0].length);
      if (tagEnd.at !== -1) end = next(name, name === "script" ? SCRIPT_END : STYLE_END, tagEnd.end).end;
    } else {
      continue; // code, kept as written
    }
    if (end === -1) {
      openers.lastIndex = start + 1;
      continue;
    }
    if (start > copied) keptSpace = isSpace(text[start - 1]);
    kept += text.slice(copied, start);
    // Between two spaces a block leaves one ("Гор <script>…</script> – посол"), not two; a line break stays.
    copied = keptSpace && isSpace(text[end]) ? end + 1 : end;
    openers.lastIndex = copied;
  }
  return copied === 0 ? text : kept + text.slice(copied);
}

function isSpace(char: string | undefined): boolean {
  return char === " " || char === "\t";
}

/**
 * What a run of tags (HTML_TAGS, at `at` in `text`) leaves: between two spaces one of them
 * ("Logo: <img …> and"), not two; a block's end one space if there is none beside it, so the
 * words on either side do not run together; a line break stays.
 */
function withoutTags(tags: string, spaceAfter: string, at: number, text: string): string {
  if (isSpace(text[at - 1])) return "";
  return spaceAfter || (BLOCK_TAG.test(tags) ? " " : "");
}
