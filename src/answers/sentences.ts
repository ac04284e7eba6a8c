// Sentence splitting with exact offsets, for quoting. ICU's sentence segmenter (Intl.Segmenter)
// handles punctuation and quotes in both languages but breaks after every abbreviation
// ("1643 р.", "Дж. Р. Р. Толкін", "Mr. Smith"), so such pieces are glued back on.

/** A sentence and its offsets in the text it was cut from (`text.slice(start, end) === sentence.text`). */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

// Lower-cased short words that usually end with a dot without ending the sentence.
const ABBREVIATIONS = new Set([
  "р", "рр", "ст", "т", "зв", "див", "напр", "ін", "інш", "тис", "млн", "млрд", "грн", "км", "ім", "св",
  "вул", "пл", "просп", "пров", "бульв", "смт", "обл", "проф", "акад", "доц", "гр", "н", "е", "ел", "пп", "п", "с", "м", "дж", "ген",
  "mr", "mrs", "ms", "dr", "st", "vs", "etc", "no", "jr", "sr", "inc", "co", "ltd", "gen", "col", "lt",
  "rev", "prof", "mt", "ft", "fig", "approx", "e", "g", "i", "u", "s", "a", "d", "c", "b",
]);
const LAST_WORD = /(?:^|[^\p{L}])(\p{L}{1,5})\.$/u;
// Of those, the ones that follow what they qualify ("45 млн грн.", "в Одеській обл."): ICU cuts
// after them only before a capital, and a capitalised word there starts the next sentence
// ("…45,5 млн грн. Робота терміналу…"), and so does a one-letter one ("…обл. У порту…", "…грн. В
// Ізмаїлі…"). An acronym or a number after them does not ("50 тис. ВПО"), nor an initial ("Т.").
const TRAILING = new Set(["тис", "млн", "млрд", "грн", "км", "обл", "ін", "інш", "etc"]);
const STARTS_SENTENCE = /^[^\p{L}\p{N}]*\p{Lu}(?:\p{Ll}|\s)/u;

const segmenter = new Intl.Segmenter("uk", { granularity: "sentence" });

/** How much text one `Intl.Segmenter` call sees (see `segmentsOf`). */
export const SEGMENT_WINDOW = 8_192;

/** Splits text into trimmed sentences with their offsets; time is linear in the text's length. */
export function splitSentences(text: string, window: number = SEGMENT_WINDOW): Sentence[] {
  const pieces: Sentence[] = [];
  let pending: { start: number; end: number } | null = null;
  for (const { segment, index } of segmentsOf(text, window)) {
    const lead = segment.length - segment.trimStart().length;
    const trimmed = segment.trim();
    if (!trimmed) continue;
    if (pending && endsSentence(text.slice(pending.start, pending.end), trimmed)) {
      pieces.push({ text: text.slice(pending.start, pending.end), start: pending.start, end: pending.end });
      pending = null;
    }
    const start: number = pending ? pending.start : index + lead;
    const end = index + lead + trimmed.length;
    if (endsWithAbbreviation(trimmed) || endsInsideLink(segment)) {
      pending = { start, end };
      continue;
    }
    pieces.push({ text: text.slice(start, end), start, end });
    pending = null;
  }
  if (pending) pieces.push({ text: text.slice(pending.start, pending.end), start: pending.start, end: pending.end });
  return reattachFootnotes(text, pieces.flatMap((piece) => splitAfterEllipses(text, piece)));
}

// An ellipsis character, with what closes after it, before a capitalised word (maybe in quotes),
// or before citation markers and then one ("Гор виступив… [1][2] Він…"): the markers start the
// next piece, as ICU leaves them after "...", and the reply's reading gives them back to this one.
const ELLIPSIS_BREAK = /…[»"”“’)\]]*(?=(?:\s*\[\s*\d{1,3}(?:\s*[,;–—-]\s*\d{1,3})*\s*\])*\s+[«„“"'(]?\p{Lu})/gu;

/**
 * ICU ends a sentence at "..." before a capital but never at "…" (U+2026), which news text and
 * phones type instead: "Просять бути обережними… Ми відкрили пункти" is cut there too, as
 * "обережними... Ми" is. Before a small letter, a dash or a number it goes on ("Він сказав, що… ну").
 */
function splitAfterEllipses(text: string, piece: Sentence): Sentence[] {
  if (!piece.text.includes("…")) return [piece];
  const out: Sentence[] = [];
  let start = piece.start;
  for (const match of piece.text.matchAll(ELLIPSIS_BREAK)) {
    const end = piece.start + match.index + match[0].length;
    out.push({ text: text.slice(start, end), start, end });
    start = end;
    while (start < piece.end && /\s/.test(text[start] ?? "")) start++;
  }
  if (start < piece.end) out.push({ text: text.slice(start, piece.end), start, end: piece.end });
  return out;
}

// The rest of a footnote mark ICU cut after its "[": "2]", "12][13]".
const FOOTNOTE_REST = /^[\p{L}\p{N}]{1,3}\](?:\[[\p{L}\p{N}]{1,3}\])*/u;

/**
 * ICU breaks "1961.[2] He led" after the bracket ("1961.[" | "2] He led"): the mark goes back
 * onto the sentence it annotates, so no quote ends on "[" or starts with "2]".
 */
function reattachFootnotes(text: string, pieces: Sentence[]): Sentence[] {
  const out: Sentence[] = [];
  for (const piece of pieces) {
    const previous = out.at(-1);
    const rest = previous?.text.endsWith("[") ? FOOTNOTE_REST.exec(piece.text) : null;
    if (!previous || !rest) {
      out.push(piece);
      continue;
    }
    previous.end = piece.start + rest[0].length;
    previous.text = text.slice(previous.start, previous.end);
    const after = piece.text.slice(rest[0].length);
    const start = piece.end - after.trimStart().length;
    if (start < piece.end) out.push({ text: text.slice(start, piece.end), start, end: piece.end });
  }
  return out;
}

/**
 * ICU's sentence segments of `text`, computed window by window. Iterating one segmenter over a
 * long text costs time quadratic in its length in V8 (a 360 KB reply took 6.7 s; 45 KB, 17 ms),
 * so each call sees at most about `window` characters: the window ends just after a letter (a
 * sentence break's look-ahead never runs past a letter, so every break before it is the one the
 * whole text would give), its last segment, possibly cut, is dropped and segmented again at the
 * start of the next window. A sentence longer than a window doubles the window until it fits.
 */
function* segmentsOf(text: string, window: number): Generator<{ segment: string; index: number }> {
  let from = 0;
  let size = window;
  while (from < text.length) {
    const end = windowEnd(text, from, size);
    let last: Intl.SegmentData | undefined;
    const held: Intl.SegmentData[] = [];
    for (const data of segmenter.segment(text.slice(from, end))) {
      if (last) held.push(last);
      last = data;
    }
    if (end >= text.length || !last) {
      for (const data of held) yield { segment: data.segment, index: from + data.index };
      if (last) yield { segment: last.segment, index: from + last.index };
      return;
    }
    if (held.length === 0) {
      size *= 2; // one sentence fills the whole window: look further
      continue;
    }
    for (const data of held) yield { segment: data.segment, index: from + data.index };
    from += last.index;
    size = window;
  }
}

/** Where a window starting at `from` should end: just after the last letter in its second half. */
function windowEnd(text: string, from: number, size: number): number {
  const end = from + size;
  if (end >= text.length) return text.length;
  for (let i = end; i > from + size / 2; i--) {
    if (LETTER.test(text[i - 1]!)) return i;
  }
  return end;
}
const LETTER = /\p{L}/u;

// Where a link starts; looked for only in a segment's last run of non-spaces (see endsInsideLink).
const LINK_START = /https?:\/\/|www\./i;
const SPACE = /\s/u;

/**
 * Whether ICU cut `segment` inside a link: it breaks after the "?" of a query string or a "!" in
 * a path as after a question, and a quote ending there gave a link that leads elsewhere. The last
 * run of non-spaces is found first: `/(?:https?:\/\/|www\.)\S*$/` read a run to its end from each
 * "www." in it, and a 512 KB run of them took over two minutes to chunk.
 */
function endsInsideLink(segment: string): boolean {
  let from = segment.length;
  while (from > 0 && !SPACE.test(segment[from - 1]!)) from--;
  return LINK_START.test(segment.slice(from));
}

/** Whether `previous`, ending with an abbreviation, still ends its sentence because `next` starts one. */
function endsSentence(previous: string, next: string): boolean {
  const word = LAST_WORD.exec(previous)?.[1];
  return word !== undefined && TRAILING.has(word.toLowerCase()) && STARTS_SENTENCE.test(next);
}

/** Whether `segment` ends with an abbreviation's or an initial's dot ("1643 р.", "Дж."), not a full stop. */
export function endsWithAbbreviation(segment: string): boolean {
  const match = LAST_WORD.exec(segment);
  const word = match?.[1];
  if (!match || !word) return false;
  // A single capital letter is an initial (Дж. Р. Р. Толкін), unless it follows a degree sign
  // ("–18 °C." ends the sentence); otherwise consult the list.
  if (word.length === 1 && /°\s?$/u.test(segment.slice(0, match.index + match[0].length - 2))) return false;
  return word.length === 1 || ABBREVIATIONS.has(word.toLowerCase());
}
