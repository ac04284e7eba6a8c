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
  "вул", "обл", "проф", "акад", "доц", "гр", "н", "е", "ел", "пп", "п", "с", "м", "дж", "ген",
  "mr", "mrs", "ms", "dr", "st", "vs", "etc", "no", "jr", "sr", "inc", "co", "ltd", "gen", "col", "lt",
  "rev", "prof", "mt", "ft", "fig", "approx", "e", "g", "i", "u", "s", "a", "d", "c", "b",
]);
const LAST_WORD = /(?:^|[^\p{L}])(\p{L}{1,5})\.$/u;

const segmenter = new Intl.Segmenter("uk", { granularity: "sentence" });

/** Splits text into trimmed sentences with their offsets. */
export function splitSentences(text: string): Sentence[] {
  const pieces: Sentence[] = [];
  let pending: { start: number; end: number } | null = null;
  for (const { segment, index } of segmenter.segment(text)) {
    const lead = segment.length - segment.trimStart().length;
    const trimmed = segment.trim();
    if (!trimmed) continue;
    const start: number = pending ? pending.start : index + lead;
    const end = index + lead + trimmed.length;
    if (endsWithAbbreviation(trimmed)) {
      pending = { start, end };
      continue;
    }
    pieces.push({ text: text.slice(start, end), start, end });
    pending = null;
  }
  if (pending) pieces.push({ text: text.slice(pending.start, pending.end), start: pending.start, end: pending.end });
  return pieces;
}

function endsWithAbbreviation(segment: string): boolean {
  const word = LAST_WORD.exec(segment)?.[1];
  if (!word) return false;
  // A single capital letter is an initial (Дж. Р. Р. Толкін); otherwise consult the list.
  return word.length === 1 || ABBREVIATIONS.has(word.toLowerCase());
}
