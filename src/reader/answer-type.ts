// What kind of fact a question asks for (from its question words, in uk, ru and en) and whether
// a sentence holds one. A sentence that repeats the question but holds no date for a "when"
// question does not answer it.
import { words } from "../terms/tokenize.js";

export type AnswerType = "date" | "number" | "person" | "place" | null;

const DATE_Q =
  / (коли|когда|when) | (якому|якого|котрому|каком|какого|котором|what|which|in what) (році|року|год|году|года|year|century|столітті|століття|веке|века|десятилітті|decade|day|date|month|день|дня|дату|месяце|місяці) /;
const NUMBER_Q =
  / (скільки|сколько|how many|how much|how long|how old|what percentage|what percent|якого віку|яка кількість|какое количество) /;
const PERSON_Q = / (хто|кого|кому|ким|чий|чия|чиє|чиї|кто|кем|чей|чья|who|whom|whose) /;
const PLACE_Q = / (де|куди|звідки|где|куда|откуда|where) /;

// Question words that ask for no particular kind of fact (what, which, why, how), or for yes or no.
const OPEN_Q =
  / (що|чого|чому|чим|чім|навіщо|нащо|як|який|яка|яке|які|якого|якої|якому|якій|яким|якими|яких|якою|котрий|котра|котре|котрі|котрого|котрої|котрому|котрій|котрим|котрих|кім|чи|хіба|невже|что|чего|чему|чем|чём|зачем|почему|как|какой|какая|какое|какие|какого|какую|каком|каким|какими|каких|который|которая|которое|которые|которого|которой|которому|котором|которым|которых|ком|чьё|чье|чьи|разве|неужели|what|which|why|how) /;
// What may come before a question's question word: a conjunction or a preposition ("а з ким…",
// "and who…", "в якому році…", "ну а де…").
const LEAD_IN = new Set(
  "а і й та але ну ще и но еще ещё з із зі с со у в во на до від для про за по о об при між к ко от из and but so or also then with to from for about in on at by of".split(" "),
);
const MAX_LEAD_IN = 3;

/**
 * Whether `text` opens with a question word (uk, ru, en), after at most a few conjunctions and
 * prepositions: "А з ким він зустрівся", "and who paid", "Чому". What tells a question typed
 * without "?" from a remark.
 */
export function startsWithQuestionWord(text: string): boolean {
  const all = words(text);
  const first = all.findIndex((word) => !LEAD_IN.has(word));
  if (first < 0 || first > MAX_LEAD_IN) return false;
  const word = ` ${all[first]} `;
  return [DATE_Q, NUMBER_Q, PERSON_Q, PLACE_Q, OPEN_Q].some((pattern) => pattern.test(word));
}

/** The answer type a question asks for, or null (what/which/why/how questions). */
export function answerType(question: string): AnswerType {
  const q = ` ${words(question).join(" ")} `;
  if (DATE_Q.test(q)) return "date";
  if (NUMBER_Q.test(q)) return "number";
  if (PERSON_Q.test(q)) return "person";
  if (PLACE_Q.test(q)) return "place";
  return null;
}

const MONTH =
  "(січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листоп|груд|январ|феврал|март|апрел|ма[яйе]|июн|июл|август|сентябр|октябр|ноябр|декабр|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)";
const YEAR_OR_DATE = new RegExp(`\\b(1[0-9]{3}|20[0-9]{2})\\b|\\d{1,2}\\s+${MONTH}|${MONTH}\\p{L}*\\s+\\d{1,2}\\b|\\b\\d{1,2}(st|nd|rd|th)? century|\\b(century|столітт|век[ау]?)\\b`, "iu");
const NUMBER =
  /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|один|одна|два|дві|три|чотири|п'ять|шість|сім|вісім|дев'ять|десять|сто|тисяч|мільйон|мільярд|четыре|пять|шесть|семь|восемь|девять|миллион|миллиард)/iu;
const YEAR_OR_DATE_ALL = new RegExp(YEAR_OR_DATE.source, "giu");
const NUMBER_ALL = new RegExp(NUMBER.source, "giu");
// A capitalised word that does not start a sentence: a name (person, place, organisation).
const NAME = /(?<=[^.!?\s]\s+|[«"„(]\s*)\p{Lu}[\p{L}'’-]+/gu;

/**
 * Where in the sentence the answer type's matches stand, each widened to the whitespace around it
 * ("1643," whole, not "1643"): what `holdsAnswerType` finds, for cutting a long sentence without
 * losing the date a "when" question asks for. Empty for no type or no match.
 */
export function answerTypeSpans(type: AnswerType, sentence: string, questionWords: ReadonlySet<string>): { start: number; end: number }[] {
  const pattern = type === "date" ? YEAR_OR_DATE_ALL : type === "number" ? NUMBER_ALL : type === null ? null : NAME;
  if (pattern === null) return [];
  const spans: { start: number; end: number }[] = [];
  for (const m of sentence.matchAll(pattern)) {
    if ((type === "person" || type === "place") && questionWords.has(words(m[0])[0] ?? "")) continue;
    let start = m.index;
    let end = m.index + m[0].length;
    while (start > 0 && !/\s/u.test(sentence[start - 1]!)) start--;
    while (end < sentence.length && !/\s/u.test(sentence[end]!)) end++;
    // A number's digits each match: one span per word.
    if (spans.at(-1)?.start !== start) spans.push({ start, end });
  }
  return spans;
}

/**
 * 1 when the sentence holds what the answer type asks for and the question does not already
 * name it (a fresh name, a date, a number); 0 otherwise; null when the type is unknown.
 */
export function holdsAnswerType(type: AnswerType, sentence: string, questionWords: ReadonlySet<string>): number | null {
  switch (type) {
    case "date":
      return YEAR_OR_DATE.test(sentence) ? 1 : 0;
    case "number":
      return NUMBER.test(sentence) ? 1 : 0;
    case "person":
    case "place":
      return (sentence.match(NAME) ?? []).some((name) => !questionWords.has(words(name)[0] ?? "")) ? 1 : 0;
    default:
      return null;
  }
}
