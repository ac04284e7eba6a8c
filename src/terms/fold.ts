// Letters where Ukrainian and Russian spell the same sound differently (і/ї/и/ы/й, є/е/э/ё, ґ/г)
// fold into one; soft and hard signs carry no meaning for matching. Folding costs Ukrainian
// almost nothing (the 5-letter stems already merge far more) and lets "Центральной Азии" meet
// "Центральної Азії" (docs/quality.md, xling-dev).
const FOLD: Record<string, string> = { і: "и", ї: "и", ы: "и", й: "и", е: "и", є: "и", э: "и", ё: "и", ґ: "г", ь: "", ъ: "" };
const FOLDABLE = /[іїыйеєэёґьъ]/g;

/** Folds Ukrainian/Russian spelling differences in a lower-case Cyrillic word. */
export function foldCyrillic(word: string): string {
  return word.replace(FOLDABLE, (c) => FOLD[c] ?? c);
}
