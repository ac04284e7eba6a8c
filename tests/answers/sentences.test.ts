import { describe, expect, it, vi } from "vitest";
import { SEGMENT_WINDOW, splitSentences } from "../../src/answers/sentences.js";

describe("splitSentences", () => {
  it("keeps exact offsets and glues abbreviations and initials back on", () => {
    const text = "  Дж. Р. Р. Толкін написав книгу у 1937 р. та інші.  Mr. Smith went to Washington! Що далі?";
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      "Дж. Р. Р. Толкін написав книгу у 1937 р. та інші.",
      "Mr. Smith went to Washington!",
      "Що далі?",
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("keeps a footnote or citation mark after the stop with its sentence (ICU cuts after the bracket)", () => {
    const text = "Він народився в Бішкеку.[2] Учора він прибув.[3][14] Далі. Гор зустрівся з президентом.[1] Кінець.";
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual(["Він народився в Бішкеку.[2]", "Учора він прибув.[3][14]", "Далі.", "Гор зустрівся з президентом.[1]", "Кінець."]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
  it("does not end a sentence inside a link (ICU breaks after the \"?\" of a query string)", () => {
    const text = "Подробиці на https://kyivcity.gov.ua/news?id=42&lang=uk та www.example.org/a!b=1 у розділі. Далі? Так.";
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual(["Подробиці на https://kyivcity.gov.ua/news?id=42&lang=uk та www.example.org/a!b=1 у розділі.", "Далі?", "Так."]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe("splitSentences on Ukrainian news", () => {
  const texts = (text: string) => splitSentences(text).map((s) => s.text);

  it("keeps a square's name with its abbreviation («на пл. Ринок»)", () => {
    expect(texts("У Львові на пл. Ринок відбувся фестиваль. Його відвідали 40 тис. людей.")).toEqual([
      "У Львові на пл. Ринок відбувся фестиваль.",
      "Його відвідали 40 тис. людей.",
    ]);
  });

  it("ends a sentence after degrees Celsius: «°C.» is a unit, not an initial", () => {
    expect(texts("Температура знизилася до –18,5 °C. Київтеплоенерго повідомило про рекорд.")).toEqual([
      "Температура знизилася до –18,5 °C.",
      "Київтеплоенерго повідомило про рекорд.",
    ]);
  });

  it("ends a sentence after a sum or an oblast when the next one starts, but not before an acronym or a number", () => {
    expect(texts("Збитки оцінюють у 45,5 млн грн. Робота терміналу відновиться. Дрони атакували порт в Одеській обл. Пошкоджено склади.")).toEqual([
      "Збитки оцінюють у 45,5 млн грн.",
      "Робота терміналу відновиться.",
      "Дрони атакували порт в Одеській обл.",
      "Пошкоджено склади.",
    ]);
    expect(texts("Допомогу отримали понад 50 тис. ВПО з області. Далі.")).toEqual(["Допомогу отримали понад 50 тис. ВПО з області.", "Далі."]);
  });

  it("ends a sentence after a sum or an oblast when the next one starts with a one-letter word («У», «В»)", () => {
    expect(texts("Збитки оцінюють у 45,5 млн грн. У порту пошкоджено склади. Удару зазнала Одеська обл. В Ізмаїлі горіли склади.")).toEqual([
      "Збитки оцінюють у 45,5 млн грн.",
      "У порту пошкоджено склади.",
      "Удару зазнала Одеська обл.",
      "В Ізмаїлі горіли склади.",
    ]);
    // An initial after such a word is no sentence start.
    expect(texts("Зібрали 5 тис. Т. Шевченко допоміг. Далі.")).toEqual(["Зібрали 5 тис. Т. Шевченко допоміг.", "Далі."]);
  });

  it("ends a sentence at an ellipsis character «…» before a capital, as at «...»", () => {
    const text = "Жителів просять бути обережними… «Ми відкрили пункти обігріву», — сказав він. Чекали… Потім пішли.";
    expect(splitSentences(text).map((s) => [s.text, text.slice(s.start, s.end)])).toEqual([
      ["Жителів просять бути обережними…", "Жителів просять бути обережними…"],
      ["«Ми відкрили пункти обігріву», — сказав він.", "«Ми відкрили пункти обігріву», — сказав він."],
      ["Чекали…", "Чекали…"],
      ["Потім пішли.", "Потім пішли."],
    ]);
    expect(texts("Він сказав, що… ну, не знаю. Чекали… 5 років.")).toEqual(["Він сказав, що… ну, не знаю.", "Чекали… 5 років."]);
  });
});

describe("splitSentences on long texts", () => {
  const unit = "Україна ухвалила закон про освіту [1]. Він набирає чинності в березні, пише т. зв. преса [2]. Mr. Smith agreed! ";

  it("gives the same sentences window by window as over the whole text", () => {
    const text = `${unit.repeat(40)}\n\n${"Дуже довге речення без крапки ".repeat(60)}. ${unit.repeat(10)}`;
    const whole = splitSentences(text, Number.POSITIVE_INFINITY);
    expect(whole.length).toBeGreaterThan(100);
    for (const window of [64, 300, 1_000]) expect(splitSentences(text, window)).toEqual(whole);
  });

  it("is linear in size: a 360 KB reply reaches the segmenter in bounded windows", () => {
    // Iterating one Intl.Segmenter over a whole long text is quadratic in V8 (360 KB: ~7 s).
    const text = unit.repeat(Math.ceil((360 * 1024) / unit.length));
    const segment = vi.spyOn(Intl.Segmenter.prototype, "segment");
    try {
      const sentences = splitSentences(text);
      expect(sentences.length).toBeGreaterThan(9_000);
      const sizes = segment.mock.calls.map(([input]) => input.length);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(SEGMENT_WINDOW);
      // Each character is segmented about once (a held-back last sentence twice), not once per sentence.
      expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(1.1 * text.length);
    } finally {
      segment.mockRestore();
    }
  });

  it("reads a 512 KB run of link starts once, not once per link start", () => {
    // One run of non-spaces ends no sentence, so ICU gives it as one segment: looking for a link
    // from each "www." in it, the run was read to its end each time (over two minutes). The bound is
    // this test's timeout, far from either (a few milliseconds now).
    const text = `${"www.".repeat(128 * 1024)} кінець.`;
    expect(splitSentences(text).map((s) => s.text)).toEqual([text]);
  }, 5_000);
});
