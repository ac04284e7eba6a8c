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

// What makes an open question word ("що", "как", "how"…) open a remark instead: a comma right
// after що/что/як/как/what, said alone in surprise ("Що, знову", "Как, уже", "What, again"), or
// after the particle ж/же ("Що ж, побачимо"); after the other words a comma opens an aside of a
// question ("Чому, власне, він пішов", "Яка, до речі, ціна квитків"); як/как meaning "as"
// ("Як завжди, мимо", "Как всегда", "як на мене"); "what a(n)…" ("what a day"); "how" with one
// word and nothing else, or "of" next ("how nice", "how kind of you"), unless that word asks.
const PARTICLE = new Set(["ж", "же"]);
const ALONE = new Set(["що", "что", "як", "как", "what"]);
const AS = /^(?:як|как) (?:завжди|зазвичай|звичайно|всегда|обычно|водится|скажеш|скажете|скажешь|на мене|по мне)(?: |$)/;
const HOW_ASKS = new Set("come so much many long often far old big about exactly else".split(" "));
// Exclamations built like questions: як/как before a word of praise or regret ("Як гарно", "Як
// шкода", "Как здорово"), який/какой before one or before an exclaimed noun ("Яка краса", "Який
// жах", "Яка гарна новина", "Какой ужас"); a question would name what it asks about ("Як далеко",
// "Яка ціна"). Stems, so every gender and case form counts ("добр" not before "ат", "ал", "ав":
// "Як добратися до вокзалу", "Как добрался" ask the way). An exclamation is short: the exclaimed
// word and at most one word more ("Яка гарна новина", "Як гарно тут"), up to a comma or the
// "що" / "что" it is said of, often typed without its comma ("Як шкода, що так вийшло", "Как
// хорошо что вы пришли"), as "how" takes one word in English ("how nice"). Longer, it names what
// is asked about, with a verb or a time ("Які цікаві новини були вчора", "Який жах стався в
// Одесі"): a question. Only where and when it is may follow an exclamation ("Яка краса у
// Карпатах", "Какой ужас в Одессе", "Як гарно сьогодні в Києві"): words of SETTING, or a
// preposition and at most two words after it, right after what is exclaimed (a verb there, as in
// "Який жах стався в Одесі", makes it a question).
const EXCLAMATION_WORDS = 2;
const SETTING = new Set("тут там сьогодні сегодня зараз сейчас нині ныне вчора вчера знову опять вранці утром ввечері вечером".split(" "));
// Of place and time only: "про метро", "для дітей" name what is asked about.
const PREPOSITION = new Set("у в во на з із зі с со біля возле під под над до".split(" "));
const SETTING_AFTER_PREPOSITION = 2;
const THAT = new Set(["що", "шо", "что"]);
const PRAISE_OR_REGRET =
  /^(?:гарн|чудов|чудесн|класн|крут|прикольн|мил|сумн|смішн|цікав|дивн|страшн|прекрасн|жахлив|чарівн|красив|хорош|добр(?!ат|ал|ав)|поган|шкода|жаль|здоров|весел|приємн|соромн|дурн|безглузд|ужасн|странн|интересн|классн|смешн|грустн|замечательн|отличн|глуп|обидн|досадн|неприятн|приятн|стыдн|круто)/;
const EXCLAIMED = new Set("краса жах ганьба біда радість сором дурниця маячня нісенітниця неподобство щастя молодці молодець красота ужас позор кошмар бред чушь прелесть счастье молодцы молодец".split(" "));
const WHICH = /^(?:який|яка|яке|які|какой|какая|какое|какие)$/;
const PLURAL_WHICH = new Set(["які", "какие"]);

// English yes/no questions put an auxiliary before the subject ("did Gor meet Japarov", "is the
// forum in Bishkek", "can you tell me…"): without one ("Could be worse", "Will do", "Was fun")
// or with nothing after it ("So did I") a message opening with an auxiliary is a remark.
const AUXILIARY = new Set("do does did is are was were has have can could will would should".split(" "));
const SUBJECT = new Set(
  "i you he she it we they there this that these those the any anyone anybody anything someone somebody something everyone everybody everything my your his her its our their".split(" "),
);
// "do" and "have" are also imperatives ("Do it now", "Do your research", "Have a nice day",
// "Have your say"): after them only a personal pronoun, "there", "any" or a name is a subject.
const IMPERATIVE = new Set(["do", "have"]);
const PERSONAL = new Set(["i", "you", "we", "they", "there", "any"]);
// An article or possessive is only the start of a subject: a noun and then what is asked must
// follow ("was the deal signed"). With the noun last, the auxiliary is the verb of a remark
// ("Does the job", "Does the trick", "Did my best").
const DETERMINER = new Set("the my your his her its our their".split(" "));
// Russian yes/no questions put "ли" after the word asked about ("Встречался ли Гор…", "Был ли…"),
// except where it makes "hardly" ("Вряд ли", "Едва ли") or "almost" ("Чуть ли не весь город").
// The particle is written in lower case: "Ли" is a name ("Спайк Ли снял фильм", "Премьер Ли Цян").
const NOT_LI = new Set(["вряд", "навряд", "едва", "чуть"]);

// A message ending in "!" (emoji or a ")" may follow) exclaims: "Як гарно!", "Who cares!", "Did it!".
const EXCLAMATION_END = /![^\p{L}\p{N}?]*$/u;

/** A word of the text as the tokenizer reads it, whether it is capitalised and whether a comma follows it. */
interface OpeningWord {
  word: string;
  capital: boolean;
  comma: boolean;
}

function openingWords(text: string): OpeningWord[] {
  const out: OpeningWord[] = [];
  // A run between spaces and commas may hold several words ("U.S.", "пів-року").
  for (const [, run = "", comma] of text.matchAll(/([^\s,]+)(\s*,)?/gu)) {
    const runWords = words(run);
    for (const [i, word] of runWords.entries()) {
      out.push({ word, capital: i === 0 && /^\P{L}*\p{Lu}/u.test(run), comma: comma !== undefined && i === runWords.length - 1 });
    }
  }
  return out;
}

/**
 * Whether `text` opens like a question (uk, ru, en), after at most a few conjunctions and
 * prepositions: with a question word ("А з ким він зустрівся", "and who paid", "Чому"), an
 * English auxiliary before its subject ("did Gor meet Japarov") or a Russian "ли" second ("Был ли
 * он там"). What tells a question typed without "?" from a remark: an exclamation, and the open
 * question words used in remarks ("Як завжди, мимо", "Що ж, побачимо", "how nice", "what a
 * day"), are not questions.
 */
export function startsWithQuestionWord(text: string): boolean {
  if (EXCLAMATION_END.test(text)) return false;
  const all = openingWords(text);
  const first = all.findIndex(({ word }) => !LEAD_IN.has(word));
  const head = all[first];
  if (head === undefined || first > MAX_LEAD_IN) return false;
  const rest = all.slice(first + 1);
  const word = ` ${head.word} `;
  // "Хто б сумнівався", "Кто бы мог подумать": who would have thought, a remark.
  if ((head.word === "хто" || head.word === "кто") && (rest[0]?.word === "б" || rest[0]?.word === "бы")) return false;
  if ([DATE_Q, NUMBER_Q, PERSON_Q, PLACE_Q].some((pattern) => pattern.test(word))) return true;
  if (OPEN_Q.test(word)) return !opensRemark(head, rest);
  if (rest[0]?.word === "ли") return !NOT_LI.has(head.word) && !(rest[0].capital && /\p{Ll}/u.test(text));
  const subject = rest[0];
  if (!AUXILIARY.has(head.word) || subject === undefined || rest.length < (DETERMINER.has(subject.word) ? 3 : 2)) return false;
  return subject.capital || (IMPERATIVE.has(head.word) ? PERSONAL : SUBJECT).has(subject.word);
}

/** Whether an open question word (`head`, then `rest`) opens a remark: see PARTICLE, ALONE, AS, PRAISE_OR_REGRET and HOW_ASKS. */
function opensRemark(head: OpeningWord, rest: OpeningWord[]): boolean {
  const [next, after] = rest;
  if ((head.comma && ALONE.has(head.word)) || (next !== undefined && PARTICLE.has(next.word) && next.comma)) return true;
  if (AS.test([head, ...rest.slice(0, 2)].map((w) => w.word).join(" "))) return true;
  if (next !== undefined) {
    if ((head.word === "як" || head.word === "как") && PRAISE_OR_REGRET.test(next.word) && exclaimedOnly(rest, 1)) return true;
    // "Яка гарна новина": the adjective, then the noun it praises. In the plural with more after it
    // ("Які цікаві новини у Києві", "Какие хорошие рестораны в Москве") it asks for a list: only
    // the two words ("Які гарні фото") exclaim.
    const praised = PLURAL_WHICH.has(head.word) ? Number.POSITIVE_INFINITY : 2;
    const exclaimed = PRAISE_OR_REGRET.test(next.word) ? praised : EXCLAIMED.has(next.word) ? 1 : 0;
    if (WHICH.test(head.word) && exclaimed > 0 && exclaimedOnly(rest, exclaimed)) return true;
  }
  if (head.word === "what") return next?.word === "a" || next?.word === "an";
  if (head.word === "how") return next !== undefined && !HOW_ASKS.has(next.word) && (rest.length === 1 || after?.word === "of");
  return false;
}

/**
 * Whether the words after an exclaiming як/який (`rest`), up to a comma or "що", are an
 * exclamation's: at most two words, or the `exclaimed` words ("краса"; "гарна новина") and then
 * only where and when (see EXCLAMATION_WORDS).
 */
function exclaimedOnly(rest: OpeningWord[], exclaimed: number): boolean {
  const end = rest.findIndex((w, i) => w.comma || THAT.has(rest[i + 1]?.word ?? ""));
  const clause = (end === -1 ? rest : rest.slice(0, end + 1)).map((w) => w.word);
  return clause.length <= EXCLAMATION_WORDS || (exclaimed < clause.length && settingOnly(clause.slice(exclaimed)));
}

/** Whether words say only where or when: "у Карпатах", "сьогодні в Києві", "тут". */
function settingOnly(words: readonly string[]): boolean {
  let afterPreposition = Number.POSITIVE_INFINITY;
  for (const word of words) {
    if (PREPOSITION.has(word)) afterPreposition = 0;
    else if (SETTING.has(word)) afterPreposition = Number.POSITIVE_INFINITY;
    else if (++afterPreposition > SETTING_AFTER_PREPOSITION) return false;
  }
  return afterPreposition !== 0;
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
