import { percentile } from "../shared/percentile.js";

/** What happened to one question, as the metrics need it. */
export interface EvalOutcome {
  /** Gold article id (file name without extension), or null for a question no article answers. */
  goldArticle: string | null;
  answers: readonly string[];
  /** Distinct article ids in retrieval rank order. */
  rankedArticles: readonly string[];
  /** Texts of the top passages given to the answerer, in rank order. */
  passageTexts: readonly string[];
  answer: string;
  notFound: boolean;
  /** Answered with a caution (the reader doubted the quote). */
  unsure?: boolean;
  ms: number;
}

/** The `npm run eval` metrics (contract names); rates are 0..1, null when no question applies. */
export interface EvalMetrics {
  "hit@1": number | null;
  "hit@5": number | null;
  "hit@10": number | null;
  "mrr@10": number | null;
  answerInTop5: number | null;
  answerContained: number | null;
  refusalAccuracy: number | null;
  falseNotFoundRate: number | null;
  /** Of the answers that hold a gold answer, the share given with a caution. */
  unsureRight: number | null;
  /** Of the wrong answers (to a question no article answers, or without a gold answer), the share given with a caution. */
  unsureWrong: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
}

const fold = (text: string): string => text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();

/** True when one of the gold answers occurs in `text` (case-insensitive, whitespace-folded). */
export function containsAnswer(text: string, answers: readonly string[]): boolean {
  const haystack = fold(text);
  return answers.some((a) => fold(a).length > 0 && haystack.includes(fold(a)));
}

/** Computes every metric: retrieval and answer metrics over answerable questions, refusal over the rest. */
export function computeMetrics(outcomes: readonly EvalOutcome[]): EvalMetrics {
  const answerable = outcomes.filter((o) => o.goldArticle !== null);
  const unanswerable = outcomes.filter((o) => o.goldArticle === null);
  const share = (list: readonly EvalOutcome[], test: (o: EvalOutcome) => boolean): number | null =>
    list.length === 0 ? null : list.filter(test).length / list.length;
  const rank = (o: EvalOutcome): number => o.rankedArticles.indexOf(o.goldArticle ?? "");
  const hit = (k: number) => share(answerable, (o) => rank(o) >= 0 && rank(o) < k);
  const mrr =
    answerable.length === 0
      ? null
      : answerable.reduce((sum, o) => (rank(o) >= 0 && rank(o) < 10 ? sum + 1 / (rank(o) + 1) : sum), 0) / answerable.length;
  const ms = outcomes.map((o) => o.ms);
  const answered = outcomes.filter((o) => !o.notFound);
  const right = (o: EvalOutcome): boolean => o.goldArticle !== null && containsAnswer(o.answer, o.answers);
  return {
    "hit@1": hit(1),
    "hit@5": hit(5),
    "hit@10": hit(10),
    "mrr@10": mrr,
    answerInTop5: share(answerable, (o) => containsAnswer(o.passageTexts.slice(0, 5).join("\n"), o.answers)),
    answerContained: share(answerable, (o) => !o.notFound && containsAnswer(o.answer, o.answers)),
    refusalAccuracy: share(unanswerable, (o) => o.notFound),
    falseNotFoundRate: share(answerable, (o) => o.notFound),
    unsureRight: share(answered.filter(right), (o) => o.unsure === true),
    unsureWrong: share(answered.filter((o) => !right(o)), (o) => o.unsure === true),
    p50Ms: percentile(ms, 50),
    p95Ms: percentile(ms, 95),
  };
}
