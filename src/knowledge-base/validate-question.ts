import { QuestionError } from "../shared/errors.js";
import { askedWords, hasLink } from "../terms/own-words.js";
import { MAX_QUESTION_CHARS, questionProblemText } from "../texts/answer-texts.js";
import { pickLang } from "../texts/lang.js";

/**
 * Trims a question and rejects one that is empty, only punctuation, or absurdly long (the message
 * in the question's language). A link, address or @mention alone is empty too: it asks nothing
 * the articles could answer, and searching its letters only ever found "not covered". One with a
 * link is told so ("link-only"): whoever pasted a link did write something, and expects it read.
 */
export function validateQuestion(question: string): string {
  const text = question.normalize("NFC").trim();
  const wordless = !/[\p{L}\p{N}]/u.test(askedWords(text));
  const problem = wordless ? (hasLink(text) ? "link-only" : "empty") : text.length > MAX_QUESTION_CHARS ? "too-long" : null;
  if (problem) throw new QuestionError(questionProblemText(pickLang({ text }, "en"), problem), problem);
  return text;
}
