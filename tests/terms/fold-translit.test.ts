import { describe, expect, it } from "vitest";
import { foldCyrillic } from "../../src/terms/fold.js";
import { tokenize, words } from "../../src/terms/tokenize.js";
import { createTransliterator, cyrillicKey, latinKeys } from "../../src/terms/translit.js";

describe("Russian and Ukrainian spellings", () => {
  it("fold onto the same letters", () => {
    expect(foldCyrillic("центральної азії")).toBe(foldCyrillic("центральной азии"));
  });

  it.each([
    ["Центральної Азії", "Центральной Азии"],
    ["Сполучені Штати", "Соединённые Штаты"],
    ["гугенотів", "гугенотов"],
    ["енергії", "энергии"],
    // Russian е where Ukrainian has і (the old ѣ): folded onto one letter too.
    ["лісу", "леса"],
    ["поїзд", "поезд"],
  ])("%s and %s share their last term", (uk, ru) => {
    expect(tokenize(uk).at(-1)).toBe(tokenize(ru).at(-1));
  });

  it("drops Russian function words", () => {
    expect(tokenize("Какой это был год?")).toEqual(tokenize("год"));
  });
});

describe("transliteration", () => {
  it.each([
    ["sergio", "Серджіо"],
    ["bishkek", "Бішкеку"],
    ["vynohradar", "Виноградар"],
    ["kyiv", "Київ"],
    ["kharkiv", "Харкові"],
    // A place name's і in the nominative is о once an ending follows.
    ["lviv", "Львові"],
    ["lviv", "Львова"],
    ["ternopil", "Тернополі"],
    // "ch" is ч, not a c read as k before an h.
    ["shevchenko", "Шевченко"],
    ["chernihiv", "Чернігові"],
    ["cherkasy", "Черкаси"],
    ["kravchuk", "Кравчук"],
    // … and also х, as it was read before.
    ["michael", "Михайло"],
  ])("%s meets %s", (latin, cyrillic) => {
    const vocabulary = tokenize(cyrillic);
    expect(createTransliterator(vocabulary).cyrillic(latin)).toEqual(vocabulary);
  });

  it("keys fold the romanisations' disagreements", () => {
    expect(latinKeys("kiev")).toContain(cyrillicKey("київ"));
    expect(latinKeys("sergio")).toContain(cyrillicKey("серджіо"));
  });

  it("runs past a Ukrainian stem that was not cut only by an ending", () => {
    // "штат" (of "Сполучені Штати") is a whole stem, not five letters of a longer word: "station"
    // is not it plus an ending, and an English question about a station did quote the US.
    const t = createTransliterator(tokenize("Сполучені Штати Харків Андрій Одесі Суми"));
    expect(t.cyrillic("station")).toEqual([]);
    expect(t.cyrillic("odessa")).toEqual(tokenize("Одесі"));
    expect(t.cyrillic("sumy")).toEqual(tokenize("Суми"));
    expect(t.cyrillic("kharkov")).toEqual(tokenize("Харків"));
    expect(t.cyrillic("andriy")).toEqual(tokenize("Андрій"));
  });

  it("finds nothing for unrelated words or non-Latin input", () => {
    const t = createTransliterator(tokenize("Бішкек форум посол"));
    expect(t.cyrillic("meet")).toEqual([]);
    expect(t.cyrillic("бішке")).toEqual([]);
  });
});

describe("Latin accents and possessives", () => {
  it("drop, so questions typed without them meet the text", () => {
    expect(tokenize("Möngke Khan")).toEqual(tokenize("Mongke Khan"));
    expect(tokenize("Ögedei's wife")).toEqual(tokenize("Ogedei wife"));
    expect(tokenize("naïve café")).toEqual(tokenize("naive cafe"));
  });

  it("leave Cyrillic й and ї alone (letters of their own, not и and і with marks)", () => {
    expect(words("Київ, мій край")).toEqual(["київ", "мій", "край"]);
  });
});
