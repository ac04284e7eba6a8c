import { quoteRepair } from "../texts/quotes.js";
import { untabbed } from "../texts/untabbed.js";
import { clip } from "./clip.js";
import { escapedLength, escapeHtml } from "./html.js";
import { packBlocks, splitPlainText, TELEGRAM_MESSAGE_LIMIT } from "./split-message.js";

// Room kept in a message for "<blockquote expandable>" and "</blockquote>".
const QUOTE_TAGS = "<blockquote expandable></blockquote>".length;
// A cited sentence longer than this is shown clipped in bold (the passage still has all of it).
const MAX_BOLD = 1500;

/** `text` as expandable blockquotes, each fitting in a message. */
export function expandableQuotes(text: string, limit: number = TELEGRAM_MESSAGE_LIMIT): string[] {
  return splitPlainText(text, limit - QUOTE_TAGS, escapedLength).map((piece) => `<blockquote expandable>${escapeHtml(piece)}</blockquote>`);
}

/**
 * The passage behind a source as Telegram HTML messages: `header` once, then the text before the
 * cited sentence (collapsed), the cited sentence in bold, and the text after it (collapsed).
 * Nothing is shown twice; a quotation the passage's edges cut is closed (or opened).
 */
export function passageView(header: string, text: string, quote: { start: number; end: number } | undefined, limit: number = TELEGRAM_MESSAGE_LIMIT): string[] {
  const { prefix, suffix } = quoteRepair(text);
  const valid = quote && quote.start >= 0 && quote.end <= text.length && quote.end > quote.start && !(quote.start === 0 && quote.end === text.length);
  const blocks = [header];
  if (!valid) {
    blocks.push(...expandableQuotes(`${prefix}${untabbed(text)}${suffix}`, limit));
  } else {
    // Cut by the offsets into the stored text, then shown without its tabs.
    const before = untabbed(text.slice(0, quote.start)).trim();
    const cited = untabbed(text.slice(quote.start, quote.end)).trim();
    const after = untabbed(text.slice(quote.end)).trim();
    if (before) blocks.push(...expandableQuotes(`${prefix}${before}`, limit));
    blocks.push(`<b>${escapeHtml(clip(before ? cited : `${prefix}${cited}`, MAX_BOLD))}${after ? "" : escapeHtml(suffix)}</b>`);
    if (after) blocks.push(...expandableQuotes(`${after}${suffix}`, limit));
  }
  return packBlocks(blocks, limit, "\n");
}
