import { describe, expect, it } from "vitest";
import { tokenize, words } from "../../src/terms/tokenize.js";

describe("tokenize", () => {
  it("treats every apostrophe look-alike inside a word the same", () => {
    const forms = ["пов'язані", "пов’язані", "повʼязані", "пов`язані"].map((w) => tokenize(w));
    expect(new Set(forms.map((f) => f.join(" "))).size).toBe(1);
    expect(forms[0]).toHaveLength(1);
  });

  it("folds case and Unicode compatibility forms", () => {
    expect(tokenize("КИЇВ")).toEqual(tokenize("київ"));
    expect(tokenize("ＡＢＣ ﬁnance")).toEqual(tokenize("abc finance"));
    expect(words("насе́лення")).toEqual(["населення"]);
  });

  it("stems Ukrainian inflections onto one term", () => {
    const stems = ["Людовик", "Людовика", "Людовику", "Людовиком"].map((w) => tokenize(w)[0]);
    expect(new Set(stems).size).toBe(1);
    expect(tokenize("господарства")).toEqual(tokenize("господарстві"));
    expect(tokenize("гугенотів")).toEqual(tokenize("гугеноти"));
  });

  it("stems English plurals and tenses", () => {
    expect(tokenize("settlers")).toEqual(tokenize("settler"));
    expect(tokenize("countries")).toEqual(tokenize("country"));
    expect(tokenize("caused")).toEqual(tokenize("causes"));
  });

  it("drops stop words and punctuation but keeps numbers", () => {
    expect(tokenize("Хто зійшов на трон у 1643 році?")).toContain("1643");
    expect(tokenize("Хто що як the of?!")).toEqual([]);
    expect(tokenize("…!?")).toEqual([]);
  });

  it("reads a number written in groups of thousands as one number, however it is grouped", () => {
    const plain = ["10000", "грн"];
    expect(tokenize("10 000 грн")).toEqual(plain);
    expect(tokenize("10\u00a0000 грн")).toEqual(plain); // no-break space
    expect(tokenize("10\u202f000 грн")).toEqual(plain); // narrow no-break space
    expect(tokenize("10,000 грн")).toEqual(plain);
    expect(words("1 500 000 доларів")).toEqual(["1500000", "доларів"]);
    // Not groups of thousands: years in a row, a decimal, a date, a list.
    expect(words("у 2014 2015 роках")).toEqual(["у", "2014", "2015", "роках"]);
    expect(words("45,5 млн")).toEqual(["45", "5", "млн"]);
    expect(words("1 січня 2023")).toEqual(["1", "січня", "2023"]);
    expect(words("рейси 123, 456")).toEqual(["рейси", "123", "456"]);
    // Phone numbers.
    expect(words("+38 067 123 45 67")).toEqual(["38", "067", "123", "45", "67"]);
    expect(words("044 123 456")).toEqual(["044", "123", "456"]);
    // A decimal part after the groups stays apart, the whole part joined.
    expect(words("1 000 000,50 грн")).toEqual(["1000000", "50", "грн"]);
    expect(words("1,500.5")).toEqual(["1500", "5"]);
  });

  it("leaves the question frame out of the terms: \"Хто такий X?\" and \"Кто такой X?\" ask about X alone", () => {
    expect(tokenize("Хто такий Серджіо Гор?")).toEqual(tokenize("Серджіо Гор"));
    expect(tokenize("Що таке форум B5+1?")).toEqual(tokenize("форум B5+1"));
    expect(tokenize("Кто такой Серджио Гор?")).toEqual(tokenize("Серджио Гор"));
  });

  it("reads a word mixing look-alike Latin and Cyrillic letters as the word typed in one script", () => {
    // Latin K, X, i, O, A inside Cyrillic words, as scraped and pasted text has them.
    expect(tokenize("Kиїв Xарків мiсто OДA")).toEqual(tokenize("Київ Харків місто ОДА"));
    expect(words("Украi\u0308на")).toEqual(["україна"]);
    // Cyrillic о and і inside Latin words.
    expect(words("Micrоsoft Bіden")).toEqual(["microsoft", "biden"]);
    // A word in one script stays as it is, and so does one whose letters have no look-alike.
    expect(words("Cola Кола")).toEqual(["cola", "кола"]);
    expect(words("Wiдок")).toEqual(["wiдок"]);
  });

  it("reads a word with a soft hyphen, zero-width space or joiner inside as one word", () => {
    expect(tokenize("будів\u00ADництва ста\u200Bдіону інвес\u200Dтор пере\u2060говори")).toEqual(tokenize("будівництва стадіону інвестор переговори"));
  });

  it("splits hyphenated names into their parts", () => {
    expect(tokenize("Нью-Йорка")).toEqual(tokenize("Нью Йорк"));
  });
});
