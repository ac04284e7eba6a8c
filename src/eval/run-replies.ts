// Questions asked as replies (`npm run eval -- --replies`): does a conversation help a question or
// pull it away? There is no dev set of written follow-ups, so the sets' own questions stand in:
// each answerable question after the first of its article is asked alone, as a reply to the
// answer to its article's question before it (often about the same passage: SQuAD writes several
// per paragraph, some leaning on the one before), and as a reply to the answer to a question about
// another article (the conversation changes topic).
import type { LocalKnowledgeBase } from "../knowledge-base/open-knowledge-base.js";
import type { EvalQuestion } from "./eval-questions.js";
import { containsAnswer } from "./metrics.js";

/** The ways each question is asked. */
export const REPLY_WAYS = ["alone", "sameArticle", "otherArticle"] as const;
export type ReplyWay = (typeof REPLY_WAYS)[number];

/** Shares of the questions asked one way. */
export interface ReplyMetrics {
  answerContained: number;
  notFound: number;
  /** Answers carrying the caution, right ones and wrong ones (shares of all questions). */
  cautionedRight: number;
  cautionedWrong: number;
}

/** How far along the other article's questions the "other article" conversation is taken from. */
const OTHER_ARTICLE_STEP = 7;

export async function runReplies(kb: LocalKnowledgeBase, questions: readonly EvalQuestion[], opts: { k: number; onQuestion?: (done: number) => void }): Promise<{ asked: number; metrics: Record<ReplyWay, ReplyMetrics> }> {
  const byArticle = new Map<string, EvalQuestion[]>();
  for (const q of questions) if (q.articleId !== null) byArticle.set(q.articleId, [...(byArticle.get(q.articleId) ?? []), q]);
  const articles = [...byArticle.keys()];
  // A step that goes round to the same article (7 articles) would make "another" the same one.
  const step = OTHER_ARTICLE_STEP % articles.length || 1;
  const counts = Object.fromEntries(REPLY_WAYS.map((way) => [way, { answerContained: 0, notFound: 0, cautionedRight: 0, cautionedWrong: 0 }])) as Record<ReplyWay, ReplyMetrics>;
  const turn = async (q: EvalQuestion) => {
    const answer = await kb.ask(q.question, { k: opts.k });
    return [{ question: q.question, answer: answer.remembered ?? answer.answer }];
  };
  let asked = 0;
  for (const [i, articleId] of articles.entries()) {
    const own = byArticle.get(articleId) ?? [];
    const other = byArticle.get(articles[(i + step) % articles.length] ?? articleId) ?? [];
    for (let j = 1; j < own.length; j++) {
      const q = own[j] as EvalQuestion;
      const before = own[j - 1] as EvalQuestion;
      const elsewhere = other[j % other.length] as EvalQuestion;
      const histories: Record<ReplyWay, Awaited<ReturnType<typeof turn>> | undefined> = { alone: undefined, sameArticle: await turn(before), otherArticle: await turn(elsewhere) };
      for (const way of REPLY_WAYS) {
        const history = histories[way];
        const answer = await kb.ask(q.question, { k: opts.k, ...(history ? { history } : {}) });
        const right = !answer.notFound && containsAnswer(answer.answer, q.answers);
        const c = counts[way];
        if (right) c.answerContained++;
        if (answer.notFound) c.notFound++;
        if (answer.unsure) right ? c.cautionedRight++ : c.cautionedWrong++;
      }
      asked++;
      opts.onQuestion?.(asked);
    }
  }
  const share = (n: number) => (asked === 0 ? 0 : n / asked);
  const metrics = Object.fromEntries(
    REPLY_WAYS.map((way) => {
      const c = counts[way];
      return [way, { answerContained: share(c.answerContained), notFound: share(c.notFound), cautionedRight: share(c.cautionedRight), cautionedWrong: share(c.cautionedWrong) }];
    }),
  ) as Record<ReplyWay, ReplyMetrics>;
  return { asked, metrics };
}
