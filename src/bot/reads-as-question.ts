import { ownWords, startsWithQuestionWord } from "../knowledge-base/knowledge-base.js";

/**
 * Whether a group message that does not mention the bot reads as a question: a "?" in the
 * user's own words, or a question opening ("а де він працює", "and who paid", "did Gor meet
 * Japarov": see startsWithQuestionWord). A "?" in a link ("глянь https://example.org/?id=5") asks
 * nothing, and punctuation or emoji alone ("😂?", "??", "?!") is a reaction, not an empty question.
 */
export function readsAsQuestion(text: string): boolean {
  const own = ownWords(text);
  if (!/[\p{L}\p{N}]/u.test(own)) return false;
  return /[?？¿]/u.test(own) || startsWithQuestionWord(own);
}
