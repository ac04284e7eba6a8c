// User-facing plain texts (CLI) about questions and answers, in the language of the question.
import type { Answer } from "./knowledge-base.js";

export type Lang = "uk" | "en";

/** Ukrainian when the text has more Cyrillic than Latin letters, else English. */
export function detectLang(text: string): Lang {
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  return cyrillic > latin ? "uk" : "en";
}

/** Longest question accepted, in characters. */
export const MAX_QUESTION_CHARS = 1000;

export const RAG_MESSAGES = {
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

/** The "not found" answer text, listing the closest titles when there are any. */
export function notFoundText(lang: Lang, closestTitles: readonly string[]): string {
  const m = RAG_MESSAGES[lang];
  if (closestTitles.length === 0) return m.notFound;
  return `${m.notFound} ${m.closest}\n${closestTitles.map((t) => `- ${t}`).join("\n")}`;
}

/** An answer's plain text: a "not found" answer is put into words in the question's language. */
export function answerText(a: Pick<Answer, "notFound" | "question" | "closestTitles" | "answer">): string {
  return a.notFound ? notFoundText(detectLang(a.question), a.closestTitles) : a.answer;
}
