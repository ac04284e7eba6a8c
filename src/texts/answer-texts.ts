// Texts about questions and answers that every surface shows (plain text; the bot escapes them).
import type { QuestionProblem } from "../shared/errors.js";
import type { Lang } from "./lang.js";
import { questionLang } from "./lang.js";
import { pastListingText } from "./pick-texts.js";
import { listedArticle, listingHeading, listingMoreText, periodNotFoundText, type TimedAnswer, withAsOf } from "./time-texts.js";
import { untabbed } from "./untabbed.js";

/** Longest question accepted, in characters. */
export const MAX_QUESTION_CHARS = 1000;

export const ANSWER_TEXTS = {
  uk: {
    empty: "Питання порожнє: напишіть, що саме ви хочете дізнатися.",
    linkOnly: "Напишіть питання словами: посилання я не відкриваю.",
    tooLong: (max: number) => `Питання задовге (понад ${max} символів): скоротіть його до суті.`,
    forwardTooLong: (max: number) => `Пересланий допис задовгий (понад ${max} символів), щоб питати про нього цілком: напишіть питання своїми словами, наприклад «Що відомо про …?».`,
    notFound: "У статтях немає відповіді на це питання.",
    searchUnavailable: "Пошук зараз працює не повністю; спробуйте ще раз за хвилину.",
    closest: (n: number) => (n === 1 ? "Найближча стаття:" : "Найближчі статті:"),
    unsure: "Прямої відповіді в статтях може не бути. Найближче, що в них є:",
  },
  en: {
    empty: "The question is empty: write what you want to know.",
    linkOnly: "Write the question in words: I don't open links.",
    tooLong: (max: number) => `The question is too long (over ${max} characters): please shorten it.`,
    forwardTooLong: (max: number) => `A forwarded post this long (over ${max} characters) is too long to ask about as a whole: send your question in your own words, e.g. “What is known about …?”.`,
    notFound: "The articles do not cover this question.",
    searchUnavailable: "Search is partly down right now; please try again in a minute.",
    closest: (n: number) => (n === 1 ? "Closest article:" : "Closest articles:"),
    unsure: "The articles may not answer this directly. The closest they come:",
  },
} as const;

/**
 * Why a question cannot be asked, in words. `forwarded`: the question is a post the user forwarded
 * (a private chat asks it), which they did not write, so "shorten it" would not do.
 */
export function questionProblemText(lang: Lang, reason: QuestionProblem, forwarded = false): string {
  if (reason === "too-long") return ANSWER_TEXTS[lang][forwarded ? "forwardTooLong" : "tooLong"](MAX_QUESTION_CHARS);
  return reason === "link-only" ? ANSWER_TEXTS[lang].linkOnly : ANSWER_TEXTS[lang].empty;
}

/** The "not found" answer text, listing the closest titles when there are any. */
export function notFoundText(lang: Lang, closestTitles: readonly string[]): string {
  const m = ANSWER_TEXTS[lang];
  if (closestTitles.length === 0) return m.notFound;
  return `${m.notFound} ${m.closest(closestTitles.length)}\n${closestTitles.map((t) => `- ${t}`).join("\n")}`;
}

/**
 * "Search is partly unavailable" for a question its words alone did not answer while the vector
 * search failed (the database or the embeddings server down): "not covered" would be untrue, and
 * the user would not ask again. Null for any other answer.
 */
export function searchUnavailableText(lang: Lang, a: { notFound: boolean; reason?: string }): string | null {
  return a.notFound && a.reason === "search-unavailable" ? ANSWER_TEXTS[lang].searchUnavailable : null;
}

/**
 * An answer's plain text in the question's language: "not found" (for a period: which one, and
 * the article nearest in time; for a reply naming an article past a listing's end, how many it
 * had), a listing of a period's articles, or the answer ("as of <date>"
 * first when its sources differ in date).
 */
export function answerText(a: TimedAnswer & { question: string; closestTitles: readonly string[]; unsure?: true; listingLength?: number }): string {
  const lang = questionLang(a.question);
  if (a.notFound) return searchUnavailableText(lang, a) ?? periodNotFoundText(lang, a) ?? pastListingText(lang, a) ?? notFoundText(lang, a.closestTitles);
  if (a.kind === "listing") {
    const more = listingMoreText(lang, a);
    return [listingHeading(lang, a), ...(a.citations ?? []).map((c) => listedArticle(lang, c)), ...(more ? [more] : [])].join("\n");
  }
  return shownAnswer(lang, a);
}

/**
 * The text of an answer as shown: a caution first when it may not answer the question (`unsure`), "as of <date>" when its sources differ in date, then `text` (default: the answer).
 */
export function shownAnswer(lang: Lang, a: TimedAnswer & { unsure?: true }, text: string = a.answer): string {
  const dated = withAsOf(lang, a, untabbed(text));
  return a.unsure ? `${ANSWER_TEXTS[lang].unsure}\n${dated}` : dated;
}
