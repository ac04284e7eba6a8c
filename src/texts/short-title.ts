import { headOf } from "../bot/clip.js";

/** Longest title on a source button, in characters (a phone shows about this much). */
export const BUTTON_TITLE_CHARS = 40;

/**
 * Longest title in a line of a message (a source, a passage's header, a closest article): front
 * matter titles have no length limit, and three of them must fit in one message once escaped.
 */
export const LINE_TITLE_CHARS = 200;

/**
 * `title` cut to at most `max` characters after a whole word ("…" marks the cut), for places as
 * small as a button. A single word longer than `max` is cut inside it, between whole characters
 * (half an emoji is no text: Telegram refuses the message whose button carries it).
 */
export function shortTitle(title: string, max: number = BUTTON_TITLE_CHARS): string {
  const clean = title.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  const head = (space > max / 3 ? cut.slice(0, space) : headOf(clean, max - 1)).replace(/[\s,;:.–—-]+$/u, "");
  return `${head}…`;
}
