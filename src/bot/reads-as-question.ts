import { askedWords, startsWithQuestionWord } from "../knowledge-base/knowledge-base.js";

/**
 * Whether a group message that does not mention the bot reads as a question: a "?" in what it
 * asks, or a question opening ("а де він працює", "and who paid", "did Gor meet Japarov": see
 * startsWithQuestionWord). A "?" in a link ("глянь https://example.org/?id=5") asks nothing, and
 * punctuation or emoji alone ("😂?", "??", "?!") is a reaction, not an empty question. Read as
 * the knowledge base reads the question (askedWords): a site named alone ("Booking.com?") is
 * asked about, as it would be with a mention.
 */
export function readsAsQuestion(text: string): boolean {
  const asked = askedWords(text);
  if (!/[\p{L}\p{N}]/u.test(asked)) return false;
  return /[?？¿]/u.test(asked) || startsWithQuestionWord(asked);
}
