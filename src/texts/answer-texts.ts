// Texts about questions and answers that every surface shows (plain text; the bot escapes them).
import type { Lang } from "./lang.js";
import { pickLang } from "./lang.js";

/** Longest question accepted, in characters. */
export const MAX_QUESTION_CHARS = 1000;

export const ANSWER_TEXTS = {
  uk: {
    empty: "Питання порожнє: напишіть, що саме ви хочете дізнатися.",
    tooLong: (max: number) => `Питання задовге (понад ${max} символів): скоротіть його до суті.`,
    notFound: "У статтях немає відповіді на це питання.",
    closest: "Найближчі статті:",
  },
  en: {
    empty: "The question is empty: write what you want to know.",
    tooLong: (max: number) => `The question is too long (over ${max} characters): please shorten it.`,
    notFound: "The articles do not cover this question.",
    closest: "Closest articles:",
  },
} as const;

/** Why a question cannot be asked, in words. */
export function questionProblemText(lang: Lang, reason: "empty" | "too-long"): string {
  return reason === "empty" ? ANSWER_TEXTS[lang].empty : ANSWER_TEXTS[lang].tooLong(MAX_QUESTION_CHARS);
}

/** The "not found" answer text, listing the closest titles when there are any. */
export function notFoundText(lang: Lang, closestTitles: readonly string[]): string {
  const m = ANSWER_TEXTS[lang];
  if (closestTitles.length === 0) return m.notFound;
  return `${m.notFound} ${m.closest}\n${closestTitles.map((t) => `- ${t}`).join("\n")}`;
}

/** An answer's plain text: a "not found" answer is put into words in the question's language. */
export function answerText(a: { notFound: boolean; question: string; closestTitles: readonly string[]; answer: string }): string {
  return a.notFound ? notFoundText(pickLang({ text: a.question }, "en"), a.closestTitles) : a.answer;
}
