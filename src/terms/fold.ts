// Letters where Ukrainian and Russian spell the same sound differently fold into one: і/ї/и/ы/й
// and, with them, є/е/э/ё (Russian е is often Ukrainian і: лес/ліс, поезд/поїзд), and ґ/г; soft
// and hard signs carry no meaning for matching. Folding costs Ukrainian almost nothing (the
// 5-letter stems already merge far more) and lets "Центральной Азии" meet "Центральної Азії"
// (docs/quality.md, xling-dev). Words of three letters or fewer are neither stemmed nor folded
// (stem.ts): лісу and леса meet, ліс and лес do not.
const FOLD: Record<string, string> = { і: "и", ї: "и", ы: "и", й: "и", е: "и", є: "и", э: "и", ё: "и", ґ: "г", ь: "", ъ: "" };
const FOLDABLE = /[іїыйеєэёґьъ]/g;

/** Folds Ukrainian/Russian spelling differences in a lower-case Cyrillic word. */
export function foldCyrillic(word: string): string {
  return word.replace(FOLDABLE, (c) => FOLD[c] ?? c);
}
