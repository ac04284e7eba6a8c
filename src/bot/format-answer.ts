import { citationsByArticle } from "../texts/citation-groups.js";
import { keepCitationMarkers } from "../texts/citation-marker.js";
import { plainQuote } from "../texts/footnote-mark.js";
import { type Answer, type Citation, type DatedArticle, MAX_URL } from "../knowledge-base/knowledge-base.js";
import { formatDay } from "../time/format-day.js";
import { listingHeading, listingMoreText, periodNotFoundText, TIME_TEXTS } from "../texts/time-texts.js";
import { searchUnavailableText, shownAnswer } from "../texts/answer-texts.js";
import { pickLang } from "../texts/lang.js";
import { pastListingText } from "../texts/pick-texts.js";
import { inQuotes } from "../texts/quotes.js";
import { BUTTON_TITLE_CHARS, LINE_TITLE_CHARS, shortTitle } from "../texts/short-title.js";
import { escapedLength, escapeHtml } from "./html.js";
import type { Lang } from "./messages.js";
import { messages } from "./messages.js";
import { packBlocks, splitPlainText, TELEGRAM_MESSAGE_LIMIT } from "./split-message.js";

/**
 * Only http(s) links become anchors; anything else (javascript:, odd schemes, huge) stays plain.
 * Articles keep no other url since parse-article.ts drops it, but an index built before that
 * still holds what its files said until they change (it is not rebuilt for this), so the anchor
 * checks again; and escaping for HTML is this surface's own length to measure.
 */
function safeUrl(url: string | null): string | null {
  if (!url || url.length > MAX_URL) return null;
  try {
    const parsed = new URL(url);
    // Measured again after parsing and escaping: percent-encoding (a Cyrillic slug) and "&amp;"
    // can make it several times longer, and a source line must fit in one message.
    if (escapedLength(parsed.href) > MAX_URL) return null;
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * One "n. title, date" line ("1, 3. title, date" for an article cited by several passages); the
 * title links to the article when it has a URL; the date in words with `lang`.
 */
export function formatSource(citation: Pick<Citation, "n" | "title" | "date" | "url">, lang?: Lang, numbers: readonly number[] = [citation.n]): string {
  const title = escapeHtml(shortTitle(citation.title || "—", LINE_TITLE_CHARS));
  const url = safeUrl(citation.url);
  const linked = url ? `<a href="${escapeHtml(url)}">${title}</a>` : title;
  const date = citation.date ? (lang ? formatDay(citation.date, lang) : citation.date) : null;
  return `${numbers.join(", ")}. ${linked}${date ? `, ${escapeHtml(date)}` : ""}`;
}

/**
 * /latest: the newest articles, numbered, with dates and links, as messages of at most `limit`.
 * Links may be 1000 characters each (a percent-encoded Cyrillic slug): one that no longer fits
 * in the message is left out (the title and date stay), as an inline answer's sources drop theirs.
 */
export function formatLatest(articles: readonly DatedArticle[], lang: Lang, limit: number = TELEGRAM_MESSAGE_LIMIT): string[] {
  if (articles.length === 0) return [escapeHtml(TIME_TEXTS[lang].noDatedArticles)];
  const heading = `<b>${escapeHtml(TIME_TEXTS[lang].latestHeading)}</b>`;
  let length = heading.length;
  const lines = articles.map((a, i) => {
    const source = { n: i + 1, title: a.title, date: a.date, url: a.url };
    const linked = formatSource(source, lang);
    const line = length + 1 + linked.length <= limit ? linked : formatSource({ ...source, url: null }, lang);
    length += 1 + line.length;
    return line;
  });
  return packBlocks([heading, ...lines], limit, "\n");
}

/**
 * Renders an answer as Telegram HTML messages (each at most `limit` UTF-16 code units, every
 * tag closed inside its message): the answer text with its [n] markers, then the sources.
 * A "not found" answer is short and suggests the closest titles instead.
 */
export function formatAnswer(answer: Answer, lang: Lang, limit: number = TELEGRAM_MESSAGE_LIMIT): string[] {
  if (answer.notFound) {
    // The nearest article is named in the one block of the message: its title clipped as a source's.
    const nearest = answer.nearest ? { nearest: { ...answer.nearest, title: shortTitle(answer.nearest.title, LINE_TITLE_CHARS) } } : {};
    const period = searchUnavailableText(lang, answer) ?? periodNotFoundText(lang, { ...answer, ...nearest }) ?? pastListingText(lang, answer);
    return packBlocks([period !== null ? escapeHtml(period) : messages.notFound(lang, answer.closestTitles)], limit);
  }
  if (answer.kind === "listing") {
    // A period's articles: the heading, then the list (title, date, link) as the sources, then how many more.
    const more = listingMoreText(lang, answer);
    return packBlocks([escapeHtml(listingHeading(lang, answer)), ...answer.citations.map((c) => formatSource(c, lang)), ...(more ? [escapeHtml(more)] : [])], limit, "\n");
  }
  const body = splitPlainText(shownAnswer(lang, answer), limit, escapedLength).map(escapeHtml);
  if (answer.citations.length === 0) return packBlocks(body, limit);
  return packBlocks([...body, ...formatSources(answer.citations, lang, limit)], limit);
}

// More sources than this are listed in a collapsed (expandable) blockquote.
const OPEN_SOURCES = 3;

/**
 * The "Sources" heading and one line per cited article, with the numbers of its cited passages;
 * a long list collapsed under the heading.
 */
export function formatSources(citations: Citation[], lang: Lang, limit: number = TELEGRAM_MESSAGE_LIMIT): string[] {
  const lines = citationsByArticle(citations).map((group) => formatSource(group[0]!, lang, group.map((c) => c.n)));
  if (lines.length <= OPEN_SOURCES) return packBlocks([messages.sourcesHeading(lang), ...lines], limit, "\n");
  const tags = ["<blockquote expandable>", "</blockquote>"] as const;
  const room = limit - tags[0].length - tags[1].length - messages.sourcesHeading(lang).length - 1;
  const lists = packBlocks(lines, room, "\n").map((list) => `${tags[0]}${list}${tags[1]}`);
  return packBlocks([messages.sourcesHeading(lang), ...lists], limit, "\n");
}

// Marks around a quote on a button, by the quote's own script.
const QUOTE_MARKS: Record<Lang, readonly [string, string]> = { uk: ["«", "»"], en: ["“", "”"] };

/**
 * A source button's label, "n · short title". An article cited by several passages would put the
 * same title on each of their buttons, which reads as a duplicate: those buttons show the opening
 * words of their own quote instead (the sources list names the article, "1, 2. title").
 */
export function sourceButtonLabel(citation: Citation, citations: readonly Citation[]): string {
  const shared = citations.some((c) => c.n !== citation.n && c.articleId === citation.articleId);
  const quote = plainQuote(citation.quote);
  if (!shared || !quote) return `${citation.n} · ${shortTitle(citation.title || "—")}`;
  const [open, close] = QUOTE_MARKS[pickLang({ text: quote })];
  // A quote that is itself a quotation ("«Занадто довго…»") keeps its marks, without a second pair.
  return `${citation.n} · ${inQuotes(shortTitle(quote, BUTTON_TITLE_CHARS - open.length - close.length), open, close)}`;
}

/**
 * The answer as one message of at most `limit` (an inline result is one message): when it does
 * not fit, the answer text is shortened at a sentence end (ending in "…") and the sources stay
 * whole, since an answer without its sources cannot be checked. Sources too long for one message
 * drop their links, then the last sources, whose [n] markers go from the text with them.
 */
export function formatAnswerMessage(answer: Answer, lang: Lang, limit: number = TELEGRAM_MESSAGE_LIMIT): string {
  const parts = formatAnswer(answer, lang, limit);
  if (parts.length <= 1 || answer.notFound) return parts[0] ?? "";
  if (answer.kind === "listing") {
    // A period's articles: as many as fit under the heading, with how many more there are.
    const heading = escapeHtml(listingHeading(lang, answer));
    const sources = answer.citations.map((c) => formatSource(c, lang));
    for (let shown = sources.length; shown >= 0; shown--) {
      const more = listingMoreText(lang, answer, shown);
      const text = [heading, ...sources.slice(0, shown), ...(more ? [escapeHtml(more)] : [])].join("\n");
      if (text.length <= limit) return text;
    }
    return heading;
  }
  const { sources, listed } = fittingSources(answer.citations, lang, limit);
  const separator = "\n\n";
  const ellipsis = " …";
  const room = limit - sources.length - separator.length - ellipsis.length;
  // A source left out is cited nowhere: a [n] whose source is not listed could not be checked.
  const text = shownAnswer(lang, answer, keepCitationMarkers(answer.answer, (n) => listed.some((c) => c.n === n)));
  const head = room > 1 ? (splitPlainText(text, room, escapedLength)[0] ?? "") : "";
  const shortened = head.length < text.trim().length ? `${escapeHtml(head)}${ellipsis}` : escapeHtml(head);
  return head ? `${shortened}${separator}${sources}` : sources;
}

/**
 * The sources as one block of at most `limit` (with links if they fit, else without, else as many
 * as fit), and the citations it lists.
 */
function fittingSources(citations: Citation[], lang: Lang, limit: number): { sources: string; listed: Citation[] } {
  const withLinks = formatSources(citations, lang, limit);
  if (withLinks.length === 1) return { sources: withLinks[0]!, listed: citations };
  const unlinked = citations.map((c) => ({ ...c, url: null }));
  for (let count = unlinked.length; count > 0; count--) {
    const listed = unlinked.slice(0, count);
    const block = formatSources(listed, lang, limit);
    if (block.length === 1) return { sources: block[0]!, listed };
  }
  return { sources: messages.sourcesHeading(lang), listed: [] };
}
