// Markdown markup out of an article's body, so a quote reads as the text does.

const FENCE = /^ {0,3}(?:```|~~~)/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:[ \t]+\S+/;
// A thematic break ("---", "* * *") or a heading's underline ("=====", "-----" under its line):
// a line of one of these characters only, which a quote would show as a stray run of them.
const RULE = /^ {0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * A Markdown file's body as its reader sees it: the markup that a quote would show as stray
 * characters ("# Заголовок", "**Київ**", "[парк](https://…)", "> ", "- ", code fences, link definitions)
 * taken out, the text kept, line by line (a heading stays a line of its own). Only what reads
 * as markup: "5 * 3", "file_name", "[1]" footnotes and "#hashtags" stay.
 */
export function stripMarkdown(body: string): string {
  return body
    .split("\n")
    .filter((line) => !FENCE.test(line) && !LINK_DEFINITION.test(line) && !RULE.test(line))
    .map((line) =>
      line
        .replace(/^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/, "$1")
        .replace(/^ {0,3}(?:>[ \t]?)+/, "")
        .replace(/^([ \t]*)[-*+][ \t]+/, "$1")
        .replace(/!?\[([^\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+"[^"\n]*")?\)/g, "$1")
        .replace(/\[([^\]\n]+)\]\[[^\]\n]*\]/g, "$1")
        .replace(/`([^`\n]+)`/g, "$1")
        .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
        .replace(/(?<![\p{L}\p{N}*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu, "$1")
        .replace(/(?<![\p{L}\p{N}_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, "$1"),
    )
    .join("\n");
}
