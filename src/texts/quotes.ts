// Quotation marks a cut can leave open: a passage or title that ends inside a quotation reads as
// if the quote went on. Pairs used in Ukrainian, Russian and English texts.
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["«", "»"],
  ["„", "“"],
  ["“", "”"],
];

/**
 * Closes quotations left open in `text` (and opens ones closed without an opening), so a piece
 * cut out of an article never ends inside a quotation. Straight `"` are balanced by parity.
 */
export function closeQuotes(text: string): string {
  const { prefix, suffix } = quoteRepair(text);
  return `${prefix}${text}${suffix}`;
}

/** The marks to put before and after `text` so that its quotations are balanced. */
export function quoteRepair(text: string): { prefix: string; suffix: string } {
  let prefix = "";
  let suffix = "";
  for (const [open, close] of PAIRS) {
    // "„…“" (Ukrainian) and "“…”" (English) share "“": count it for the first pair only when "„" is used.
    if (open === "“" && text.includes("„")) continue;
    // Without "„", a "“" that has its "”" opens an English quotation, not closes a Ukrainian one.
    if (open === "„" && !text.includes("„") && text.includes("”")) continue;
    let depth = 0;
    let unopened = 0;
    for (const c of text) {
      if (c === open) depth++;
      else if (c === close) {
        if (depth > 0) depth--;
        else unopened++;
      }
    }
    prefix = open.repeat(unopened) + prefix;
    suffix += close.repeat(depth);
  }
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1) suffix += '"';
  return { prefix, suffix };
}

/**
 * `text` in the marks `open`…`close`, its own quotations balanced first (see closeQuotes). A text
 * that opens with a quotation mark ("«Занадто довго… регіон.", "“…”", "„…“", "\"…\"") keeps its
 * own marks, closed, and gets no second pair: "«Занадто довго… регіон.»", never "««Занадто…»".
 */
export function inQuotes(text: string, open: string, close: string): string {
  const balanced = closeQuotes(text);
  return /^[«„“"]/u.test(balanced) ? balanced : `${open}${balanced}${close}`;
}
