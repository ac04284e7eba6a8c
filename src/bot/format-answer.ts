import type { Answer, Citation } from "../knowledge-base/knowledge-base.js";
import { clip } from "./clip.js";
import { escapedLength, escapeHtml } from "./html.js";
import type { Lang } from "./messages.js";
import { messages } from "./messages.js";
import { packBlocks, splitPlainText, TELEGRAM_MESSAGE_LIMIT } from "./split-message.js";

const MAX_TITLE = 200;
const MAX_URL = 1000;

/** Only http(s) links become anchors; anything else (javascript:, odd schemes, huge) stays plain. */
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

/** One "n. title, date" line; the title links to the article when it has a URL. */
export function formatSource(citation: Pick<Citation, "n" | "title" | "date" | "url">): string {
  const title = escapeHtml(clip(citation.title || "—", MAX_TITLE));
  const url = safeUrl(citation.url);
  const linked = url ? `<a href="${escapeHtml(url)}">${title}</a>` : title;
  return `${citation.n}. ${linked}${citation.date ? `, ${escapeHtml(citation.date)}` : ""}`;
}

/**
 * Renders an answer as Telegram HTML messages (each at most `limit` UTF-16 code units, every
 * tag closed inside its message): the answer text with its [n] markers, then the sources.
 * A "not found" answer is short and suggests the closest titles instead.
 */
export function formatAnswer(answer: Answer, lang: Lang, limit: number = TELEGRAM_MESSAGE_LIMIT): string[] {
  if (answer.notFound) return packBlocks([messages.notFound(lang, answer.closestTitles)], limit);
  const body = splitPlainText(answer.answer, limit, escapedLength).map(escapeHtml);
  if (answer.citations.length === 0) return packBlocks(body, limit);
  const sources = packBlocks([messages.sourcesHeading(lang), ...answer.citations.map(formatSource)], limit, "\n");
  return packBlocks([...body, ...sources], limit);
}
