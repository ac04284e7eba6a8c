import { QuestionError } from "../shared/errors.js";
import { detectLang, MAX_QUESTION_CHARS, RAG_MESSAGES } from "./rag-messages.js";

/** Trims a question and rejects one that is empty, only punctuation, or absurdly long. */
export function validateQuestion(question: string): string {
  const text = question.normalize("NFC").trim();
  const lang = detectLang(text);
  if (!/[\p{L}\p{N}]/u.test(text)) throw new QuestionError(RAG_MESSAGES[lang].empty, "empty");
  if (text.length > MAX_QUESTION_CHARS) throw new QuestionError(RAG_MESSAGES[lang].tooLong(MAX_QUESTION_CHARS), "too-long");
  return text;
}
