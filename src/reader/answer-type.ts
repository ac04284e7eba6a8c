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
// A capitalised word that does not start a sentence: a name (person, place, organisation).
const NAME = /(?<=[^.!?\s]\s+|[«"„(]\s*)\p{Lu}[\p{L}'’-]+/gu;

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
