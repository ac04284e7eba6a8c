import { describe, expect, it } from "vitest";
import { addDays, isoDay, makeDay, weekday } from "../../src/time/calendar.js";
import { TIME_TEXTS } from "../../src/texts/time-texts.js";
import { hasTime, parseTimeSpan, topicOf } from "../../src/time/time-span.js";

// Wednesday 4 February 2026, late morning in Kyiv.
const NOW = new Date("2026-02-04T10:00:00Z");
const span = (q: string, now = NOW) => parseTimeSpan(q, now);
const range = (q: string, now = NOW) => {
  const s = span(q, now);
  return [s.from, s.to];
};

describe("calendar", () => {
  it("reads today in the given zone, not the machine's", () => {
    expect(isoDay(new Date("2026-02-04T23:30:00Z"), "Europe/Kyiv")).toBe("2026-02-05");
    expect(isoDay(new Date("2026-02-04T23:30:00Z"), "UTC")).toBe("2026-02-04");
  });
  it("rejects days that do not exist and counts across months and years", () => {
    expect(makeDay(2026, 2, 29)).toBeNull();
    expect(makeDay(2024, 2, 29)).toBe("2024-02-29");
    // There is no year 0, and years under 100 are not the 1900s.
    expect(makeDay(0, 1, 1)).toBeNull();
    expect(makeDay(25, 3, 4)).toBe("0025-03-04");
    expect(makeDay(1, 1, 1)).toBe("0001-01-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(weekday("2026-02-04")).toBe(2); // Wednesday
  });
});

describe("parseTimeSpan: exact days", () => {
  it.each([
    ["Що сталося 10 лютого 2026?", "2026-02-10"],
    ["Що сталося 10.02.2026?", "2026-02-10"],
    ["What happened on 2026-01-15?", "2026-01-15"],
    ["Что было 3 февраля?", "2026-02-03"],
    ["What happened on February 3?", "2026-02-03"],
    ["What happened on 3 February 2026?", "2026-02-03"],
    ["Що було 3-го лютого?", "2026-02-03"],
    ["Що було 03.02?", "2026-02-03"],
  ])("%s → %s", (q, day) => {
    expect(range(q)).toEqual([day, day]);
    expect(span(q).absolute).toBe(true);
  });
  it("a day without a year is the latest one not after today", () => {
    expect(range("Що сталося 10 лютого?")).toEqual(["2025-02-10", "2025-02-10"]);
    expect(range("What happened on February 10?", new Date("2026-03-01T12:00:00Z"))).toEqual(["2026-02-10", "2026-02-10"]);
  });
  it("29 February without a year is the last one there was, not the whole month", () => {
    expect(range("Що було 29 лютого?")).toEqual(["2024-02-29", "2024-02-29"]);
    expect(range("What happened on February 29?", new Date("2028-03-01T12:00:00Z"))).toEqual(["2028-02-29", "2028-02-29"]);
    expect(range("Что было 29 февраля?", new Date("2028-02-28T12:00:00Z"))).toEqual(["2024-02-29", "2024-02-29"]);
  });
  it.each([
    ["що було 31 лютого?", { day: 31, month: 2, year: null }],
    ["Что писали о метро 30 февраля?", { day: 30, month: 2, year: null }],
    ["Що було 29 лютого 2026 року?", { day: 29, month: 2, year: 2026 }],
    ["What happened on February 30?", { day: 30, month: 2, year: null }],
    // A question of time alone reads the month first as "30 February" is read, with or without "on".
    ["February 30", { day: 30, month: 2, year: null }],
    ["What happened February 30?", { day: 30, month: 2, year: null }],
    ["Feb 30?", { day: 30, month: 2, year: null }],
    ["What happened on 31 April 2025?", { day: 31, month: 4, year: 2025 }],
    ["What happened on June 31st?", { day: 31, month: 6, year: null }],
    ["що було 32 листопада?", { day: 32, month: 11, year: null }],
    ["Що писали 0 листопада 2025 року?", { day: 0, month: 11, year: 2025 }],
    ["Що сталося 45 березня?", { day: 45, month: 3, year: null }],
    ["Что было 32 ноября?", { day: 32, month: 11, year: null }],
    ["What happened on November 32?", { day: 32, month: 11, year: null }],
    ["What happened on 0 November?", { day: 0, month: 11, year: null }],
    ["What happened 32nd of May?", { day: 32, month: 5, year: null }],
  ])("%s names a day that does not exist, not its month", (q, day) => {
    expect(span(q)).toMatchObject({ noSuchDay: day, from: null, to: null, matches: [] });
  });
  it("a count after an English month, or before 'may' or 'march' (verbs too), is not a day", () => {
    expect(span("How many died in February 30 years ago?")).toMatchObject({ noSuchDay: null, from: "2026-02-01" });
    expect(span("In November 45 people were hired")).toMatchObject({ noSuchDay: null, from: "2025-11-01" });
    expect(span("Up to 40 may attend the forum")).toMatchObject({ noSuchDay: null, matches: [] });
    expect(span("Will 50 march on Kyiv?")).toMatchObject({ noSuchDay: null, matches: [] });
    expect(span("Що було 28 лютого?").noSuchDay).toBeNull();
  });
  // Each was read as 4 May (4–5 May): a day May has.
  it.each(["How many of the 4 may attend?", "Which of the 4 may be chosen?", "The 4 may not apply", "Will 4–5 may attend?"])(
    "%s: a lower-case 'may' after a number and before a verb is the verb, not the month",
    (q) => {
      expect(span(q)).toMatchObject({ noSuchDay: null, matches: [] });
    },
  );
  it.each([
    ["What happened on 4 may?", "2025-05-04", "2025-05-04"],
    ["What happened on 4 may.", "2025-05-04", "2025-05-04"],
    ["What happened 4 may?", "2025-05-04", "2025-05-04"],
    ["What happened 4 May?", "2025-05-04", "2025-05-04"],
    ["What happened may 4?", "2025-05-04", "2025-05-04"],
    ["What happened 4 may 2025?", "2025-05-04", "2025-05-04"],
    ["What happened 4 may in Kyiv?", "2025-05-04", "2025-05-04"],
    ["What happened 4th of may?", "2025-05-04", "2025-05-04"],
    ["What happened 4–5 may?", "2025-05-04", "2025-05-05"],
  ])("%s: 'may' with 'on', a capital, a year, an ordinal, punctuation or a preposition after is the month", (q, from, to) => {
    expect(range(q)).toEqual([from, to]);
  });
  it.each([
    ["Що сталося 31.02.2026?", { day: 31, month: 2, year: 2026 }],
    ["Що було 30.02.2026?", { day: 30, month: 2, year: 2026 }],
    ["Що було 31/04/2026?", { day: 31, month: 4, year: 2026 }],
    ["Что было 31.04.26?", { day: 31, month: 4, year: 2026 }],
    ["What happened on 2026-02-30?", { day: 30, month: 2, year: 2026 }],
    ["Що писали про метро 2026-02-29?", { day: 29, month: 2, year: 2026 }],
    ["Що було 30.02?", { day: 30, month: 2, year: null }],
    ["Що було на 31.04?", { day: 31, month: 4, year: null }],
  ])("%s: a day its month lacks, in figures, is said not to exist, as in words", (q, day) => {
    expect(span(q)).toMatchObject({ noSuchDay: day, from: null, to: null, matches: [] });
  });
  it.each(["What happened on 0000-01-01?", "Що було 0000-12-31?", "Що було 2026-13-45?", "Що було 32.01.2026?", "Що було 2026-02-00?"])(
    "%s: figures no calendar reads (year 0, month 13, day 32 or 0) are no date at all",
    (q) => {
      expect(span(q)).toMatchObject({ noSuchDay: null, matches: [] });
    },
  );
  it("ignores plain decimals, versions and scores, possible days or not", () => {
    expect(span("Скільки коштує 2.50 гривні?")).toMatchObject({ noSuchDay: null, matches: [] });
    // Without a year, figures a month lacks are a day only in a question of time alone.
    expect(span("Скільки коштує 30.02 гривні?")).toMatchObject({ noSuchDay: null, matches: [] });
    expect(span("Інфляція 31.04%?")).toMatchObject({ noSuchDay: null, matches: [] });
    expect(span("Які зміни у версії 2.30?")).toMatchObject({ noSuchDay: null, matches: [] });
    expect(span("Які зміни у версії 1.31.04?")).toMatchObject({ noSuchDay: null, matches: [] });
    expect(span("Хто виграв 31:04?")).toMatchObject({ noSuchDay: null, matches: [] });
  });
  // "2.5 лютого" was 5 February, "1.5–7 лютого" 5–7 February, "1.10 лютого" 1 October and February.
  it.each(["Що було 2.5 лютого?", "Що було 1.5–7 лютого?", "Що було 1.5 - 7 лютого?", "Що було 1.10 лютого?", "What happened on 2.5 February?"])(
    "%s: a number with a decimal part before a month's name is no day; the month is still named",
    (q) => {
      expect(span(q)).toMatchObject({ from: "2026-02-01", to: "2026-02-28", noSuchDay: null });
      expect(span(q).matches).toHaveLength(1);
    },
  );
  it("a decimal before a month with its year is that month; a day in figures before a span's last day is still a day", () => {
    expect(range("Що було 2.5 лютого 2025 року?")).toEqual(["2025-02-01", "2025-02-28"]);
    expect(range("Що було 28.01–3 лютого?")).toEqual(["2026-01-28", "2026-02-03"]);
  });
  it.each(["Що нового в 2.31.04?", "Що таке 10.30.02?", "Що таке 192.168.31.04?", "Що таке 1.31.04.2026?", "Що таке 192.31.04.2026?", "Що таке 100.30.02.26?"])(
    "%s: figures a month lacks at the end of a longer number (a version, an address) are no day, in a question of time alone too",
    (q) => {
      const read = span(q);
      expect(read.noSuchDay).toBeNull();
      expect(read.matches.filter((m) => /\d/.test(m.text))).toEqual([]);
    },
  );
  // "1.10.02.2026" was 1 October 2002 (read from its start), "192.10.02.2026" 10 February 2026.
  it.each([
    "Що таке 1.10.02.2026?",
    "Версія 2.10.02.26",
    "Що таке 192.10.02.2026?",
    "Хто має IP 10.10.02.26?",
    "Чий телефон 067.10.02.26?",
    "Що нового у версії 10.02.2026.1?",
    "Що таке 10.02.26.12?",
    "Що таке 192.168.10.02?",
    "Що таке 1.2.10.02?",
    "Що в документі 123/10/02/2026?",
    "Що таке 10/02/2026/5?",
  ])("%s: a day in figures inside a longer dotted or slashed number (a version, an address, a phone, an id) is no date", (q) => {
    const read = span(q);
    expect(read).toMatchObject({ from: null, to: null, noSuchDay: null });
    expect(read.matches.filter((m) => /\d/.test(m.text))).toEqual([]);
  });
  it.each([
    ["Що було 10.02.2026?", "2026-02-10", "2026-02-10"],
    ["Що було з 1.10.2025 по 10.02.2026?", "2025-10-01", "2026-02-10"],
    ["Розкажи, що було 10.02.2026.", "2026-02-10", "2026-02-10"],
    ["Що писали про метро (10.02.2026)?", "2026-02-10", "2026-02-10"],
    ["Що було 10/02/2026?", "2026-02-10", "2026-02-10"],
    ["Що було 1.10.25?", "2025-10-01", "2025-10-01"],
    ["Що було 10.02.2026–12.02.2026?", "2026-02-10", "2026-02-12"],
    ["Що було 10.02.2026-12.02.2026?", "2026-02-10", "2026-02-12"],
    ["Що було 10.02.2026/11.02.2026?", "2026-02-10", "2026-02-11"],
    ["Що було 03.02.", "2026-02-03", "2026-02-03"],
  ])("%s: a date in figures of its own, a dot ending the sentence or a dash or a slash to another date, is read (%s..%s)", (q, from, to) => {
    expect(range(q)).toEqual([from, to]);
  });
  it.each(["Що в збірці 2026-02-10-1?", "Що таке 1-2026-02-10?", "Що нового у версії 2026-02-10.1?", "Що таке 1.2026-02-10?", "Що таке v2026-02-10-1?", "Що таке 2026-02-30-1?"])(
    "%s: an ISO day inside a longer number joined by a dash or a dot is no date",
    (q) => {
      const read = span(q);
      expect(read).toMatchObject({ from: null, to: null, noSuchDay: null });
      expect(read.matches.filter((m) => /\d/.test(m.text))).toEqual([]);
    },
  );
  it("an ISO day of its own, ending a sentence, or one of two joined by a slash or a dash, is read", () => {
    expect(range("What happened on 2026-01-15.")).toEqual(["2026-01-15", "2026-01-15"]);
    expect(range("Що було 2026-01-15/2026-01-20?")).toEqual(["2026-01-15", "2026-01-20"]);
    expect(range("Що було 2026-01-15 – 2026-01-20?")).toEqual(["2026-01-15", "2026-01-20"]);
  });
  it("a day written year first with dots ('2026.02.10') is that day, as '2026-02-10' is; inside a longer number it is none", () => {
    // It was read as nothing.
    expect(span("Що писали про метро 2026.02.10?")).toMatchObject({ from: "2026-02-10", to: "2026-02-10", rest: "Що писали про метро?", absolute: true });
    expect(range("What happened on 2026.01.15.")).toEqual(["2026-01-15", "2026-01-15"]);
    expect(range("Що було 2026.01.15-2026.01.20?")).toEqual(["2026-01-15", "2026-01-20"]);
    expect(span("Що було 2026.02.30?").noSuchDay).toEqual({ day: 30, month: 2, year: 2026 });
    for (const q of ["Що таке 1.2026.02.10?", "Що таке 2026.02.10.1?", "Що таке v2026.02.10?", "Що було 2026.13.45?"]) {
      expect(span(q)).toMatchObject({ from: null, noSuchDay: null, matches: [] });
    }
  });
});

describe("parseTimeSpan: spans of days", () => {
  // Read as the last day only before ("5–7 лютого" was 7 February, "February 5–7" the 5th).
  it.each([
    "Що було 5–7 лютого?",
    "Що було 5-7 лютого?",
    "Що було 5−7 лютого?",
    "Що було 5 – 7 лютого?",
    "Що було з 5 по 7 лютого?",
    "Що було з 5 до 7 лютого?",
    "Що було від 5 до 7 лютого?",
    "Что было с 5 по 7 февраля?",
    "Что было 5-7 февраля?",
    "What happened 5–7 February?",
    "What happened February 5–7?",
    "What happened between 5 and 7 February?",
    "What happened from 5 to 7 February?",
  ])("%s is 5 to 7 February, the latest begun by today, as a single day without a year", (q) => {
    expect(span(q)).toMatchObject({ from: "2025-02-05", to: "2025-02-07", topicless: true, absolute: true, noSuchDay: null });
    expect(span(q).matches).toHaveLength(1);
  });
  it.each([
    ["Що було з 28 лютого по 3 березня?", "2025-02-28", "2025-03-03"],
    ["What happened from 28 February to 3 March?", "2025-02-28", "2025-03-03"],
    ["What happened from February 28 to March 3?", "2025-02-28", "2025-03-03"],
    ["Що було з 28 грудня по 3 січня?", "2025-12-28", "2026-01-03"],
    ["Що було 5–7 лютого 2024 року?", "2024-02-05", "2024-02-07"],
    ["What happened February 5–7, 2024?", "2024-02-05", "2024-02-07"],
    ["Що було з 28 грудня по 3 січня 2025 року?", "2024-12-28", "2025-01-03"],
    // Begun by today: this year's.
    ["Що було 3–5 лютого?", "2026-02-03", "2026-02-05"],
    // 29 February: the last span there was with both days.
    ["Що було 28–29 лютого?", "2024-02-28", "2024-02-29"],
  ])("%s → %s..%s", (q, from, to) => {
    expect(range(q)).toEqual([from, to]);
  });
  it("a span of two months is read whole on any day, not as two days of different years", () => {
    // On 1 March 2026 "28 лютого" alone is 2026 and "3 березня" alone 2025.
    expect(range("Що писали з 28 лютого по 3 березня?", new Date("2026-03-01T12:00:00Z"))).toEqual(["2026-02-28", "2026-03-03"]);
  });
  it("in a question about the future, the next span not yet over", () => {
    expect(range("Що буде 5–7 лютого?")).toEqual(["2026-02-05", "2026-02-07"]);
    expect(range("Що буде 1–3 лютого?")).toEqual(["2027-02-01", "2027-02-03"]);
    expect(range("Что будет с 3 по 5 февраля?")).toEqual(["2026-02-03", "2026-02-05"]);
  });
  it("a day of the span its month lacks is said not to exist", () => {
    expect(span("Що було 27–30 лютого?")).toMatchObject({ noSuchDay: { day: 30, month: 2, year: null }, from: null });
    expect(span("What happened on 30-32 May?")).toMatchObject({ noSuchDay: { day: 32, month: 5, year: null }, from: null });
    expect(span("Up to 30-32 may attend")).toMatchObject({ noSuchDay: null, matches: [] });
  });
  it("single days and 'з 1 березня' (since) read as before; number ranges that are no dates are not read", () => {
    expect(range("Що буде з 1 березня?")).toEqual(["2026-03-01", "2026-03-01"]);
    expect(range("Що писали 7 лютого?")).toEqual(["2025-02-07", "2025-02-07"]);
    expect(span("Скільки коштуватиме проїзд з 1 березня?").matches.map((m) => m.text)).toEqual(["з 1 березня"]);
    expect(span("Чому прийшло 5–7 людей?").matches).toEqual([]);
    expect(span("Ціни зросли на 5-7 % вчора").matches.map((m) => m.text)).toEqual(["вчора"]);
    // A joining word needs its opener: "5 по 7 лютого" alone is only the 7th.
    expect(span("по 5 по 7 лютого").matches.map((m) => m.text)).toEqual(["7 лютого"]);
    expect(span("Робота з 10 до 18 години 5 лютого").matches.map((m) => m.text)).toEqual(["5 лютого"]);
  });
});

describe("parseTimeSpan: months and years", () => {
  it.each([
    ["Що було у листопаді 2025?", "2025-11-01", "2025-11-30"],
    ["Що було у листопаді 2025 року?", "2025-11-01", "2025-11-30"],
    ["Что было в марте?", "2025-03-01", "2025-03-31"],
    ["Що писали в січні?", "2026-01-01", "2026-01-31"],
    ["What happened in December 2025?", "2025-12-01", "2025-12-31"],
    ["What happened in January?", "2026-01-01", "2026-01-31"],
    ["What happened in 2025?", "2025-01-01", "2025-12-31"],
    ["Що було у 2025 році?", "2025-01-01", "2025-12-31"],
    ["Что было в 2025 году?", "2025-01-01", "2025-12-31"],
  ])("%s → %s..%s", (q, from, to) => {
    expect(range(q)).toEqual([from, to]);
  });
  it("a year a dot and figures follow is a version, not the year; one ending a sentence is the year", () => {
    // "What's new in 2025.1?" asked for the newest of 2025.
    expect(span("What's new in 2025.1?")).toMatchObject({ from: null, to: null, recency: true });
    expect(span("Що змінилося в 2025.2.1?").matches).toEqual([]);
    expect(range("Tell me what happened in 2025.")).toEqual(["2025-01-01", "2025-12-31"]);
    expect(range("Що було у 2025 році.")).toEqual(["2025-01-01", "2025-12-31"]);
  });
  // Each was read as its first year only ("in 2012-13" was 2012, "з 2020 по 2025 рік" 2025).
  it.each([
    ["What is the total cost of attendance in 2012-13?", "2012-01-01", "2013-12-31", "What is the total cost of attendance?"],
    ["Що було у 2020–2025?", "2020-01-01", "2025-12-31", "Що було?"],
    ["Що змінилося в 2025-2026 роках?", "2025-01-01", "2026-12-31", "Що змінилося?"],
    ["What happened in 2025/26?", "2025-01-01", "2026-12-31", "What happened?"],
    ["Що змінилося з 2020 по 2025 рік?", "2020-01-01", "2025-12-31", "Що змінилося?"],
    ["Що писали про метро від 2020 до 2025 року?", "2020-01-01", "2025-12-31", "Що писали про метро?"],
    ["Что было в 2012–2013 годах?", "2012-01-01", "2013-12-31", "Что было?"],
    ["Что было с 2012 по 2013 год?", "2012-01-01", "2013-12-31", "Что было?"],
    ["Що було у 2020 – 2025 роках?", "2020-01-01", "2025-12-31", "Що було?"],
    ["Що будували протягом 2024-25 рр.?", "2024-01-01", "2025-12-31", "Що будували протягом?"],
    // Joined by words after their opener ("з … до", "from … to", "between … and", "між … і"), or by a
    // dash after "from": each was nothing.
    ["Що було з 2010 до 2015?", "2010-01-01", "2015-12-31", "Що було?"],
    ["Що було з 2020 по 2025?", "2020-01-01", "2025-12-31", "Що було?"],
    ["What happened from 1969 to 1979?", "1969-01-01", "1979-12-31", "What happened?"],
    ["What happened from 1969-1979?", "1969-01-01", "1979-12-31", "What happened?"],
    ["In the range between 1980 and 1990, what did demand for grow?", "1980-01-01", "1990-12-31", "In the range, what did demand for grow?"],
    ["Що було між 2010 і 2015 роками?", "2010-01-01", "2015-12-31", "Що було?"],
    ["Что было между 2010 и 2015 годами?", "2010-01-01", "2015-12-31", "Что было?"],
    ["What changed between 2010 and 2015 in Kyiv?", "2010-01-01", "2015-12-31", "What changed in Kyiv?"],
    // A first year before 1900: up to a year from 1900 on a century later at most, or with a year word.
    ["What happened from 1869-1909?", "1869-01-01", "1909-12-31", "What happened?"],
    ["Що сталося з 1869 по 1909 рік?", "1869-01-01", "1909-12-31", "Що сталося?"],
    ["Що сталося з 1869 по 1909?", "1869-01-01", "1909-12-31", "Що сталося?"],
    ["Что было с 1648 по 1654 год?", "1648-01-01", "1654-12-31", "Что было?"],
    ["Who ruled between 1861 and 1917?", "1861-01-01", "1917-12-31", "Who ruled?"],
  ])("a span of years %s is read whole: %s..%s", (q, from, to, rest) => {
    expect(span(q)).toMatchObject({ from, to, rest, absolute: true });
    expect(span(q).matches).toHaveLength(1);
  });
  it("figures before 1900 are no span of years when a count, across more than a century, or with no year word to end before 1900", () => {
    for (const q of ["Why did 1500 people come?", "Що було з 1500 по 2000?", "from 1500 to 2000 people", "Що було з 1861 по 1865?", "in 1500-1600 cases", "in 1869"]) {
      expect(span(q).matches, q).toEqual([]);
    }
  });
  // "у 2020-х" was the year 2020 (with "-х" left as a topic), "в 90-х" and "in the 2020s" nothing.
  it.each([
    ["Що писали у 2020-х?", "2020-01-01", "2029-12-31", "Що писали?"],
    ["Що було в 2020-х роках?", "2020-01-01", "2029-12-31", "Що було?"],
    ["Що було в 90-х?", "1990-01-01", "1999-12-31", "Що було?"],
    ["Что было в 30-е годы?", "1930-01-01", "1939-12-31", "Что было?"],
    ["Що було у 1990-ті?", "1990-01-01", "1999-12-31", "Що було?"],
    ["Що було в 20-х роках минулого століття?", "1920-01-01", "1929-12-31", "Що було?"],
    ["Що було у 1990-х та 2000-х роках?", "1990-01-01", "2009-12-31", "Що було?"],
    ["Что было в начале 90-х?", "1990-01-01", "1993-12-31", "Что было?"],
    ["What happened in the 2020s?", "2020-01-01", "2029-12-31", "What happened?"],
    ["What happened in the '90s?", "1990-01-01", "1999-12-31", "What happened?"],
    ["What was developed in the 1980's by the partners?", "1980-01-01", "1989-12-31", "What was developed by the partners?"],
    ["What protocol was popular in the 1970s and 80s for Apple?", "1970-01-01", "1989-12-31", "What protocol was popular for Apple?"],
    ["What did the Gulf War do in the early 1990s?", "1990-01-01", "1993-12-31", "What did the Gulf War do?"],
    ["What happened in the late '90s?", "1996-01-01", "1999-12-31", "What happened?"],
  ])("a decade %s is read whole: %s..%s", (q, from, to, rest) => {
    expect(span(q)).toMatchObject({ from, to, rest, absolute: true });
    expect(span(q).matches).toHaveLength(1);
  });
  it("two figures of a decade are the latest such decade begun by today; an age, a grade, a century or 'since' is no decade", () => {
    expect(range("Що було у 20-х?")).toEqual(["2020-01-01", "2029-12-31"]);
    expect(range("Що було у 30-х?")).toEqual(["1930-01-01", "1939-12-31"]);
    expect(span("Що було у 90-х в Україні?")).toMatchObject({ from: "1990-01-01", rest: "Що було в Україні?" });
    for (const q of ["How did he live in his 90s?", "Скільки учнів у 10-х класах?", "What happened in the 1900s?", "What was the trend from 1970s and beyond?", "Что изменилось с 90-х?"]) {
      expect(span(q).matches).toEqual([]);
    }
    // A day ("10-е января") is still a day.
    expect(range("Что было 10-е января?")).toEqual(["2026-01-10", "2026-01-10"]);
  });
  // "in 1979 and 1983" was 1979 alone, "and 1983" left as topic words. One period is read: from the
  // first year's start to the last's end, the years between included.
  it.each([
    ["What did John Paul II's visits in 1979 and 1983 encourage?", "1979-01-01", "1983-12-31", "What did John Paul II's visits encourage?"],
    ["Що писали у 2019 та 2023 роках?", "2019-01-01", "2023-12-31", "Що писали?"],
    ["Що було в 2015, 2019 і 2023 роках?", "2015-01-01", "2023-12-31", "Що було?"],
    ["Что было в 2023 и 2019 годах?", "2019-01-01", "2023-12-31", "Что было?"],
    ["What happened in 2019 or 2021?", "2019-01-01", "2021-12-31", "What happened?"],
  ])("years joined by 'and' / 'та' %s are one period: %s..%s", (q, from, to, rest) => {
    expect(span(q)).toMatchObject({ from, to, rest, absolute: true });
  });
  it("years joined without a year's preposition or a year word, or with a year before 1900, are not read together", () => {
    expect(span("Між 2019 та 2023 кроками").matches).toEqual([]);
    expect(span("What happened 2019 and 2023?").matches).toEqual([]);
    expect(range("What happened in 2019 and 1500?")).toEqual(["2019-01-01", "2019-12-31"]);
  });
  it("figures after a year that are not a later year are no span: its first year is read as before", () => {
    // A last year not after the first: a month ("2026-02") or no span ("2025-2020").
    expect(range("What happened in 2026-02?")).toEqual(["2026-01-01", "2026-12-31"]);
    expect(range("Що було у 2025-2020?")).toEqual(["2025-01-01", "2025-12-31"]);
    // Joined by a word before a noun they count, without an opener, or by an opener's word another
    // opener takes: a count or a price, as before.
    expect(span("Ціни від 2000 до 2500 гривень").matches).toEqual([]);
    expect(span("Квартири від 2000 до 2100 гривень").matches).toEqual([]);
    expect(span("Seats from 2000 to 2100 people").matches).toEqual([]);
    expect(span("Скільки коштує 2020–2025?").matches).toEqual([]);
    expect(span("Що було 2010 до 2015?").matches).toEqual([]);
    expect(span("What happened from 2010 and 2015?").matches).toEqual([]);
    // A year before 1900 alone is no year ("in 1869"); in a span, see the spans of years above.
    expect(span("What happened in 1869?").matches).toEqual([]);
    // Inside a longer number.
    expect(span("What is build 2012-13-1?").matches).toEqual([]);
  });
  it("a month and its year in figures ('12.2025 року') is that month, not the year; a number no month has is nothing", () => {
    // Each was read as the whole of 2025.
    expect(span("Що було 1.2025 року?")).toMatchObject({ from: "2025-01-01", to: "2025-01-31", rest: "Що було?", absolute: true });
    expect(span("Що писали про метро у 12.2025 року?")).toMatchObject({ from: "2025-12-01", to: "2025-12-31", rest: "Що писали про метро?" });
    expect(range("Что было 03/2026 года?")).toEqual(["2026-03-01", "2026-03-31"]);
    expect(span("Що було 13.2025 року?").matches).toEqual([]);
    expect(span("Що було 0.2025 року?").matches).toEqual([]);
    // The end of a longer number is no month, nor its year.
    expect(span("Що таке 192.10.02.2026 року?").matches).toEqual([]);
    expect(range("Що було 2025 року?")).toEqual(["2025-01-01", "2025-12-31"]);
  });
  it("a weekday in a name ('the Sunday Times') is no day; 'on Sunday' and 'Sunday February 1' are", () => {
    // "What did the Sunday Times write about the metro?" said nothing was written on 1 February.
    expect(hasTime(span("What did the Sunday Times write about the metro?"))).toBe(false);
    expect(hasTime(span("Was it in the Monday Night Football show?"))).toBe(false);
    expect(range("What did the Sunday Times write on Sunday?")).toEqual(["2026-02-01", "2026-02-01"]);
    expect(range("What happened Sunday February 1?")).toEqual(["2026-02-01", "2026-02-01"]);
    expect(range("What did the mayor say Sunday?")).toEqual(["2026-02-01", "2026-02-01"]);
  });

  it("a part of a day names no topic: 'вчора ввечері', 'сьогодні вранці', 'yesterday evening' ask about the day", () => {
    for (const q of ["Що було вчора ввечері?", "Что случилось вчера вечером?", "What happened yesterday evening?", "Що сталося вчора вночі?"]) {
      expect(span(q)).toMatchObject({ from: "2026-02-03", to: "2026-02-03", topicless: true });
    }
    // "сьогодні" counts in a question of time alone: with "вранці" it was a topic, and the question had no time.
    expect(span("Що сталося сьогодні вранці?")).toMatchObject({ from: "2026-02-04", to: "2026-02-04", topicless: true });
    expect(span("What happened today in the afternoon?")).toMatchObject({ from: "2026-02-04", topicless: true });
    // With a topic, the topic is searched without it.
    expect(span("Що писали про метро вчора ввечері?")).toMatchObject({ from: "2026-02-03", topicless: false });
    expect(topicOf(span("Що писали про метро вчора ввечері?").rest)).toBe("Що про метро");
  });

  // Each was no time: the part of the day was the topic ("not found"), and "сегодня" with a topic was dropped.
  it.each([
    ["What happened this morning?", "2026-02-04", "2026-02-04", "What happened?"],
    ["What happened tonight?", "2026-02-04", "2026-02-04", "What happened?"],
    ["What did the mayor say this evening?", "2026-02-04", "2026-02-04", "What did the mayor say?"],
    ["Что сказал мэр сегодня утром?", "2026-02-04", "2026-02-04", "Что сказал мэр?"],
    ["Що сказав мер сьогодні вранці?", "2026-02-04", "2026-02-04", "Що сказав мер?"],
    ["Что было вчера вечером?", "2026-02-03", "2026-02-03", "Что было вечером?"],
    // The night just gone: yesterday and today (reported the morning after).
    ["What happened last night?", "2026-02-03", "2026-02-04", "What happened?"],
    ["Що сталося вночі?", "2026-02-03", "2026-02-04", "Що сталося?"],
    ["Що було уночі?", "2026-02-03", "2026-02-04", "Що було?"],
    ["Що сталося цієї ночі?", "2026-02-03", "2026-02-04", "Що сталося?"],
    ["Что писали о метро этой ночью?", "2026-02-03", "2026-02-04", "Что писали о метро?"],
    ["Що писали про метро минулої ночі?", "2026-02-03", "2026-02-04", "Що писали про метро?"],
    // The night ahead, in a question about the future.
    ["Що буде цієї ночі?", "2026-02-04", "2026-02-05", "Що буде?"],
  ])("a part of a day with its day's word, or the night alone: %s → %s..%s", (q, from, to, rest) => {
    expect(span(q)).toMatchObject({ from, to, rest });
  });
  it("'вночі' alone is read in a question of time alone and when no other word names the day", () => {
    // A habit, or a topic's own night: no period.
    expect(span("Чи працює метро вночі?").matches).toEqual([]);
    expect(span("Чи працює метро вночі в Києві?").matches).toEqual([]);
    expect(span("Does the metro run overnight in Kyiv?").matches).toEqual([]);
    // A place as all the topic: the night there (it was no time, and the answer 'not found').
    for (const [q, rest] of [
      ["Що сталося вночі в Києві?", "Що сталося в Києві?"],
      ["Что случилось ночью в Киеве?", "Что случилось в Киеве?"],
      ["What happened overnight in Kyiv?", "What happened in Kyiv?"],
      ["Що було вночі у Львові та в Одесі?", "Що було у Львові та в Одесі?"],
    ]) {
      expect(span(q ?? ""), q).toMatchObject({ from: "2026-02-03", to: "2026-02-04", rest, topicless: false });
    }
    // The day named is the night's.
    expect(range("Що сталося позавчора вночі?")).toEqual(["2026-02-02", "2026-02-02"]);
    expect(range("Що сталося 10 лютого вночі?")).toEqual(["2025-02-10", "2025-02-10"]);
  });
  it("'вчорашні новини' / 'сегодняшние новости' are that day's news, not news on the topic 'вчорашні'", () => {
    expect(span("Вчорашні новини")).toMatchObject({ from: "2026-02-03", to: "2026-02-03", topicless: true });
    expect(span("Які сьогоднішні новини?")).toMatchObject({ from: "2026-02-04", to: "2026-02-04", topicless: true });
    expect(span("Вчерашние новости про метро")).toMatchObject({ from: "2026-02-03", rest: "про метро" });
    expect(hasTime(span("Який сьогоднішній курс?"))).toBe(false);
    expect(hasTime(span("Сьогоднішні ціни на проїзд"))).toBe(false);
  });

  it("a day in words ('третього лютого', 'двадцять сьомого січня', 'третьего февраля') is that day, not the month", () => {
    expect(span("Що було третього лютого?")).toMatchObject({ from: "2026-02-03", to: "2026-02-03", topicless: true, rest: "Що було?" });
    expect(span("Що писали про метро двадцять сьомого січня?")).toMatchObject({ from: "2026-01-27", to: "2026-01-27", rest: "Що писали про метро?" });
    expect(range("Что писали тридцатого января?")).toEqual(["2026-01-30", "2026-01-30"]);
    expect(range("Что было тридцать первого декабря?")).toEqual(["2025-12-31", "2025-12-31"]);
    expect(range("Що було третє лютого?")).toEqual(["2026-02-03", "2026-02-03"]);
    expect(range("Що буде п’ятнадцятого травня?")).toEqual(["2026-05-15", "2026-05-15"]);
    expect(span("Що було тридцять першого лютого?").noSuchDay).toEqual({ day: 31, month: 2, year: null });
    expect(span("Хто посів друге місце у лютому?")).toMatchObject({ from: "2026-02-01", to: "2026-02-28" });
  });

  // Each was no date ("on the 3rd of Feb" was, with "on the" left as topic words).
  it.each([
    ["What happened the third of February?", "2026-02-03", "What happened?"],
    ["What happened February third?", "2026-02-03", "What happened?"],
    ["What did the mayor say on the 3rd of Feb?", "2026-02-03", "What did the mayor say?"],
    ["What happened on the twenty-first of May 2025?", "2025-05-21", "What happened?"],
    ["What happened March the thirty-first?", "2025-03-31", "What happened?"],
    ["What happened on May the first?", "2025-05-01", "What happened?"],
    ["What happened February the 3rd?", "2026-02-03", "What happened?"],
  ])("an English day in words or after 'the' (%s) is that day", (q, day, rest) => {
    expect(span(q)).toMatchObject({ from: day, to: day, rest });
  });
  it("a share ('a third of February's budget'), a verb ('Who may first apply?') or 'second-hand' is no day in words", () => {
    expect(span("What is a third of February's budget?").matches).toEqual([]);
    expect(span("Who may first apply?").matches).toEqual([]);
    expect(range("In February second-hand sales rose")).toEqual(["2026-02-01", "2026-02-28"]);
    expect(span("What happened on the thirty-first of February?").noSuchDay).toEqual({ day: 31, month: 2, year: null });
  });
  it("the start, middle or end of a month is that part of it, not the month with a topic 'на початку'", () => {
    expect(span("Що писали на початку лютого?")).toMatchObject({ from: "2026-02-01", to: "2026-02-10", topicless: true });
    expect(span("Що писали у середині січня?")).toMatchObject({ from: "2026-01-11", to: "2026-01-20", topicless: true });
    expect(span("Что было в конце января?")).toMatchObject({ from: "2026-01-21", to: "2026-01-31", topicless: true });
    expect(span("What happened in late January?")).toMatchObject({ from: "2026-01-21", to: "2026-01-31", topicless: true });
    expect(span("What happened at the beginning of February 2026?")).toMatchObject({ from: "2026-02-01", to: "2026-02-10", topicless: true });
    expect(span("Що писали про метро наприкінці січня 2026 року?")).toMatchObject({ from: "2026-01-21", to: "2026-01-31", rest: "Що писали про метро?" });
    // Not yet begun: last year's in the past, this year's about the future.
    expect(range("Що писали наприкінці лютого?")).toEqual(["2025-02-21", "2025-02-28"]);
    expect(range("Що буде наприкінці лютого?")).toEqual(["2026-02-21", "2026-02-28"]);
    expect(hasTime(span("Who comes early may enter?"))).toBe(false);
  });

  it("'news from January' is that month, as 'новости за январь' is; 'from May' (a person), 'from January to March' and 'of February' are not", () => {
    expect(span("News from January")).toMatchObject({ from: "2026-01-01", to: "2026-01-31", topicless: true });
    expect(span("What about January?")).toMatchObject({ from: "2026-01-01", to: "2026-01-31", topicless: true });
    // "What about May?" may ask about a person.
    expect(hasTime(span("What about May?"))).toBe(false);
    expect(span("What were the articles from January?")).toMatchObject({ from: "2026-01-01", to: "2026-01-31", topicless: true });
    expect(hasTime(span("What was the revolution of February?"))).toBe(false);
    expect(span("What did they write about the metro from November?")).toMatchObject({ from: "2025-11-01", to: "2025-11-30" });
    expect(hasTime(span("What did he hear from May?"))).toBe(false);
    expect(range("News from January to March")).not.toEqual(["2026-01-01", "2026-01-31"]);
    expect(range("Articles from January - March")).not.toEqual(["2026-01-01", "2026-01-31"]);
  });

  it("does not take English words that look like months for dates", () => {
    expect(hasTime(span("What may happen in the march?"))).toBe(false);
    expect(hasTime(span("Who won the 400 metres?"))).toBe(false);
  });
});

describe("parseTimeSpan: relative spans", () => {
  it.each([
    ["Що відбулося вчора?", "2026-02-03", "2026-02-03"],
    ["Що сталося учора?", "2026-02-03", "2026-02-03"],
    ["Что случилось вчера?", "2026-02-03", "2026-02-03"],
    ["What happened yesterday?", "2026-02-03", "2026-02-03"],
    ["Що було позавчора?", "2026-02-02", "2026-02-02"],
    ["Что было позавчера?", "2026-02-02", "2026-02-02"],
    ["What happened the day before yesterday?", "2026-02-02", "2026-02-02"],
    ["Що писали про метро минулого тижня?", "2026-01-26", "2026-02-01"],
    ["Що писали про метро на минулому тижні?", "2026-01-26", "2026-02-01"],
    ["Что писали о метро на прошлой неделе?", "2026-01-26", "2026-02-01"],
    ["What happened in Lviv last week?", "2026-01-26", "2026-02-01"],
    ["Що нового про метро за останній тиждень?", "2026-01-29", "2026-02-04"],
    ["Что нового за неделю?", "2026-01-29", "2026-02-04"],
    ["What was written in the past week?", "2026-01-29", "2026-02-04"],
    ["Що сталося цього тижня?", "2026-02-02", "2026-02-04"],
    ["What happened this week?", "2026-02-02", "2026-02-04"],
    ["Що писали цього місяця?", "2026-02-01", "2026-02-04"],
    ["Что писали в этом месяце?", "2026-02-01", "2026-02-04"],
    ["What happened this month?", "2026-02-01", "2026-02-04"],
    ["Що писали минулого місяця?", "2026-01-01", "2026-01-31"],
    ["What happened last month?", "2026-01-01", "2026-01-31"],
    ["Що було за останні 3 дні?", "2026-02-02", "2026-02-04"],
    ["What happened in the last 3 days?", "2026-02-02", "2026-02-04"],
    ["Що сталося у вівторок?", "2026-02-03", "2026-02-03"],
    ["Что было в понедельник?", "2026-02-02", "2026-02-02"],
    ["Що писали минулого року?", "2025-01-01", "2025-12-31"],
    ["Що сталося сьогодні?", "2026-02-04", "2026-02-04"],
  ])("%s → %s..%s", (q, from, to) => {
    expect(range(q)).toEqual([from, to]);
    expect(span(q).absolute).toBe(false);
  });
  it.each([
    ["Що було за останні два тижні?", "2026-01-22", "2026-02-04"],
    ["Що писали про метро за останні три дні?", "2026-02-02", "2026-02-04"],
    ["Що сталося за останні п'ять днів?", "2026-01-31", "2026-02-04"],
    ["Що сталося за останню добу?", "2026-02-03", "2026-02-04"],
    ["Що писали за останній місяць?", "2026-01-05", "2026-02-04"],
    ["Що писали про метро за останні 2 місяці?", "2025-12-05", "2026-02-04"],
    ["Что было за последние две недели?", "2026-01-22", "2026-02-04"],
    ["Что было за последние сутки?", "2026-02-03", "2026-02-04"],
    ["Что было за минувшие сутки?", "2026-02-03", "2026-02-04"],
    ["Что писали за минувшую неделю?", "2026-01-29", "2026-02-04"],
    ["Что писали за минувшие три дня?", "2026-02-02", "2026-02-04"],
    ["Что было за прошедший месяц?", "2026-01-05", "2026-02-04"],
    ["Что писали за последние три дня?", "2026-02-02", "2026-02-04"],
    ["What happened in the last two weeks?", "2026-01-22", "2026-02-04"],
    ["What happened over the past three days?", "2026-02-02", "2026-02-04"],
    ["Що писали позаминулого тижня?", "2026-01-19", "2026-01-25"],
    ["Что писали на позапрошлой неделе?", "2026-01-19", "2026-01-25"],
    ["What happened the week before last?", "2026-01-19", "2026-01-25"],
    ["Що писали позаминулого місяця?", "2025-12-01", "2025-12-31"],
    ["What happened the year before last?", "2024-01-01", "2024-12-31"],
  ])("a period counted in words: %s → %s..%s", (q, from, to) => {
    expect(span(q)).toMatchObject({ from, to, absolute: false });
    expect(span(q).matches).toHaveLength(1);
  });
  // Months and years by the calendar, not 30 or 365 days: from the day after today's date that many
  // months back, as the last seven days are from the day after a week back.
  it.each([
    ["Що писали за останні 10 років?", "2026-02-10", "2016-02-11"],
    ["Что было за последние 10 лет?", "2026-02-10", "2016-02-11"],
    ["What happened in the last ten years?", "2026-02-10", "2016-02-11"],
    ["Що писали за останні 3 місяці?", "2026-05-10", "2026-02-11"],
    ["Что писали за последние три месяца?", "2026-05-10", "2026-02-11"],
    ["What happened in the last 12 months?", "2026-05-10", "2025-05-11"],
    // 31 May less 3 months is the last day of February (28 or 29), not 3 or 2 March.
    ["Що писали за останні 3 місяці?", "2026-05-31", "2026-03-01"],
    ["What happened in the last 3 months?", "2024-05-31", "2024-03-01"],
    ["Що писали за останній місяць?", "2026-03-31", "2026-03-01"],
    ["Що писали за останній рік?", "2026-02-10", "2025-02-11"],
    // Across 29 February 2024 a year is still a year.
    ["What happened in the past year?", "2025-01-01", "2024-01-02"],
  ])("by the calendar: %s asked on %s → %s..", (q, today, from) => {
    expect(range(q, new Date(`${today}T10:00:00Z`))).toEqual([from, today]);
  });
  // Hours and "доба" / "сутки" are read as "за останню добу" is: back from now, into the day it reaches
  // (24 hours: yesterday and today; 48: from the day before yesterday).
  it.each([
    ["Що сталося за останні 24 години?", "2026-02-03", "2026-02-04"],
    ["Что было за последние 24 часа?", "2026-02-03", "2026-02-04"],
    ["What happened in the last 24 hours?", "2026-02-03", "2026-02-04"],
    ["Що писали за останні 48 годин?", "2026-02-02", "2026-02-04"],
    ["What was written over the past 48 hours?", "2026-02-02", "2026-02-04"],
    ["Что писали за последние 72 часа?", "2026-02-01", "2026-02-04"],
    ["Що сталося за останні 12 годин?", "2026-02-03", "2026-02-04"],
    ["What happened in the last hour?", "2026-02-03", "2026-02-04"],
    ["Что было за последние двое суток?", "2026-02-02", "2026-02-04"],
    ["Что писали за последние трое суток?", "2026-02-01", "2026-02-04"],
    ["Що сталося за останні дві доби?", "2026-02-02", "2026-02-04"],
    ["Що писали за останні три доби?", "2026-02-01", "2026-02-04"],
    // Without "останні" / "последние" only as a question of time alone (see below).
    ["Что было за двое суток?", "2026-02-02", "2026-02-04"],
    ["Що сталося за дві доби?", "2026-02-02", "2026-02-04"],
    ["Что случилось за сутки?", "2026-02-03", "2026-02-04"],
  ])("hours and days counted as 'доба': %s → %s..%s", (q, from, to) => {
    expect(span(q)).toMatchObject({ from, to, absolute: false });
    expect(span(q).matches).toHaveLength(1);
  });
  it("'за двое суток' with a topic is how long something took, and 'the last 24 hours of' is someone's", () => {
    expect(hasTime(span("Мост построили за двое суток?"))).toBe(false);
    expect(hasTime(span("Чи можна відремонтувати ескалатор за дві доби?"))).toBe(false);
    expect(hasTime(span("What happened in the last 24 hours of the siege?"))).toBe(false);
    expect(hasTime(span("Що сталося за останні 24 години перед штурмом?"))).toBe(false);
  });
  it("'за 2 години' / 'за сутки' in a question about the future is a time ahead, not the hours just past", () => {
    expect(hasTime(span("Що буде за 2 години?"))).toBe(false);
    expect(hasTime(span("Что будет за сутки?"))).toBe(false);
    expect(hasTime(span("Що станеться за дві доби?"))).toBe(false);
  });
  it("'за останні 2 год' is hours, not years; 'за останні кілька днів' names no span", () => {
    expect(hasTime(span("Що сталося за останні 2 год?"))).toBe(false);
    expect(hasTime(span("Що сталося за останні кілька днів?"))).toBe(false);
  });
  it("a new month and a new year roll the calendar back correctly", () => {
    const jan1 = new Date("2026-01-01T09:00:00Z");
    expect(range("Що було вчора?", jan1)).toEqual(["2025-12-31", "2025-12-31"]);
    expect(range("What happened last month?", jan1)).toEqual(["2025-12-01", "2025-12-31"]);
  });
  it("'today' inside a factual question is not a news filter", () => {
    expect(hasTime(span("How many protestants live in France today?"))).toBe(false);
  });
});

describe("parseTimeSpan: days, weeks and months ago", () => {
  // The unit named is the span's size: a day is that day, a week that calendar week, a month that month.
  it.each([
    ["що було 3 дні тому?", "2026-02-01", "2026-02-01"],
    ["Що було три дні тому?", "2026-02-01", "2026-02-01"],
    ["Що сталося п'ять днів тому?", "2026-01-30", "2026-01-30"],
    ["Що сталося пʼять днів тому назад?", "2026-01-30", "2026-01-30"],
    ["Що було день тому?", "2026-02-03", "2026-02-03"],
    ["Что было 2 дня назад?", "2026-02-02", "2026-02-02"],
    ["Что было пять дней назад?", "2026-01-30", "2026-01-30"],
    ["what happened 2 days ago?", "2026-02-02", "2026-02-02"],
    ["What happened two days ago?", "2026-02-02", "2026-02-02"],
    ["What happened a day ago?", "2026-02-03", "2026-02-03"],
    ["що було тиждень тому?", "2026-01-26", "2026-02-01"],
    ["Что было неделю назад?", "2026-01-26", "2026-02-01"],
    ["what happened a week ago?", "2026-01-26", "2026-02-01"],
    ["Що писали два тижні тому?", "2026-01-19", "2026-01-25"],
    ["Что писали две недели назад?", "2026-01-19", "2026-01-25"],
    ["What was written 2 weeks ago?", "2026-01-19", "2026-01-25"],
    ["що було місяць тому?", "2026-01-01", "2026-01-31"],
    ["Что было месяц назад?", "2026-01-01", "2026-01-31"],
    ["What happened a month ago?", "2026-01-01", "2026-01-31"],
    ["Що було три місяці тому?", "2025-11-01", "2025-11-30"],
    ["What happened 3 months ago?", "2025-11-01", "2025-11-30"],
    ["що було рік тому?", "2025-01-01", "2025-12-31"],
    ["Що писали два роки тому?", "2024-01-01", "2024-12-31"],
    ["Що сталося 5 років тому?", "2021-01-01", "2021-12-31"],
    ["Что было год назад?", "2025-01-01", "2025-12-31"],
    ["Что было 2 года назад?", "2024-01-01", "2024-12-31"],
    ["Что было пять лет назад?", "2021-01-01", "2021-12-31"],
    ["What happened a year ago?", "2025-01-01", "2025-12-31"],
    ["What happened 3 years ago?", "2023-01-01", "2023-12-31"],
  ])("%s → %s..%s", (q, from, to) => {
    expect(range(q)).toEqual([from, to]);
    expect(span(q)).toMatchObject({ absolute: false, topicless: true });
  });
  it("'тиждень тому' and 'минулого тижня' name the same week, whatever the weekday", () => {
    for (const now of ["2026-02-02T10:00:00Z", "2026-02-04T10:00:00Z", "2026-02-08T10:00:00Z"]) {
      expect(range("що було тиждень тому?", new Date(now))).toEqual(range("що було минулого тижня?", new Date(now)));
      expect(range("що було місяць тому?", new Date(now))).toEqual(range("що було минулого місяця?", new Date(now)));
      expect(range("що було рік тому?", new Date(now))).toEqual(range("що було минулого року?", new Date(now)));
    }
    expect(range("What happened a month ago?", new Date("2026-01-15T10:00:00Z"))).toEqual(["2025-12-01", "2025-12-31"]);
  });
  it("removes the whole expression, so its number does not match article text", () => {
    const s = span("Що писали про сніг 3 дні тому?");
    expect(s.rest).toBe("Що писали про сніг?");
    expect(s.matches.map((m) => m.text)).toEqual(["3 дні тому"]);
    expect(span("what happened 2 days ago?").rest).toBe("what happened?");
  });
  it.each([
    "Він не приїхав 5 днів тому що захворів",
    "Чому він пішов два тижні тому що сталося?",
    "Вона звільнилася місяць тому що, мабуть, втомилася",
    "Він мовчав день тому шо не знав",
  ])("%s: 'тому що' is 'because', not 'ago'", (q) => {
    expect(hasTime(span(q))).toBe(false);
    expect(span(q).rest).toBe(q);
  });
  it.each([
    ["Гор приїхав 3 дні тому, що сталося?", "2026-02-01", "2026-02-01"],
    ["що було 3 дні тому назад що?", "2026-02-01", "2026-02-01"],
    ["Що було тиждень тому щодо метро?", "2026-01-26", "2026-02-01"],
    // Opening its sentence, "тому що" has no clause before it to give the reason of.
    ["Рік тому що змінилося?", "2025-01-01", "2025-12-31"],
    ["А тиждень тому що писали про метро?", "2026-01-26", "2026-02-01"],
    ["Гор поїхав. 3 дні тому що сталося?", "2026-02-01", "2026-02-01"],
  ])("%s: 'тому' before a comma, 'назад' or another word, or opening its sentence, is still 'ago'", (q, from, to) => {
    expect(range(q)).toEqual([from, to]);
  });
  it("does not read a vague count or a plural without one as a day", () => {
    expect(hasTime(span("Що було кілька днів тому?"))).toBe(false);
    expect(hasTime(span("What happened days ago?"))).toBe(false);
    expect(hasTime(span("Що було багато років тому?"))).toBe(false);
    // Past ten years it is a fact asked about ("20 років тому в Чорнобилі"), not a listing.
    expect(hasTime(span("Що сталося 20 років тому?"))).toBe(false);
  });
  it("reads 'N год' as Ukrainian hours, not years: Russian counts one 'год' only", () => {
    expect(hasTime(span("Що сталося 2 год тому?"))).toBe(false);
    expect(hasTime(span("Що писали про метро 5 год тому?"))).toBe(false);
    expect(hasTime(span("Потяг прибуде через 3 год?"))).toBe(false);
    expect(range("Что было 1 год назад?")).toEqual(["2025-01-01", "2025-12-31"]);
    expect(range("Что будет через 1 год?")).toEqual(["2027-01-01", "2027-12-31"]);
  });
});

describe("parseTimeSpan: the future", () => {
  it.each([
    ["що буде завтра?", "2026-02-05", "2026-02-05"],
    ["Что будет завтра?", "2026-02-05", "2026-02-05"],
    ["What will happen tomorrow?", "2026-02-05", "2026-02-05"],
    ["Що буде післязавтра?", "2026-02-06", "2026-02-06"],
    ["Что будет послезавтра?", "2026-02-06", "2026-02-06"],
    ["What happens the day after tomorrow?", "2026-02-06", "2026-02-06"],
    ["Що відбудеться наступного тижня?", "2026-02-09", "2026-02-15"],
    ["Що буде на наступному тижні?", "2026-02-09", "2026-02-15"],
    ["Что будет на следующей неделе?", "2026-02-09", "2026-02-15"],
    ["What is planned next week?", "2026-02-09", "2026-02-15"],
    ["Що буде наступного місяця?", "2026-03-01", "2026-03-31"],
    ["What happens next month?", "2026-03-01", "2026-03-31"],
    // "через" a count of units: the unit named is the span's size, as "тиждень тому" is last week.
    ["Що буде через 3 дні?", "2026-02-07", "2026-02-07"],
    ["Что будет через два дня?", "2026-02-06", "2026-02-06"],
    ["Що буде через тиждень?", "2026-02-09", "2026-02-15"],
    ["Що буде через два тижні?", "2026-02-16", "2026-02-22"],
    ["Что будет через неделю?", "2026-02-09", "2026-02-15"],
    ["Що буде через місяць?", "2026-03-01", "2026-03-31"],
    ["Что будет через месяц?", "2026-03-01", "2026-03-31"],
    ["Що буде через рік?", "2027-01-01", "2027-12-31"],
    ["Что будет через год?", "2027-01-01", "2027-12-31"],
    ["Що буде через 2 роки?", "2028-01-01", "2028-12-31"],
    ["What happens in a week?", "2026-02-09", "2026-02-15"],
    ["What happens in 3 days?", "2026-02-07", "2026-02-07"],
    ["What is planned in a month?", "2026-03-01", "2026-03-31"],
    ["What happens in a year?", "2027-01-01", "2027-12-31"],
    ["What happens in two weeks' time?", "2026-02-16", "2026-02-22"],
    ["What happens 3 days from now?", "2026-02-07", "2026-02-07"],
  ])("%s → %s..%s (a period of time alone)", (q, from, to) => {
    expect(range(q)).toEqual([from, to]);
    expect(span(q)).toMatchObject({ absolute: false, topicless: true });
  });
  it.each([
    ["Що буде 10 лютого?", "2026-02-10", "2026-02-10"],
    ["Что будет 10 февраля?", "2026-02-10", "2026-02-10"],
    ["What will happen on February 10?", "2026-02-10", "2026-02-10"],
    ["Що буде 04.02?", "2026-02-04", "2026-02-04"],
    ["Що буде 3 лютого?", "2027-02-03", "2027-02-03"],
    ["Що буде в березні?", "2026-03-01", "2026-03-31"],
    ["Скільки коштуватиме проїзд у березні?", "2026-03-01", "2026-03-31"],
    ["What is going to happen in March?", "2026-03-01", "2026-03-31"],
    ["Що відбудеться в січні?", "2027-01-01", "2027-01-31"],
    ["Що буде у лютому?", "2026-02-01", "2026-02-28"],
  ])("%s → %s..%s: a day or month without a year asked about in the future is the next one, not last year's", (q, from, to) => {
    expect(range(q)).toEqual([from, to]);
  });
  it("a weekday asked about in the future is the next one, today included; in the past the last one", () => {
    // NOW is Wednesday 4 February 2026.
    expect(range("Що буде у п'ятницю?")).toEqual(["2026-02-06", "2026-02-06"]);
    expect(range("What will happen on Monday?")).toEqual(["2026-02-09", "2026-02-09"]);
    expect(range("Что будет в среду?")).toEqual(["2026-02-04", "2026-02-04"]);
    expect(range("Що було у п'ятницю?")).toEqual(["2026-01-30", "2026-01-30"]);
    expect(range("What will they say about last Monday?")).toEqual(["2026-02-02", "2026-02-02"]);
  });
  it("reads time words with Latin look-alike letters inside (\"лютoго\" with a Latin o), offsets as typed", () => {
    const typed = "Що було 3 лютoго у Kиєві?";
    const read = span(typed);
    expect([read.from, read.to]).toEqual(["2026-02-03", "2026-02-03"]);
    expect(typed.slice(read.matches[0]?.start, read.matches[0]?.end)).toBe("3 лютoго");
    expect(range("Що було вчoра?")).toEqual(["2026-02-03", "2026-02-03"]);
  });
  it("reads a weekday and a number typed with any apostrophe look-alike the words are searched with", () => {
    for (const apostrophe of ["'", "’", "‘", "ʼ", "ʻ", "`", "´", "′"]) {
      expect(range(`Що було у п${apostrophe}ятницю?`), apostrophe).toEqual(["2026-01-30", "2026-01-30"]);
      expect(range(`Що писали п${apostrophe}ять днів тому?`), apostrophe).toEqual(["2026-01-30", "2026-01-30"]);
    }
  });
  it.each([
    // NOW is Wednesday 4 February 2026: the Saturday before is 31 January.
    ["Що писали минулої суботи?", "2026-01-31", "2026-01-31"],
    ["Що було в минулу суботу?", "2026-01-31", "2026-01-31"],
    ["Что было прошлой субботой?", "2026-01-31", "2026-01-31"],
    ["Что писали в прошлую субботу?", "2026-01-31", "2026-01-31"],
    ["What happened last Saturday?", "2026-01-31", "2026-01-31"],
    ["Що було минулого понеділка?", "2026-02-02", "2026-02-02"],
    // Said with "last", the weekday of today is a week ago.
    ["What happened last Wednesday?", "2026-01-28", "2026-01-28"],
    ["Що сталося минулої середи?", "2026-01-28", "2026-01-28"],
    // Weekends: Saturday and Sunday.
    ["Що було на вихідних?", "2026-01-31", "2026-02-01"],
    ["Що писали минулих вихідних?", "2026-01-31", "2026-02-01"],
    ["What happened last weekend?", "2026-01-31", "2026-02-01"],
    ["Что было в выходные?", "2026-01-31", "2026-02-01"],
    ["Что было на выходных?", "2026-01-31", "2026-02-01"],
    ["Що буде на вихідних?", "2026-02-07", "2026-02-08"],
  ])("%s → %s..%s: a past weekday or a weekend is read against today", (q, from, to) => {
    expect(range(q)).toEqual([from, to]);
    expect(span(q)).toMatchObject({ topicless: true, absolute: false });
  });
  it("weekends on the weekend: 'на вихідних' is this one, 'минулих вихідних' / 'last weekend' the one before", () => {
    const sunday = new Date("2026-02-08T10:00:00Z");
    expect(range("Що було на вихідних?", sunday)).toEqual(["2026-02-07", "2026-02-08"]);
    expect(range("Що було минулих вихідних?", sunday)).toEqual(["2026-01-31", "2026-02-01"]);
    expect(range("What happened last weekend?", sunday)).toEqual(["2026-01-31", "2026-02-01"]);
    const monday = new Date("2026-02-09T10:00:00Z");
    expect(range("What happened last weekend?", monday)).toEqual(["2026-02-07", "2026-02-08"]);
  });
  it.each(["Чи працюють музеї на вихідних?", "Работает ли метро в выходные?", "Do the museums open at the weekend?"])(
    "%s: 'на вихідних' with a topic and no future is habitual, not a period",
    (q) => expect(hasTime(span(q))).toBe(false),
  );
  it("'цих вихідних' / 'this weekend' is the weekend begun by today, with a topic too", () => {
    expect(range("Що писали про метро цих вихідних?", new Date("2026-02-08T10:00:00Z"))).toEqual(["2026-02-07", "2026-02-08"]);
    expect(range("What did the mayor say this weekend?", new Date("2026-02-08T10:00:00Z"))).toEqual(["2026-02-07", "2026-02-08"]);
    expect(range("Що буде з метро на вихідних?")).toEqual(["2026-02-07", "2026-02-08"]);
  });
  it("'this weekend' in the present tense asked on a weekday is the coming one; in the past tense or without a verb the one just over", () => {
    const thursday = new Date("2026-02-05T10:00:00Z");
    for (const q of [
      "What's happening this weekend?",
      "What's on this weekend in Kyiv?",
      "Що відбувається цих вихідних у Львові?",
      "Чи працює метро цими вихідними?",
      "Что происходит в эти выходные?",
      "What's happening at the weekend?",
    ]) {
      expect(range(q, thursday), q).toEqual(["2026-02-07", "2026-02-08"]);
    }
    for (const q of ["What happened this weekend?", "What was happening this weekend?", "Що писали цих вихідних?", "Что было в эти выходные?", "Які новини цих вихідних?"]) {
      expect(range(q, thursday), q).toEqual(["2026-01-31", "2026-02-01"]);
    }
    // Only weekends: a weekday keeps the latest one, and the present of a habit is still no period.
    expect(range("Що відбувається у п'ятницю?", thursday)).toEqual(["2026-01-30", "2026-01-30"]);
    expect(hasTime(span("Чи працюють музеї на вихідних?", thursday))).toBe(false);
  });
  it("'цими вихідними', 'этими выходными', 'минулими вихідними' (the instrumental) are weekends too; 'цими вихідними даними' is output data", () => {
    const sunday = new Date("2026-02-08T10:00:00Z");
    expect(range("Що писали цими вихідними?", sunday)).toEqual(["2026-02-07", "2026-02-08"]);
    expect(range("Что было этими выходными?", sunday)).toEqual(["2026-02-07", "2026-02-08"]);
    expect(range("Що писали минулими вихідними?")).toEqual(["2026-01-31", "2026-02-01"]);
    expect(range("Что было прошлыми выходными?")).toEqual(["2026-01-31", "2026-02-01"]);
    expect(hasTime(span("Що робити з цими вихідними даними?"))).toBe(false);
  });
  it("a weekday's other cases bound a period unless said with 'минулої'; 'вихідні дані' is no weekend", () => {
    expect(hasTime(span("Що робити до суботи?"))).toBe(false);
    expect(hasTime(span("Які вихідні дані у статті?"))).toBe(false);
    expect(hasTime(span("Що означають ці вихідні дані?"))).toBe(false);
    expect(hasTime(span("Что значат эти выходные данные?"))).toBe(false);
    expect(hasTime(span("Що буде на вихідних даних моделі?"))).toBe(false);
    expect(range("Що писали цих вихідних про Данила?", new Date("2026-02-08T10:00:00Z"))).toEqual(["2026-02-07", "2026-02-08"]);
  });
  it.each(["Що сталося нещодавно?", "Что недавно писали про метро?", "What did the mayor say recently?", "Що нещодавно писали про метро?"])(
    "%s: 'recently' prefers the newest, as 'останнім часом' / 'latest', with no fixed period",
    (q) => {
      expect(span(q)).toMatchObject({ recency: true, from: null, to: null });
      expect(span(q).rest).not.toMatch(/давно|recently/);
    },
  );
  it.each([
    "Хто керує нещодавно відкритим музеєм?",
    "Скільки коштував нещодавно побудований міст?",
    "Хто очолив нещодавно створену агенцію?",
    "Кто руководит недавно открытым музеем?",
    "Сколько стоил недавно построенный мост?",
    "Что изменил недавно принятый закон?",
    "Что говорится в недавно принятом законе?",
    "Who runs the recently opened museum?",
    "What did a recently elected mayor promise?",
    "Who is the recently-appointed minister?",
  ])("%s: 'recently' before a participle describes a thing, not the question's time", (q) => {
    expect(span(q)).toMatchObject({ recency: false, from: null, to: null });
  });
  it.each(["Хто нещодавно відвідав Україну?", "Що нещодавно Туреччина заявила?", "Что недавно страна получила?", "Что недавно охрана нашла?", "Що ви нещодавно бачите?", "Кто недавно посетил Украину?", "Who recently visited Kyiv?", "Which museum was recently opened?"])(
    "%s: 'recently' before a verb, a noun or after one is the question's time",
    (q) => expect(span(q)).toMatchObject({ recency: true }),
  );
  it.each(["Що нещодавно Тетяна Бережна заявила?", "Що нещодавно Ірану пообіцяли США?", "Что недавно Светлана Тихановская сказала?", "Що нещодавно Оксана Маркарова сказала?"])(
    "%s: a name after 'recently', though it ends like a participle, is no participle: the question's time",
    (q) => expect(span(q)).toMatchObject({ recency: true }),
  );
  it.each(["What did they write about this recently?", "What did the mayor tell her recently about the metro?", "Is it true that recently the metro closed?"])(
    "%s: 'this', 'that', 'her' standing alone before 'recently' describe nothing: the question's time",
    (q) => expect(span(q)).toMatchObject({ recency: true }),
  );
  it.each([
    "Що відкриють у квітні?",
    "Коли відкриється нова станція у квітні?",
    "Що стартує у квітні?",
    "Що зміниться у квітні?",
    "Что откроют в апреле?",
    "Что начнётся в апреле?",
    "What opens in April?",
  ])("%s asked in June: the perfective future or a timetable's present is about next April, not last", (q) => {
    expect(range(q, new Date("2026-06-10T10:00:00Z"))).toEqual(["2027-04-01", "2027-04-30"]);
  });
  it.each(["Що відкрили у квітні?", "Що відкривають у квітні?", "Что открыли в апреле?", "What opened in April?", "What happened in April?"])(
    "%s asked in June: past and present keep the last April",
    (q) => {
      expect(range(q, new Date("2026-06-10T10:00:00Z"))).toEqual(["2026-04-01", "2026-04-30"]);
    },
  );
  it("an announcement verb dates only its own clause: the Friday of 'писали у п'ятницю …, що метро закриють' is past", () => {
    expect(range("Що писали у п'ятницю про те, що метро закриють?")).toEqual(["2026-01-30", "2026-01-30"]);
    expect(range("Що закриють у п'ятницю?")).toEqual(["2026-02-06", "2026-02-06"]);
  });
  it("the modifier-letter apostrophe (ʼ, as Ukrainian keyboards type it) reads like ' and ’", () => {
    expect(range("Що було у пʼятницю?")).toEqual(["2026-01-30", "2026-01-30"]);
    expect(range("Що писали минулої пʼятниці?")).toEqual(["2026-01-30", "2026-01-30"]);
    expect(range("Що зʼявиться в парку у червні?", new Date("2026-07-10T10:00:00Z"))).toEqual(["2027-06-01", "2027-06-30"]);
  });
  it.each([
    ["Коли відкриють метро, у травні?", "2026-05-01", "2026-05-31"],
    ["Коли відкриють метро — у травні?", "2026-05-01", "2026-05-31"],
    ["Коли відкриють метро, чи у травні?", "2026-05-01", "2026-05-31"],
    ["Когда откроют метро, в мае?", "2026-05-01", "2026-05-31"],
    ["Which station opens first, in May?", "2026-05-01", "2026-05-31"],
    ["Що запустять, у п'ятницю?", "2026-02-06", "2026-02-06"],
  ])("a clause of time alone takes the tense of the clause before it: %s → %s..%s", (q, from, to) => {
    expect(range(q)).toEqual([from, to]);
  });
  it("a clause of time alone after a past verb, or a clause with its own words, keeps the past", () => {
    expect(range("Коли відкрили метро, у травні?")).toEqual(["2025-05-01", "2025-05-31"]);
    expect(range("Що писали у п'ятницю, коли метро закриють?")).toEqual(["2026-01-30", "2026-01-30"]);
    expect(range("Метро відкриють. А що писали у травні?")).toEqual(["2025-05-01", "2025-05-31"]);
  });
  it("a day or month without a year asked about in the past stays the last one", () => {
    expect(range("Що було 10 лютого?")).toEqual(["2025-02-10", "2025-02-10"]);
    expect(range("Що писали в березні?")).toEqual(["2025-03-01", "2025-03-31"]);
    expect(range("Що відкрили 10 лютого?")).toEqual(["2025-02-10", "2025-02-10"]);
    // A year written out is kept whatever the tense.
    expect(range("Що буде 10 лютого 2025?")).toEqual(["2025-02-10", "2025-02-10"]);
  });
  it("a topic in the future keeps its topic; words that only contain 'завтра' are not it", () => {
    expect(span("Що буде з метро завтра?")).toMatchObject({ from: "2026-02-05", rest: "Що буде з метро?", topicless: false });
    expect(range("Що буде наступного тижня?", new Date("2025-12-31T10:00:00Z"))).toEqual(["2026-01-05", "2026-01-11"]);
    expect(range("What happens next month?", new Date("2025-12-31T10:00:00Z"))).toEqual(["2026-01-01", "2026-01-31"]);
    expect(hasTime(span("Що назавтра сказав мер?"))).toBe(false);
    expect(hasTime(span("Что подают на завтрак?"))).toBe(false);
  });
  it("'через тиждень' with a topic is that week; 'через тиждень' ahead is the same week as 'наступного тижня'", () => {
    expect(span("Що буде з метро через тиждень?")).toMatchObject({ from: "2026-02-09", to: "2026-02-15", rest: "Що буде з метро?", topicless: false });
    expect(span("What will happen to the metro a week from now?")).toMatchObject({ from: "2026-02-09", rest: "What will happen to the metro?" });
    for (const now of ["2026-02-02T10:00:00Z", "2026-02-08T10:00:00Z", "2025-12-31T10:00:00Z"]) {
      expect(range("що буде через тиждень?", new Date(now))).toEqual(range("що буде наступного тижня?", new Date(now)));
      expect(range("що буде через місяць?", new Date(now))).toEqual(range("що буде наступного місяця?", new Date(now)));
    }
  });
  it.each([
    "Поїзди ходять через день",
    "Що буде через день?",
    "Що сталося через тиждень після виборів?",
    "Что случилось через месяц после аварии?",
    "How was the bridge built in a week?",
    "Prices rose 10% in 2 years",
    // "через" is also "because of" / "after": without future wording and with a topic, no period.
    "Що змінилося через рік війни?",
    "Як змінилося місто через 2 роки війни?",
    "Що змінилося через тиждень від початку війни?",
    "Что изменилось через год войны?",
  ])("%s: no period ahead of today", (q) => {
    expect(hasTime(span(q))).toBe(false);
  });
  it.each([
    // Worded about the future: ahead, topic or not.
    ["Що буде через тиждень?", "2026-02-09", "2026-02-15", true],
    ["Скільки коштуватиме проїзд через місяць?", "2026-03-01", "2026-03-31", false],
    ["Що буде з метро через 3 дні?", "2026-02-07", "2026-02-07", false],
    ["Что будет с метро через неделю?", "2026-02-09", "2026-02-15", false],
    // Time alone, without future wording: ahead too.
    ["А через тиждень?", "2026-02-09", "2026-02-15", true],
    ["Що через місяць?", "2026-03-01", "2026-03-31", true],
  ])("%s → %s..%s: 'через' reads ahead in a question about the future or of time alone", (q, from, to, topicless) => {
    expect(span(q)).toMatchObject({ from, to, topicless });
  });
});

describe("parseTimeSpan: quoted names (questions)", () => {
  const asked = (q: string) => parseTimeSpan(q, NOW, { skipQuoted: true });
  it.each([
    "Хто написав «Завтра була війна»?",
    'Who sang "Yesterday"?',
    "Що відомо про вулицю «8 Березня»?",
    "Хто співав „Завтра“?",
  ])("%s: the time word is part of a quoted name", (q) => {
    expect(hasTime(asked(q))).toBe(false);
    expect(asked(q).rest).toBe(q);
    // Article text keeps them: a quote there is speech, dated by its article.
    expect(hasTime(span(q))).toBe(true);
  });
  it("time outside the quotes, or quotes around the whole question, still count", () => {
    expect(asked("Що писали про «метро» вчора?")).toMatchObject({ from: "2026-02-03", rest: "Що писали про «метро»?" });
    expect(asked("«Що буде завтра?»")).toMatchObject({ from: "2026-02-05", topicless: true });
    expect(asked('"What happened yesterday?"')).toMatchObject({ from: "2026-02-03", topicless: true });
  });
});

describe("parseTimeSpan: month names used as names", () => {
  const asked = (q: string) => parseTimeSpan(q, NOW, { skipQuoted: true });
  it.each([
    "Хто такий Травень?",
    "Кто такой Май?",
    "Що відомо про вулицю 8 Березня?",
    "Що сталося на вулиці Першого Травня?",
    "Що відбувається на проспекті Перемоги?",
    "Що будують на площі 1 Травня?",
    "площа 1 Травня",
    "Що писали про вул. 8 Березня?",
    "Что случилось на ул. 8 Марта?",
  ])("%s: a street's or a person's name, not a date", (q) => {
    expect(hasTime(asked(q))).toBe(false);
    expect(asked(q).rest).toBe(q);
    expect(hasTime(span(q))).toBe(false);
  });
  it.each([
    ["Що сталося на вулиці у травні?", "2025-05-01", "2025-05-31"],
    ["Що було у травні?", "2025-05-01", "2025-05-31"],
    ["Что было в мае?", "2025-05-01", "2025-05-31"],
    ["What happened in May?", "2025-05-01", "2025-05-31"],
    ["Що було 8 березня?", "2025-03-08", "2025-03-08"],
    ["Хто такий травень?", "2025-05-01", "2025-05-31"],
    ["Що писали про площу 1 травня 2025 року?", "2025-05-01", "2025-05-01"],
    // "на вулиці" is also "outside": a month in small letters after it is the day.
    ["Яка погода була на вулиці 8 березня?", "2025-03-08", "2025-03-08"],
  ])("%s: still a date", (q, from, to) => {
    expect(asked(q)).toMatchObject({ from, to });
  });
});

describe("parseTimeSpan: the last of someone's or something's span", () => {
  it.each([
    "What did he do in the last two years of his life?",
    "During the last three years of the war, who ruled?",
    "What happened in the last week of the war?",
    "What changed in the last year of the war?",
    "Що він робив за останні два роки життя?",
    "Що сталося за останню добу перед штурмом?",
    "Що писали за останні два тижні до виборів?",
  ])("%s: not a window ending today", (q) => {
    expect(hasTime(span(q))).toBe(false);
  });
  it.each([
    "Що писали за останні два тижні?",
    "What happened in the last week?",
    "Що було минулого року?",
    "за останню добу",
    // A calendar period in Ukrainian or Russian is never the last of another span: "before" or
    // "after" next narrows the topic, not the period.
    "Що сталося торік перед виборами?",
    "Що писали минулого тижня після засідання уряду?",
    "Что было в прошлом году до войны?",
    "Скільки коштував проїзд минулого місяця до подорожчання?",
  ])("%s: still a period", (q) => {
    expect(hasTime(span(q))).toBe(true);
  });
});

describe("parseTimeSpan: recency and topic", () => {
  it.each([
    ["Останні новини про метро", true, "про метро", false],
    ["Що нового?", true, "", true],
    ["Последние новости", true, "", true],
    ["What's new?", true, "", true],
    ["Latest news about the metro", true, "about the metro", false],
    // "the latest from/in X" asks for the newest on X, as "останнє зі Львова" does.
    ["What's the latest from Lviv?", true, "What's from Lviv", false],
    ["What is the latest in Kharkiv?", true, "What is in Kharkiv", false],
    ["What's the latest out of Odesa?", true, "What's out of Odesa", false],
    ["What's the latest in Lviv?", true, "What's in Lviv", false],
    // "latest in" before anything but a place is not "the newest".
    ["Was the strike the latest in a series of attacks?", false, "Was the strike the latest in a series of attacks", false],
    ["Was the strike the latest in the Russian campaign?", false, "Was the strike the latest in the Russian campaign", false],
    // "at the latest" is a deadline, whatever follows it.
    ["Will the bridge open by Friday at the latest?", false, "Will the bridge open by at the latest", false], // Friday is the time,
    ["Will the metro reopen at the latest on Kyiv Day?", false, "Will the metro reopen at the latest on Kyiv Day", false],
    ["Will the metro reopen at the latest in Kyiv?", false, "Will the metro reopen at the latest in Kyiv", false],
    ["What type of valve is used by recent safety valves?", false, "What type of valve is used by recent safety valves", false],
  ])("%s", (q, recency, rest, topicless) => {
    const s = span(q);
    expect(s.recency).toBe(recency);
    expect(s.rest.replace(/[?]$/, "")).toBe(rest);
    expect(s.topicless).toBe(topicless);
    if (recency) expect(s.from).toBeNull();
  });
  it("'latest in' before a month or after 'at the' is the month, not 'the newest'", () => {
    expect(span("Will the law take effect at the latest in March?")).toMatchObject({ recency: false, from: "2026-03-01", to: "2026-03-31" });
    expect(span("What was the latest in January?")).toMatchObject({ recency: false, from: "2026-01-01", to: "2026-01-31" });
  });
  it("removes the time words, so 'минулого' does not match an article word", () => {
    const s = span("Що писали про метро минулого тижня?");
    expect(s.rest).toBe("Що писали про метро?");
    expect(s.matches.map((m) => m.text)).toEqual(["минулого тижня"]);
    expect(s.topicless).toBe(false);
  });
  it("a question of time alone is topicless; time plus recency keeps both", () => {
    const s = span("що нового за тиждень?");
    expect(s).toMatchObject({ recency: true, topicless: true, from: "2026-01-29", to: "2026-02-04" });
    expect(span("Що відбулося вчора?").topicless).toBe(true);
    expect(span("What happened in Lviv yesterday?").topicless).toBe(false);
  });
  it("the lead-ins of a follow-up ('як щодо', 'как насчёт', 'what about') are no topic; what they lead to may be", () => {
    for (const q of ["А як щодо минулого тижня?", "Як щодо сьогодні?", "а как насчёт вчера?", "А что насчет вчера?", "How about yesterday?"]) {
      expect(span(q).topicless, q).toBe(true);
    }
    // "сьогодні" counts only in a question of time alone: it does here.
    expect(range("Як щодо сьогодні?")).toEqual(["2026-02-04", "2026-02-04"]);
    expect(span("Як щодо метро вчора?")).toMatchObject({ topicless: false, rest: "Як щодо метро?" });
    expect(span("Як щодо метро?")).toMatchObject({ topicless: false, matches: [] });
  });
  it("a question without time is left as it is", () => {
    const q = "Хто такий Серджіо Гор?";
    expect(span(q)).toMatchObject({ from: null, to: null, recency: false, matches: [], rest: q, topicless: false });
  });
});

describe("/help's examples of questions about time", () => {
  it("ask the same in Ukrainian and English: each pair names the same period, on any day of the week", () => {
    const { uk, en } = TIME_TEXTS;
    expect(uk.examples).toHaveLength(en.examples.length);
    const read = (q: string, now: Date) => {
      const s = span(q, now);
      return { from: s.from, to: s.to, recency: s.recency, topicless: s.topicless };
    };
    // Monday to Sunday of one week: "this week" and "the past 7 days" differ on each.
    for (let day = 2; day <= 8; day++) {
      const now = new Date(`2026-02-0${day}T10:00:00Z`);
      uk.examples.forEach((question, i) => {
        expect(read(en.examples[i]!, now), `${question} / ${en.examples[i]} on ${isoDay(now, "UTC")}`).toEqual(read(question, now));
      });
    }
  });
  it("the day asked about (the newest article's) is that day in both languages, also a year back", () => {
    const now = new Date("2026-02-05T10:00:00Z");
    for (const day of ["2026-02-03", "2025-02-10", "2025-12-31"]) {
      for (const question of [TIME_TEXTS.uk.dayExample(day), TIME_TEXTS.en.dayExample(day)]) {
        expect(span(question, now), question).toMatchObject({ from: day, to: day, topicless: true });
      }
    }
  });
  it("a day ahead (every article an announcement) is asked about as to come, and read as that day", () => {
    const now = new Date("2026-02-05T10:00:00Z");
    for (const day of ["2026-02-06", "2026-03-01", "2027-03-01"]) {
      for (const question of [TIME_TEXTS.uk.futureDayExample(day), TIME_TEXTS.en.futureDayExample(day)]) {
        expect(question).toMatch(/^(?:Що буде|What will happen on) /);
        expect(span(question, now), question).toMatchObject({ from: day, to: day, topicless: true });
      }
    }
  });
});

describe("parseTimeSpan: long texts", () => {
  it("reads a 32 KB text of many time words in linear time (each match looks at the words near it only)", () => {
    // An answer's quoted pieces are parsed too, and may be longer than a question. Each match tested
    // the whole text before it (a decade's "з", a street word, the clause's tense) and was compared
    // with every match before it: 32 KB of these took 4 s to 60 s, 12 to 20 times 8 KB's time.
    const words = "у 90-х, 10 лютого; у вівторок вчора у 2020 році з 2010 по 2015 рік 5–7 лютого, 10.02 в березні in the 1990s on May 5 вночі. ";
    const timed = (kb: number): number => {
      const text = words.repeat(Math.ceil((kb * 1024) / words.length));
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        expect(parseTimeSpan(text, NOW).matches.length).toBeGreaterThan(kb * 8);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    timed(1);
    // Linear, 4 times the text takes about 4 times as long (3 to 6 seen); quadratic, 16 (23 seen).
    // Room for a loaded machine between.
    expect(timed(32) / timed(8)).toBeLessThan(9);
  });
});
