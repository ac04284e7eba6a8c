// The words and patterns time is written with (months, counts, weekdays, ordinals, the news):
// regex sources for the rules, and the readers that turn a matched word back into its number.

// Word edges that work for Cyrillic too (\b only knows ASCII letters).
export const B = "(?<![\\p{L}\\p{N}'’‘ʼʻ`´′])";
export const E = "(?![\\p{L}\\p{N}])";

// Month names: [pattern, month]. Ukrainian and Russian in every case a question uses; English
// full names, and abbreviations only next to a day number (where "may" or "mar" cannot be a word).
const MONTHS_UK_RU: [string, number][] = [
  ["січ(?:ень|ня|ні)|январ[ьяе]", 1],
  ["лют(?:ий|ого|ому)|феврал[ьяе]", 2],
  ["берез(?:ень|ня|ні)|март[ае]?", 3],
  ["квіт(?:ень|ня|ні)|апрел[ьяе]", 4],
  ["трав(?:ень|ня|ні)|ма[йяе]", 5],
  ["черв(?:ень|ня|ні)|июн[ьяе]", 6],
  ["лип(?:ень|ня|ні)|июл[ьяе]", 7],
  ["серп(?:ень|ня|ні)|август[ае]?", 8],
  ["верес(?:ень|ня|ні)|сентябр[ьяе]", 9],
  ["жовт(?:ень|ня|ні)|октябр[ьяе]", 10],
  ["листопад[аіу]?|ноябр[ьяе]", 11],
  ["груд(?:ень|ня|ні)|декабр[ьяе]", 12],
];
const MONTHS_EN: [string, number][] = [
  ["january", 1], ["february", 2], ["march", 3], ["april", 4], ["may", 5], ["june", 6],
  ["july", 7], ["august", 8], ["september", 9], ["october", 10], ["november", 11], ["december", 12],
];
export const MONTHS_EN_SHORT: [string, number][] = [
  ["jan", 1], ["feb", 2], ["mar", 3], ["apr", 4], ["jun", 6], ["jul", 7], ["aug", 8], ["sept?", 9], ["oct", 10], ["nov", 11], ["dec", 12],
];
export const alt = (list: [string, number][]): string => list.map(([p]) => p).join("|");
export const MONTH_UK_RU = alt(MONTHS_UK_RU);
export const MONTH_EN = alt(MONTHS_EN);
export const MONTH_ANY_DAY = `${MONTH_UK_RU}|${MONTH_EN}|${alt(MONTHS_EN_SHORT)}`;
const monthTests = [...MONTHS_UK_RU, ...MONTHS_EN, ...MONTHS_EN_SHORT].map(([p, n]) => [new RegExp(`^(?:${p})\\.?$`, "iu"), n] as const);
export function monthOf(word: string): number {
  for (const [re, n] of monthTests) if (re.test(word)) return n;
  return 0;
}

// Words a day may be followed by: "4 may of this year", "on 4 may in Kyiv", "4 may and 5 may", "4 may was a Sunday".
const AFTER_A_DAY = new Set("of in at on and or to till until through from for during by was were is this last next".split(" "));
/**
 * "4 may attend", "Which of the 4 may be chosen?": a lower-case "may" after a number and before a word
 * (not a year or other figures, not punctuation or the end, not one a day is followed by) is the
 * verb, not the month. "4 May", "4 may?", "4 may 2026", "on 4 may." and "4th of may" are the month:
 * the rules check the last two before asking.
 */
export function mayAsVerb(month: string, after: string): boolean {
  if (month !== "may") return false;
  const next = /^\s+(\p{L}+)/u.exec(after)?.[1];
  return next !== undefined && !AFTER_A_DAY.has(next.toLowerCase());
}

export const YEAR_WORD = "\\s*(?:року|році|рік|р\\.|года|году|год|г\\.)";
// After a span of years ("2020–2025 роки", "у 2012–2013 годах", "з 2020 по 2025 рік", "між 2010 і 2015 роками"): the plural too.
export const YEARS_WORD = `(?:\\s*(?:роки|років|роках|роками|рр\\.|годы|годов|годах|годами|гг\\.)|${YEAR_WORD})`;
export const PREP_WORDS = "у|в|во|на|за|від|з|с|со|of|in|on|during|since|for|from";
export const PREP = `(?:(?:${PREP_WORDS})\\s+)?`;

// "3 дні тому", "три дня назад", "two days ago", "тиждень тому": a count of days, weeks or months
// back, in digits or the words people write for small numbers ("a week ago" counts one).
const COUNT_WORDS: [string, number][] = [
  ["a|an|one|один|одна|одну", 1],
  ["два|дві|две|two", 2],
  ["три|three", 3],
  ["чотири|четыре|four", 4],
  ["п['’‘ʼʻ`´′]?ять|five", 5],
  ["шість|шесть|six", 6],
  ["сім|семь|seven", 7],
  ["вісім|восемь|eight", 8],
  ["дев['’‘ʼʻ`´′]?ять|nine", 9],
  ["десять|ten", 10],
];
export const COUNT = `\\d{1,4}|${alt(COUNT_WORDS)}`;
// "двое суток", "троє діб": the collective numbers "сутки" are counted with (Russian has no "две
// сутки"), and "доба" may be; read only before these two words, where they count days.
const COLLECTIVE_WORDS: [string, number][] = [
  ["двоє|двое", 2],
  ["троє|трое", 3],
  ["четверо", 4],
  ["п['’‘ʼʻ`´′]?ятеро|пятеро", 5],
  ["шестеро", 6],
  ["семеро", 7],
];
export const DAY_COUNT = `${COUNT}|${alt(COLLECTIVE_WORDS)}`;
const countTests = [...COUNT_WORDS, ...COLLECTIVE_WORDS].map(([p, n]) => [new RegExp(`^(?:${p})$`, "iu"), n] as const);
export function countOf(word: string | undefined): number {
  if (word === undefined) return 0;
  if (/^\d+$/.test(word)) return Number(word);
  for (const [re, n] of countTests) if (re.test(word)) return n;
  return 0;
}
// "тому що" (also "тому що,") is "because": "Він не приїхав 5 днів тому що захворів" gives a
// reason, not a day. With a comma, "тому, що" stays a time ("3 дні тому, що сталося?"): "said 3
// days ago that…" takes that comma too ("сказав 3 дні тому, що…"), "because" needs none. So
// does one that opens its sentence ("Рік тому що змінилося?"): a reason needs a clause before it.
export const AGO = "(?:тому(?:\\s+назад|(?!\\s+(?:що|шо)(?![\\p{L}\\p{N}])))|назад|ago)";
export const SENTENCE_OPENING = "(?<=(?:^|[.!?…]\\s)\\s*(?:(?:а|і|й|ну|та)\\s+)?)";
// "за останні", "за минулі", "за последние", "за минувшие", "in the last", "over the past": a rolling window back from today.
export const LAST_UK_RU = "за\\s+(?:останні|останню|минулі|минулу|последние|последнюю|прошедшие|прошедшую|прошлые|минувшие|минувшую)";
export const LAST = `${LAST_UK_RU}|(?:(?:in|over|during)\\s+)?(?:the\\s+)?(?:last|past)`;
// "the last two years of his life", "за останні два тижні перед виборами", "за останню добу до
// штурму": the last of someone's or something's span, not a window ending today. Read only when
// none of these follows.
export const NOT_OF = "(?!\\s+(?:of|before|after|перед|до|після|после|життя|жизни|війни|войны|правління|правления)(?![\\p{L}\\p{N}]))";

export const WEEKDAYS: [string, number][] = [
  ["понеділок|понедельник|monday", 0],
  ["вівторок|вторник|tuesday", 1],
  ["середу|середа|среду|среда|wednesday", 2],
  ["четвер|четверг|thursday", 3],
  ["п['’‘ʼʻ`´′]?ятницю|пятницу|friday", 4],
  ["суботу|субботу|saturday", 5],
  ["неділю|воскресенье|sunday", 6],
];
// The other cases a weekday takes after "минулої" / "прошлой" ("минулої суботи", "прошлой
// субботой"): read only there, as "до суботи" or "з понеділка" bound a period rather than name a day.
export const WEEKDAYS_AFTER_PAST = ["понеділка|понедельника", "вівторка|вторника", "середи|среды|средой", "четверга", "п['’‘ʼʻ`´′]?ятниці|пятницы|пятницей", "суботи|субботы|субботой", "неділі|воскресенья"];
// "минулої суботи", "в минулу суботу", "в прошлую субботу", "last Saturday": the latest one before today.
export const PAST = "минул(?:ої|ого|у|ий|ій)|прошл(?:ой|ую|ый|ым|ого|ое)|last|previous";
// "вихідні" / "выходные" as days off, also "цими вихідними" / "этими выходными"; "ці вихідні дані" /
// "эти выходные данные" are output data.
export const WEEKEND = `(?:вихідних|вихідні|вихідними|выходных|выходные|выходными)(?!\\s+дан(?:і|их|ими|ные|ных|ными)${E})`;

// "at the latest" is a deadline, never "the newest": kept out of the recency words below.
export const NOT_AT = "(?<!(?<![\\p{L}\\p{N}])at\\s+(?:the\\s+)?)";

// A day of the month in words, as said aloud: "третього лютого", "двадцять сьомого січня",
// "третье февраля" (the genitive, or the neuter a date is named with). [pattern, day], the stem
// before its ending; tens ("двадцять", "тридцать") are added before a unit.
const APOSTROPHE = "['’‘ʼʻ`´′]?";
const ORDINALS: [string, number][] = [
  ["перш|перв", 1], ["друг|втор", 2], ["трет", 3], ["четверт", 4], [`п${APOSTROPHE}ят`, 5], ["шост|шест", 6], ["сьом|седьм", 7], ["восьм", 8],
  [`дев${APOSTROPHE}ят`, 9], ["десят", 10], ["одинадцят|одиннадцат", 11], ["дванадцят|двенадцат", 12], ["тринадцят|тринадцат", 13],
  ["чотирнадцят|четырнадцат", 14], [`п${APOSTROPHE}ятнадцят|пятнадцат`, 15], ["шістнадцят|шестнадцат", 16], ["сімнадцят|семнадцат", 17],
  ["вісімнадцят|восемнадцат", 18], [`дев${APOSTROPHE}ятнадцят|девятнадцат`, 19], ["двадцят|двадцат", 20], ["тридцят|тридцат", 30],
];
export const ORDINAL_DAY = `(?:${alt(ORDINALS)})(?:ього|ьего|ого|е|є|ье)`;
export const ORDINAL_TENS = "двадцять|тридцять|двадцать|тридцать";
const ordinalTests = ORDINALS.map(([p, n]) => [new RegExp(`^(?:${p})(?:ього|ьего|ого|е|є|ье)$`, "iu"), n] as const);
/** The day an ordinal in words names ("двадцять" + "третього": 23), or 0 when it names none (a unit after "двадцять" above 9). */
export function ordinalOf(tens: string | undefined, unit: string): number {
  const n = ordinalTests.find(([re]) => re.test(unit))?.[1] ?? 0;
  if (tens === undefined) return n;
  return n >= 1 && n <= 9 ? (/^три/iu.test(tens) ? 30 : 20) + n : 0;
}

// A day of the month in English words: "the third of February", "February third", "the twenty-first
// of May", "March thirty-first". Tens ("twenty", "thirty") go before a unit, with a space or a hyphen.
const ORDINALS_EN: [string, number][] = [
  ["first", 1], ["second", 2], ["third", 3], ["fourth", 4], ["fifth", 5], ["sixth", 6], ["seventh", 7], ["eighth", 8], ["ninth", 9],
  ["tenth", 10], ["eleventh", 11], ["twelfth", 12], ["thirteenth", 13], ["fourteenth", 14], ["fifteenth", 15], ["sixteenth", 16],
  ["seventeenth", 17], ["eighteenth", 18], ["nineteenth", 19], ["twentieth", 20], ["thirtieth", 30],
];
export const ORDINAL_EN = `(?:(?:twenty|thirty)[\\s-]+)?(?:${alt(ORDINALS_EN)})`;
/** The day an English ordinal names ("third": 3, "twenty-first": 21), or 0 when it names none ("twenty-tenth"). */
export function ordinalEnOf(words: string): number {
  const [, tens, unit = ""] = /^(?:(twenty|thirty)[\s-]+)?(\p{L}+)$/iu.exec(words.trim()) ?? [];
  const n = ORDINALS_EN.find(([name]) => name === unit.toLowerCase())?.[1] ?? 0;
  if (tens === undefined) return n;
  return n >= 1 && n <= 9 ? (/^thirty$/iu.test(tens) ? 30 : 20) + n : 0;
}

// What the news is called, after "останні" / "вчорашні" (Ukrainian, Russian).
export const NEWS_UK = "(?:новини|події|статті|публікації|повідомлення)";
export const NEWS_RU = "(?:новости|события|статьи|публикации|сообщения)";
