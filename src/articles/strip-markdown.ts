// Markdown markup out of an article's body, so a quote reads as the text does.

const FENCE = /^ {0,3}(?:```|~~~)/;
// A link's definition ("[1]: https://…"), not a footnote's ("[^1]: the source"), whose text is kept.
const LINK_DEFINITION = /^ {0,3}\[(?!\^)[^\]]+\]:[ \t]+\S+/;
// A footnote's definition label ("[^1]: ") and its marks in the text ("5 %.[^1]").
const FOOTNOTE_LABEL = /^ {0,3}\[\^[^\]\s]+\]:[ \t]*/;
const FOOTNOTE_MARKS = /\[\^[^\]\s]+\]/g;
// A thematic break ("---", "* * *") or a heading's underline ("=====", "-----" under its line):
// a line of one of these characters only, which a quote would show as a stray run of them.
const RULE = /^ {0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*$/;
// Hidden on the page: an editor's note ("<!-- check the facts -->") is never text to quote.
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
// A run of HTML tags ("<b>", "</p><p align=…>", "<br/>"): a "<" before a letter, so "5 < 6", "a<b;",
// "<-" and an autolink "<https://…>" stay.
const HTML_TAGS = /(?:<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>)+/g;
// Tags that end a line or a block on the page: the words on either side must not run together.
const BLOCK_TAG = /<\/?(?:address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul)\b/i;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]{2,8}));/g;
const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", shy: "",
  laquo: "«", raquo: "»", bdquo: "„", ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’",
  mdash: "—", ndash: "–", hellip: "…", minus: "−", times: "×", deg: "°", copy: "©", euro: "€", numero: "№",
};
// What an entity must not turn into: control and bidi-override characters (see parse-article.ts).
const NOT_FROM_ENTITY = /[\p{Cc}\p{Cs}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/u;

/**
 * A Markdown file's body as its reader sees it: the markup that a quote would show as stray
 * characters ("# Заголовок", "**Київ**", "[парк](https://…)", "> ", "- ", code fences, link definitions)
 * taken out, the text kept, line by line (a heading stays a line of its own); a footnote keeps
 * its text ("[^1]: Звіт, 2026" → "Звіт, 2026"), its marks go. Only what reads
 * as markup: "5 * 3", "file_name", "[1]" footnotes and "#hashtags" stay. HTML in it reads as
 * the page shows it: comments gone, tags gone (a block's end leaves a space), entities decoded.
 */
export function stripMarkdown(body: string): string {
  return body
    .replace(HTML_COMMENT, "")
    .split("\n")
    .filter((line) => !FENCE.test(line) && !LINK_DEFINITION.test(line) && !RULE.test(line))
    .map((line) =>
      line
        .replace(/^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/, "$1")
        .replace(/^ {0,3}(?:>[ \t]?)+/, "")
        .replace(/^([ \t]*)[-*+][ \t]+/, "$1")
        .replace(FOOTNOTE_LABEL, "")
        .replace(FOOTNOTE_MARKS, "")
        .replace(/!?\[([^\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+"[^"\n]*")?\)/g, "$1")
        .replace(/\[([^\]\n]+)\]\[[^\]\n]*\]/g, "$1")
        .replace(/`([^`\n]+)`/g, "$1")
        .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
        .replace(/(?<![\p{L}\p{N}*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu, "$1")
        .replace(/(?<![\p{L}\p{N}_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, "$1")
        .replace(HTML_TAGS, (tags) => (BLOCK_TAG.test(tags) ? " " : ""))
        .replace(ENTITY, decodeEntity),
    )
    .join("\n");
}

/** The character an HTML entity ("&amp;", "&#8470;", "&#x31;") stands for; an unknown one stays as written. */
function decodeEntity(entity: string, decimal?: string, hex?: string, name?: string): string {
  if (name !== undefined) return NAMED_ENTITIES[name] ?? entity;
  const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? "", 16);
  if (!(code > 0 && code <= 0x10ffff)) return entity;
  const char = String.fromCodePoint(code);
  return NOT_FROM_ENTITY.test(char) ? entity : char;
}
