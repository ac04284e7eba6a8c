// What cross-validation by topic keeps together (`npm run train -- --folds N`). The dev sets ask
// one another's questions: en-squad2-long asks en-squad2's (same ids) about the same paragraphs
// grouped by Wikipedia title, uk-squad-long uk-squad's, xling-dev uk-squad's in Russian. Only the
// long sets and xling-dev name the title; keyed on that alone, a question and its copy in the
// short set would land in different folds, and the reader scored on one would have been fitted
// on the other.
import type { EvalQuestion } from "./eval-questions.js";

/**
 * The topic of each question: its Wikipedia title, or the title another set gives its article
 * (a short set's article is a long set's `passage_id`, or xling-dev's `article_id`), else its
 * article, else itself.
 */
export function questionTopics(questions: Iterable<EvalQuestion>): (question: EvalQuestion) => string {
  // Article ids, short and long: the dev sets' ids of each kind have their own form, so one map holds both.
  const titleOf = new Map<string, string>();
  for (const q of questions) {
    if (q.title === undefined) continue;
    if (q.passageId !== undefined) titleOf.set(q.passageId, q.title);
    if (q.articleId !== null) titleOf.set(q.articleId, q.title);
  }
  return (q) => q.title ?? (q.articleId !== null ? titleOf.get(q.articleId) : undefined) ?? q.articleId ?? q.id;
}
