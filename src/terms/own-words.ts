// What of a message are the user's own words: the language of the replies (src/texts/lang.ts)
// and of the question for the reader (src/reader/language.ts) is told by them, and the knowledge
// base searches and reads a question by them (src/knowledge-base/). The pipeline needs it, so it
// lives with the pipeline's text helpers, not with the user-facing texts.

import { decodeEntities } from "../texts/html-entities.js";

// Parts of a message that are not words in its language: their letters are Latin whatever the
// user writes in ("що пишуть про https://example.org/metro ?" is a Ukrainian question). Links
// (with a scheme, "www." or a bare domain such as "example.org/metro", which Telegram links too),
// e-mail addresses, @mentions and /commands. Latin-script names stay: they are the user's words.
// A link ends before the punctuation that closes the sentence: "це він на https://t.me/x/5?"
// asks something, as "це він?" does; a "?" inside it ("/?id=5") is the link's.
// Every pattern here scans at most a bounded stretch from each place it is tried at (the limits
// of real names: a label of a domain is at most 63 characters, an address's local part 64): tried
// at every letter of a message that is one long word, an unbounded one took seconds for 64 KB.
// And the link's rest is its characters up to the last one that is no closing punctuation (the
// same end as "the shortest one followed by punctuation and a space", found in one pass).
const LINK_REST = String.raw`(?:\S*[^\s.,;:!?…)»"'])?`;
const SCHEME_LINK = new RegExp(String.raw`[a-z][a-z\d+.-]{0,31}:\/\/${LINK_REST}`, "giu");
const WWW_LINK = new RegExp(String.raw`\bwww\.${LINK_REST}`, "giu");
const EMAIL = /[\w.+-]{1,64}@[a-z\d-]+(?:\.[a-z\d-]+)+/giu;
const DOMAIN = String.raw`\b[a-z\d-]{1,63}(?:\.[a-z\d-]{1,63}){0,126}\.[a-z]{2,63}\b`;
const BARE_DOMAIN = new RegExp(String.raw`${DOMAIN}(?:\/${LINK_REST})?`, "giu");
const BARE_DOMAIN_PATH = new RegExp(String.raw`${DOMAIN}\/${LINK_REST}`, "giu");
const MENTION = /@\w+/gu;
const COMMAND = /(?<![^\s(])\/[a-z]\w*(?:@\w+)?/giu;

// An HTML tag typed or pasted into a question ("Хто такий <b>Серджіо Гор</b>?"): <b>, </b>, <br/>,
// <a href="…">. Its name is no word the question asks ("b", "br", "div" counted as question
// terms no passage holds, and such questions were "not found" more often); the words between an
// opening and a closing tag are. Only the tags Telegram messages and web pages are copied with
// (TAG_NAMES): any other name in angle brackets is the question's text ("Що таке Array<string>?",
// "List<int>"), as a comparison is ("a < b > c", "x<y and z>w"). Attributes are name=value, or a
// bare name (Telegram's <blockquote expandable>). Taken out first: a link inside an attribute
// would otherwise take the tag's end with it.
const TAG_NAMES = "a|b|big|blockquote|br|code|del|div|em|font|h[1-6]|i|ins|li|mark|ol|p|pre|s|small|span|strike|strong|sub|sup|tg-spoiler|u|ul";
const VALUE = String.raw`\s{0,8}=\s{0,8}(?:"[^"<>]{0,2000}"|'[^'<>]{0,2000}'|[^\s"'<>=\x60]{1,2000})`;
// Groups: 1 the "/" of an end tag, 2 the name, 3 the "/" of "<br/>". A "=" in it is an attribute's value.
const TAG = new RegExp(String.raw`<(\/?)(${TAG_NAMES})(?:\s{1,8}[a-z][\w:-]{0,31}(?:${VALUE})?){0,16}\s{0,8}(\/?)>`, "giu");
// Tags that never have an end tag: one alone is a tag.
const VOID_TAGS = new Set(["br"]);

/**
 * `text` without its HTML tags (TAG), each left as a space. A plain opening tag, with no
 * name=value attribute, is one only when the text closes it ("<b>Гор</b>"): alone, it is a word
 * in angle brackets ("Чи a <b> c?", "Що означає <i>?"), kept. An end tag, a tag with a value
 * ("<a href=…>"), one closed in itself ("<br/>") and a void one ("<br>") always are. Two passes
 * of TAG, each linear: where each name's last end tag is, then what to take out.
 */
function withoutTags(text: string): string {
  if (!text.includes("<")) return text;
  const lastEnd = new Map<string, number>();
  for (const tag of text.matchAll(TAG)) if (tag[1]) lastEnd.set(tag[2]!.toLowerCase(), tag.index);
  return text.replace(TAG, (tag: string, end: string, name: string, selfClosed: string, at: number) => {
    const lower = name.toLowerCase();
    const closed = (lastEnd.get(lower) ?? -1) > at;
    return end || selfClosed || tag.includes("=") || VOID_TAGS.has(lower) || closed ? " " : tag;
  });
}

const NOT_WORDS = [SCHEME_LINK, WWW_LINK, EMAIL, BARE_DOMAIN, MENTION, COMMAND];
// A site named without a path ("Booking.com", "Node.js") is what a question asks about at
// least as often as a link pasted in: it stays in what is searched (its letters still do not
// tell the language).
const NOT_ASKED = [SCHEME_LINK, WWW_LINK, EMAIL, BARE_DOMAIN_PATH, MENTION, COMMAND];

/** The text without its links, e-mail addresses, @mentions and /commands. */
export function ownWords(text: string): string {
  return NOT_WORDS.reduce((rest, pattern) => rest.replace(pattern, " "), text);
}

/** Whether `text` holds a link (with a scheme, "www." or a bare domain with a path), not only a site's name. */
export function hasLink(text: string): boolean {
  return [SCHEME_LINK, WWW_LINK, BARE_DOMAIN_PATH].some((pattern) => text.search(pattern) >= 0);
}

/**
 * A question as it is searched and read: without its HTML tags, links, e-mail addresses,
 * @mentions and /commands, whose Latin tokens would count as question words no article holds
 * ("Хто такий Серджіо Гор? https://t.me/channel/123" was "not found"); a site named without a
 * path stays. Its HTML entities read as the characters they stand for ("AT&amp;T" is "AT&T",
 * "&laquo;схвалив&raquo;" is "«схвалив»"), as an article's are (decodeEntities), so that "amp"
 * or "laquo" is no question word either; read last, so that a "&lt;b&gt;" written out is the
 * text "<b>", never a tag taken out. A question without any of them comes back unchanged; one
 * made only of them, empty. Takes a message as typed (what it gives, read again, would have its
 * written-out "<b>" taken for a tag). Never applied to articles: their text is read as it is.
 * Only searched and read (and given to an LLM): every surface shows the question as typed, escaped.
 */
export function askedWords(question: string): string {
  const rest = decodeEntities(NOT_ASKED.reduce((text, pattern) => text.replace(pattern, " "), withoutTags(question)));
  return rest === question ? question : rest.trim();
}
