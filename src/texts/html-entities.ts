// HTML character entities ("&amp;", "&laquo;", "&#8217;", "&#x2014;") read as the characters they
// stand for, wherever text may hold them: an article (parse-article.ts, strip-markdown.ts), a
// question (own-words.ts), an LLM's reply (llm-answerer.ts). One reading for all of them, so a
// question's "&laquo;" finds an article's.

/**
 * An entity's pattern: a decimal (group 1), hexadecimal (group 2) or named one (group 3), for a
 * pass that reads entities with other marks (strip-markdown.ts) through `decodeEntity`. Its text,
 * not a RegExp: a shared global one would carry its lastIndex from one caller to the next.
 */
export const ENTITY_SOURCE = String.raw`&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]{2,8}));`;
const ENTITY = new RegExp(ENTITY_SOURCE, "g");
const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", shy: "",
  laquo: "«", raquo: "»", bdquo: "„", ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’",
  mdash: "—", ndash: "–", hellip: "…", minus: "−", times: "×", deg: "°", copy: "©", euro: "€", numero: "№",
};
// Soft hyphens, zero-width spaces and word joiners: dropped, as "&shy;" is (see parse-article.ts).
const INVISIBLE_FROM_ENTITY = /[\u00AD\u200B\u2060]/u;
// What an entity must not turn into: control and bidi-override characters (see parse-article.ts).
const NOT_FROM_ENTITY = /[\p{Cc}\p{Cs}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/u;

/**
 * Text with its HTML entities read ("&nbsp;", "&laquo;", "&#8217;"): what a page scraped to plain
 * text often keeps. An unknown name ("&foo;") and a bare "&" stay as written.
 */
export function decodeEntities(text: string): string {
  return text.includes("&") ? text.replace(ENTITY, decodeEntity) : text;
}

// An entity's start at the end of a text still being written ("&", "&mda", "&#82", "&#x2"); its name is group 1.
const ENTITY_START = /&(?:#[xX]?[0-9A-Fa-f]{0,7}|([A-Za-z]{0,8}))$/;

/**
 * A text still being written (a model's reply as it streams) without an entity's start at its
 * end, which `decodeEntities` would read as a character once whole ("Гор &mda" is "Гор " until
 * "sh;" makes it "Гор —"); "AT&T", whose "&T" starts no entity read, stays.
 */
export function entityStartOut(text: string): string {
  const start = ENTITY_START.exec(text);
  if (!start) return text;
  const name = start[1];
  const known = name === undefined || Object.keys(NAMED_ENTITIES).some((entity) => entity.startsWith(name));
  return known ? text.slice(0, start.index) : text;
}

/**
 * The character an HTML entity ("&amp;", "&#8470;", "&#x31;") stands for, from ENTITY's match and
 * groups; an unknown one stays as written.
 */
export function decodeEntity(entity: string, decimal?: string, hex?: string, name?: string): string {
  if (name !== undefined) return NAMED_ENTITIES[name] ?? entity;
  const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? "", 16);
  if (!(code > 0 && code <= 0x10ffff)) return entity;
  const char = String.fromCodePoint(code);
  // "будів&#173;ництва", "ста&#8203;діону": as invisible as "&shy;" (and as parse-article drops them written out).
  if (INVISIBLE_FROM_ENTITY.test(char)) return "";
  return NOT_FROM_ENTITY.test(char) ? entity : char;
}
