// A reply to a listing that names one of its articles by its number ("А про що друга?",
// "Детальніше про 2", "Tell me more about the second one"): answered from that article, which no
// search for the reply's own words would find ("друга" is no article's topic).
import type { AnswerDraft, Answerer, Turn } from "../answers/answer.js";
import { citationOf } from "../answers/citations.js";
import { pickedArticleQuestion } from "../answers/prompt.js";
import { splitSentences } from "../answers/sentences.js";
import type { Chunk } from "../chunks/chunk.js";
import type { RankedPassage } from "../retrieval/passage.js";
import { FOOTNOTE_MARK } from "../texts/footnote-mark.js";
import type { Lang } from "../texts/lang.js";
import { closeQuotes } from "../texts/quotes.js";
import type { Answer } from "./knowledge-base.js";
import { dateRelativeWords } from "./time-questions.js";

// Ordinal words, 1 to 10 (a listing shows ten at most), in the common forms of each gender and
// case: Ukrainian and Russian adjective endings, hard and soft ("третій", "третий").
const UK = "(?:ий|а|е|у|ої|ій|ого|ому|им|ою|ім)";
const UK_SOFT = "(?:ій|я|є|ю|ьої|ього|ьому|ім|ьою)";
const RU = "(?:ый|ой|ая|ое|ую|ого|ому|ым|ом)";
const RU_SOFT = "(?:ий|ья|ье|ью|ьей|ьего|ьему|ьим|ьем)";
const APOSTROPHE = "['ʼ’]";
const ORDINAL_WORDS: readonly string[] = [
  `перш${UK}|перв${RU}|first`,
  `друг${UK}|втор${RU}|second`,
  `трет${UK_SOFT}|трет${RU_SOFT}|third`,
  `четверт(?:${UK}|${RU})|fourth`,
  `п${APOSTROPHE}ят${UK}|пят${RU}|fifth`,
  `шост${UK}|шест${RU}|sixth`,
  `сьом${UK}|седьм${RU}|seventh`,
  `восьм(?:${UK}|${RU})|eighth`,
  `дев${APOSTROPHE}ят${UK}|девят${RU}|ninth`,
  `десят(?:${UK}|${RU})|tenth`,
];
const ORDINALS = ORDINAL_WORDS.map((forms) => new RegExp(`^(?:${forms})$`, "u"));
// Counted from the listing's end: the last, the second to last ("остання", "последнюю",
// "penultimate"). Russian "последн-" takes its own soft endings ("последняя", "последнее").
const RU_LAST = "последн(?:ий|яя|ее|юю|ей|его|ему|им|ем)";
const FROM_END = [`останн${UK_SOFT}|${RU_LAST}|last`, `передостанн${UK_SOFT}|пред${RU_LAST}|penultimate`].map(
  (forms) => new RegExp(`^(?:${forms})$`, "u"),
);
// "second to last", "second-last": one word, as "penultimate" is.
const SECOND_TO_LAST = /\bsecond(?:[ -]to)?[ -]last\b/gu;
// "2-га", "2-й", "3-ю", "2nd", "3rd": a number written as an ordinal.
const NUMBERED_ORDINAL = /^(\d{1,2})(?:-?(?:[йаяеєюуі]|г[аоу]|ий|ій|ої|ого|ому|му|ом|st|nd|rd|th))$/u;
const NUMBER = /^\d{1,2}$/u;

// What an ordinal naming a listed article is followed by ("третій статті", "the second one",
// "the first about"); the words before a number that name it as one ("№2", "номер 2", "статтю 2").
const ITEM_WORDS = new Set(
  "стаття статті статтю статтею статей новина новини новину новиною новині пункт пункті пункту статья статьи статью статье статьей новость новости новостью one article story item piece link about".split(" "),
);
const NUMBER_SIGNS = new Set(["№", "#", "номер", "number", "no", "nr", ...ITEM_WORDS]);
// "About" after an ordinal: the reply asks what it is about ("Друга про що?", "А первая о чём?",
// as "the second about?"), not for a topic of its own ("А перша про бджіл?" has a word of its own).
const ABOUT_AFTER = new Set(["про", "о", "об", "обо"]);
// The only words a pick has before its ordinal or number, and after it: "and", "about", "what",
// "tell me more", "let's see", "давай", "please" ("будь ласка", "пожалуйста"), the item words
// ("А про що друга?", "Розкажи більше про першу", "Давай другу", "What's the first about?",
// "I want the second one", "статтю номер 2", "Другу статтю, будь ласка", "…in detail"), so the number is what the
// reply is about. Any other word makes it part of a
// question of its own: "Вона прийшла остання?", "What happened last?" (how or when, not which
// article), "Хто перший?", "Чому 3?", "Did they open the bridge at last?".
const LEAD_WORDS = new Set([
  ..."а і й та ну ось от також теж саме про щодо як в у на з із що розкажи розкажіть детальніше докладніше більше покажи покажіть відкрий відкрийте дай мені давай давайте можна тоді ок добре будь ласка хочу детально".split(" "),
  ..."а и ну вот тоже также про насчёт насчет как о об обо в во у на с со что чём чем расскажи расскажите подробнее больше покажи покажите открой откройте дай мне давай давайте можно тогда ок хорошо пожалуйста хочу подробно поподробнее".split(" "),
  ..."and so then now also the a about on of in with what what's what’s whats is how tell me us more show open give please pls plz ok okay then i want let's lets see read detail details".split(" "),
  ...NUMBER_SIGNS,
]);
// "Остання новина", "последняя новость", "the last news" mean the newest (the listing's first,
// newest first), not its last item: asked as a question, they are read as one about time.
const NEWS_WORDS = /^(?:новин|новост|news)/u;
// "Ще 3", "Топ 10?", "Другие 5", "Наступні 3", "Next 3", "Більше 3": a number after these asks for
// that many more articles, not for article N ("3 more" needs none: "more" after a number is no
// item word). "Наступн-", "следующ-" in any form: "наступних 3", "следующие 3".
const MORE_WORDS = /^(?:ще|ещё|еще|more|top|топ|інші|інших|другие|других|other|others|наступн\p{L}*|следующ\p{L}*|next|більше|больше)$/u;

/** Longest reply read as a pick: a longer one asks something of its own. */
const MAX_WORDS = 8;
/** Longest reply whose bare number ("Детальніше про 2") is a pick: "Що було 2 лютого?" is a date. */
const MAX_WORDS_WITH_NUMBER = 5;

/**
 * Which article of a listing a reply names by its number, or undefined: 1 for the first, and -1
 * for the last, -2 for the one before it (counted from the end, as `Array.prototype.at` counts:
 * only the caller knows the listing's length). An ordinal word ("друга", "первую", "second",
 * "2-га", "3rd", "остання", "last") that ends the reply or is followed by
 * "article", "one", "about" and the like ("А що в третій статті?", "the second one", "Друга про
 * що?"), or a bare number in a
 * short reply, its only number ("Детальніше про 2", "№2", "статтю 2"), with only "а", "про", "що",
 * "tell me about the" and the like before it. Only replies of a few words: "Хто перша леді?" names
 * no article ("леді" follows), nor do "Що було 2 лютого?", "2+2?", nor an ordinal in a question of
 * its own ("Хто перший?", "Вона прийшла остання?", "What happened last?", "at last"), nor a time
 * ("останнім часом", "last week": "last" followed by a word that is not "one" or "article"), nor
 * a count of more articles ("Ще 3", "Топ 10?", "3 more?", "Наступні 3", "next 3"), nor one
 * followed by a word of the reply's own ("Is the first one true?", "Стаття 2 правдива?").
 */
export function pickedItem(question: string): number | undefined {
  const tokens = question.toLowerCase().replace(SECOND_TO_LAST, "penultimate").match(/[\p{L}\p{N}'ʼ’-]+|[№#]/gu) ?? [];
  const words = tokens.filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (words.length > MAX_WORDS) return undefined;
  // The reply's first word that is no lead word ("а", "про", "the"): a pick's ordinal or number.
  const at = tokens.findIndex((t) => /[\p{L}\p{N}]/u.test(t) && !LEAD_WORDS.has(t));
  const token = tokens[at];
  if (token === undefined) return undefined;
  const next = tokens[at + 1];
  const before = tokens[at - 1];
  // A word of the reply's own after the ordinal or number (any but the lead and item words a pick
  // has: "the second one, please", "the first about") makes it part of a question about that
  // article, not a pick of it: "Is the first one true?", "How is the last one different?".
  const ownWordAfter = tokens.slice(at + 1).some((t) => /[\p{L}\p{N}]/u.test(t) && !LEAD_WORDS.has(t));
  if (ownWordAfter) return undefined;
  const names = next === undefined || ITEM_WORDS.has(next) || ABOUT_AFTER.has(next);
  const ordinal = ordinalOf(token);
  // "19-го", "5-го" alone name a day of the month ("А 19-го?" under a dated listing), not an article.
  const day = /\d-?го$/u.test(token) && next === undefined;
  const newest = ordinal !== undefined && ordinal < 0 && next !== undefined && NEWS_WORDS.test(next);
  if (ordinal !== undefined) return names && !day && !newest ? ordinal : undefined;
  // A bare number names an article only as the reply's one number: "2+2?", "О 15:30?", "З 1 по 5" name none.
  const oneNumber = (question.match(/\d+/gu) ?? []).length === 1;
  const more = before !== undefined && MORE_WORDS.test(before);
  const n = Number(token);
  const sign = names || (before !== undefined && NUMBER_SIGNS.has(before));
  return NUMBER.test(token) && oneNumber && !more && words.length <= MAX_WORDS_WITH_NUMBER && sign && n >= 1 ? n : undefined;
}

function ordinalOf(token: string): number | undefined {
  const at = ORDINALS.findIndex((pattern) => pattern.test(token));
  if (at >= 0) return at + 1;
  const fromEnd = FROM_END.findIndex((pattern) => pattern.test(token));
  if (fromEnd >= 0) return -(fromEnd + 1);
  const numbered = NUMBERED_ORDINAL.exec(token);
  const n = numbered ? Number(numbered[1]) : 0;
  return n >= 1 ? n : undefined;
}

/** Article text an opening quotes at most (as much as an extractive answer quotes). */
const OPENING_CHARS = 500;
const OPENING_SENTENCES = 3;
/** A lead paragraph this long says what the article is about: the opening goes no further. */
const LEAD_CHARS = 150;

/**
 * The opening of an article, from its first chunk: its first sentences (up to three, 500
 * characters, not past the lead paragraph unless that is shorter than 150), quoted as an
 * extractive answer quotes, "[1]" after them. A first sentence longer than 500 is cut at a word,
 * with "…".
 */
export function articleOpening(chunk: Chunk): AnswerDraft {
  const sentences = splitSentences(chunk.text);
  const start = sentences[0]?.start ?? 0;
  let end = sentences[0]?.end ?? chunk.text.length;
  for (const s of sentences.slice(1, OPENING_SENTENCES)) {
    // The lead paragraph, unless it is too short to say what the article is about (a dateline).
    const nextParagraph = /\n\s*\n/u.test(chunk.text.slice(end, s.start));
    if (s.end - start > OPENING_CHARS || (nextParagraph && end - start >= LEAD_CHARS)) break;
    end = s.end;
  }
  let cut = false;
  if (end - start > OPENING_CHARS) {
    const within = chunk.text.slice(start, start + OPENING_CHARS);
    const space = within.search(/\s\S*$/u);
    end = start + (space > 0 ? space : OPENING_CHARS);
    cut = true;
  }
  const quoted = closeQuotes(chunk.text.slice(start, end).replace(FOOTNOTE_MARK, "").trimEnd());
  return {
    mode: "extractive",
    text: `${quoted}${cut ? "…" : ""} [1]`,
    citations: [citationOf(1, chunk, { start: chunk.start + start, end: chunk.start + end })],
  };
}

/** What answering a pick needs. */
export interface PickRequest {
  /** As typed (the answer shows it); `asked`, its words alone (links and mentions left out). */
  question: string;
  asked: string;
  /** The item the reply names (1 for the first, -1 for the last: see pickedItem) and the listing's article ids, in order. */
  n: number;
  listed: readonly string[];
  chunkById: (id: string) => Chunk | undefined;
  answerer: Answerer;
  history: Turn[];
  /** ISO day, and how many of the article's chunks an LLM reads. */
  today: string;
  k: number;
  /** The language the quote's dates are written in (see AskOptions.lang). */
  lang: Lang;
  onDraft?: (textSoFar: string) => void;
  signal?: AbortSignal;
  ms: () => number;
}

/**
 * The answer to a reply picking a listed article: its opening, quoted; with an LLM, what the
 * model says the article's first `k` chunks say (its opening when the model refuses or fails:
 * the article is what was asked for, and its opening answers "what is it about"). A number past
 * the listing is answered "the list had only N" (reason "not-in-listing"); an article gone from
 * the index since, "not found".
 */
export async function answerPick(r: PickRequest): Promise<Answer> {
  const base = { question: r.question, answer: "", mode: "extractive" as const, citations: [], passages: [], closestTitles: [], listed: r.listed };
  // Counted from the end ("остання"): its number in the listing, which the prompt names.
  const n = r.n > 0 ? r.n : r.listed.length + 1 + r.n;
  const articleId = n >= 1 ? r.listed[n - 1] : undefined;
  if (articleId === undefined) return { ...base, notFound: true, reason: "not-in-listing", listingLength: r.listed.length, ms: r.ms() };
  const passages: RankedPassage[] = [];
  for (let i = 0; i < r.k; i++) {
    const chunk = r.chunkById(`${articleId}#${i}`);
    if (!chunk) break;
    passages.push({ chunk, score: 1 });
  }
  const first = passages[0]?.chunk;
  if (!first) return { ...base, notFound: true, reason: "no-passages", ms: r.ms() };
  let draft = articleOpening(first);
  if (r.answerer.mode === "llm") {
    const asked = pickedArticleQuestion(r.asked, n, first.title);
    const written = await r.answerer.answer(asked, passages, { history: r.history, today: r.today, ...(r.onDraft ? { onDraft: r.onDraft } : {}), ...(r.signal ? { signal: r.signal } : {}) });
    if (!written.notFound && written.mode === "llm") draft = written;
  }
  const text = draft.mode === "extractive" ? dateRelativeWords(draft.text, draft.citations, r.lang) : draft.text;
  return { ...base, answer: text, remembered: draft.text, mode: draft.mode, notFound: false, citations: draft.citations, passages, ms: r.ms() };
}
