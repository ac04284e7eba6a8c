import type { LocalKnowledgeBase } from "../knowledge-base/open-knowledge-base.js";
import { answerText } from "../texts/answer-texts.js";
import type { EvalQuestion } from "./eval-questions.js";
import type { EvalOutcome } from "./metrics.js";

/** Retrieval depth used for the ranking metrics: enough passages for 10 distinct articles. */
const RANKING_PASSAGES = 50;

/** An outcome plus the signal behind the not-found decision (for calibration). */
export interface EvalRecord extends EvalOutcome {
  id: string;
  relevance: number;
}

/** Article id as the dev sets name it: the file name without its extension. */
export function evalArticleId(articleId: string): string {
  return articleId.replace(/\.[^./]+$/, "");
}

/** Asks every question (sequentially, so latencies are not inflated by contention). */
export async function runEval(
  kb: LocalKnowledgeBase,
  questions: readonly EvalQuestion[],
  opts: { k: number; onQuestion?: (done: number) => void },
): Promise<EvalRecord[]> {
  const records: EvalRecord[] = [];
  for (const q of questions) {
    const ranking = await kb.search(q.question, { k: RANKING_PASSAGES });
    const answer = await kb.ask(q.question, { k: opts.k, ...(q.now ? { now: q.now } : {}) });
    // A question asked at a given moment is about time: its ranking is the answer's own (the
    // cited articles, then the passages), which the period and recency shaped; raw retrieval is not.
    const ranked = q.now
      ? [...answer.citations.map((c) => c.articleId), ...answer.passages.map((p) => p.chunk.articleId)]
      : ranking.passages.map((p) => p.chunk.articleId);
    records.push({
      id: q.id,
      goldArticle: q.articleId,
      answers: q.answers,
      rankedArticles: [...new Set(ranked.map(evalArticleId))],
      passageTexts: answer.passages.map((p) => p.chunk.text),
      answer: q.now ? answerText(answer) : answer.answer,
      notFound: answer.notFound,
      ...(answer.unsure ? { unsure: true } : {}),
      ms: answer.ms,
      relevance: ranking.relevance,
    });
    opts.onQuestion?.(records.length);
  }
  return records;
}
