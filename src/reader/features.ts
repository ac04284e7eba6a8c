// Features of the reader: what a sentence has to do with the question, and whether the
// retrieved passages answer the question at all. All are language-independent (terms, IDF,
// answer types, scores), so what is fitted on English and Ukrainian sets carries over.
import { tokenize, words } from "../terms/tokenize.js";
import type { RankedPassage } from "../retrieval/passage.js";
import { splitSentences } from "../answers/sentences.js";
import { answerType, holdsAnswerType, type AnswerType } from "./answer-type.js";
import { isCrossLanguage, questionLanguage } from "./language.js";
import { coverage, softCoverage, type Idf, type WeightedTerm } from "../terms/idf.js";

/** The question as the reader sees it. */
export interface QuestionAnalysis {
  terms: WeightedTerm[];
  type: AnswerType;
  /** Normalised words of the question (stop words kept), for "is this name already asked". */
  words: Set<string>;
  maxWeight: number;
  /**
   * Terms of names and numbers in the question (a capitalised word that does not start it, or
   * one with a digit): what a question about a missing detail names and the articles lack.
   */
  names: Set<string>;
  /** In another language than the articles (Russian or English about Ukrainian ones). */
  crossLanguage: boolean;
  /** The question's terms in order (repeats kept): which ones stand next to each other. */
  sequence: readonly string[];
  /** Each term's IDF weight (as in `terms`). */
  weightOf: ReadonlyMap<string, number>;
  /** Holds a negation ("not", "never", "не"). */
  negated: boolean;
}

// A capitalised word after the first one, or a word with a digit.
const NAME_OR_NUMBER = /(?<=\S\s+)\p{Lu}[\p{L}\p{N}'’-]*|[\p{L}]*\p{N}[\p{L}\p{N}]*/gu;

export function analyzeQuestion(question: string, idf: Idf, questionTerms: readonly string[] = tokenize(question)): QuestionAnalysis {
  const terms = [...new Set(questionTerms)].map((term) => ({ term, weight: idf(term) }));
  return {
    terms,
    type: answerType(question),
    words: new Set(words(question)),
    maxWeight: Math.max(0, ...terms.map((t) => t.weight)),
    names: new Set((question.match(NAME_OR_NUMBER) ?? []).flatMap((w) => tokenize(w))),
    crossLanguage: isCrossLanguage(questionLanguage(question), idf.script),
    sequence: questionTerms,
    weightOf: new Map(terms.map((t) => [t.term, t.weight])),
    negated: isNegated(question),
  };
}

const NEGATION = new Set(["not", "never", "no", "nor", "neither", "none", "nobody", "nothing", "didnt", "doesnt", "dont", "isnt", "wasnt", "werent", "arent", "cannot", "cant", "wont", "не", "ні", "ніколи", "жоден", "жодного", "нет", "никогда", "ни", "никто", "ніхто"]);

function isNegated(text: string): boolean {
  return words(text).some((w) => NEGATION.has(w));
}

/**
 * The heaviest question term the sentence replaces: a term it lacks whose neighbour in the
 * question it holds, next to a word the question does not have ("modern Europe" against
 * "medieval Europe"). SQuAD 2.0's unanswerable questions are often the answerable one with a
 * detail swapped.
 */
function swappedWeight(q: QuestionAnalysis, sentence: readonly string[], own: ReadonlySet<string>, questionTerms: ReadonlySet<string>): number {
  let top = 0;
  const seq = q.sequence;
  for (let i = 0; i < seq.length; i++) {
    const term = seq[i]!;
    const weight = q.weightOf.get(term) ?? 0;
    if (own.has(term) || weight <= top) continue;
    for (const [neighbour, side] of [
      [seq[i - 1], 1],
      [seq[i + 1], -1],
    ] as const) {
      if (neighbour === undefined || !own.has(neighbour)) continue;
      sentence.forEach((t, j) => {
        const slot = t === neighbour ? sentence[j + side] : undefined;
        if (slot !== undefined && !questionTerms.has(slot)) top = Math.max(top, weight);
      });
    }
  }
  return q.maxWeight > 0 ? top / q.maxWeight : 0;
}

/** A sentence of a retrieved passage, with offsets in the article body. */
export interface SentenceCandidate {
  passageIndex: number;
  passage: RankedPassage;
  start: number;
  end: number;
  text: string;
  terms: string[];
  /** Sentence plus its neighbours in the passage. */
  window: Set<string>;
  /** Terms of the sentences before and after it in the passage (empty at its ends). */
  before: Set<string>;
  after: Set<string>;
}

/** Sentences of the passages, each once (overlapping chunks repeat sentences: the better-ranked copy stays). */
export function sentenceCandidates(passages: readonly RankedPassage[]): SentenceCandidate[] {
  const out: SentenceCandidate[] = [];
  const seen = new Set<string>();
  passages.forEach((passage, passageIndex) => {
    const { chunk } = passage;
    const sentences = splitSentences(chunk.text).map((s) => ({ ...s, terms: tokenize(s.text) }));
    sentences.forEach((s, i) => {
      const key = `${chunk.articleId}\u0000${chunk.start + s.start}`;
      if (seen.has(key) || s.terms.length === 0) return;
      seen.add(key);
      const before = new Set(sentences[i - 1]?.terms ?? []);
      const after = new Set(sentences[i + 1]?.terms ?? []);
      const window = new Set([...before, ...s.terms, ...after]);
      out.push({ passageIndex, passage, start: chunk.start + s.start, end: chunk.start + s.end, text: s.text, terms: s.terms, window, before, after });
    });
  });
  return out;
}

export const SENTENCE_FEATURES = [
  "cov",
  "winCov",
  "softWinCov",
  "chunkCov",
  "missTop",
  "novelty",
  "echo",
  "typeHeld",
  "typeMissing",
  "passScore",
  "rankRecip",
  "topArticle",
  "proximity",
  "length",
  "beforeCov",
  "afterCov",
  "swap",
  "nameMiss",
  "negation",
] as const;

/** Sentence features, in SENTENCE_FEATURES order. */
export function sentenceFeatures(
  q: QuestionAnalysis,
  c: SentenceCandidate,
  passages: readonly RankedPassage[],
  chunkTerms: ReadonlySet<string>,
): number[] {
  const own = new Set(c.terms);
  const cov = coverage(q.terms, own);
  const questionTerms = new Set(q.terms.map((t) => t.term));
  let missing = 0;
  for (const t of q.terms) if (!c.window.has(t.term)) missing = Math.max(missing, t.weight);
  let fresh = 0;
  for (const t of own) if (!questionTerms.has(t)) fresh++;
  const novelty = own.size ? fresh / own.size : 0;
  const held = holdsAnswerType(q.type, c.text, q.words);
  // Proximity: matched question terms per token of the stretch that holds them.
  let first = -1;
  let last = -1;
  const matched = new Set<string>();
  c.terms.forEach((t, i) => {
    if (!questionTerms.has(t)) return;
    matched.add(t);
    if (first < 0) first = i;
    last = i;
  });
  const topScore = passages[0]?.score || 1;
  return [
    cov,
    coverage(q.terms, c.window),
    softCoverage(q.terms, c.window),
    coverage(q.terms, chunkTerms),
    q.maxWeight > 0 ? missing / q.maxWeight : 0,
    novelty,
    cov * (1 - novelty),
    held === 1 ? 1 : 0,
    held === 0 ? 1 : 0,
    c.passage.score / topScore,
    1 / (1 + c.passageIndex),
    c.passage.chunk.articleId === passages[0]?.chunk.articleId ? 1 : 0,
    matched.size > 0 ? matched.size / (last - first + 1) : 0,
    Math.min(1, c.terms.length / 40),
    // A sentence that names the topic is often followed by the one that answers ("US companies
    // take part. X, Y and Z…"): which side the question's words are on tells them apart.
    coverage(q.terms, c.before),
    coverage(q.terms, c.after),
    swappedWeight(q, c.terms, own, questionTerms),
    share(q.terms.filter((t) => q.names.has(t.term) && !c.window.has(t.term)), totalWeight(q.terms)),
    q.negated === isNegated(c.text) ? 0 : 1,
  ];
}

export const QUESTION_FEATURES = [
  "best",
  "second",
  "bestCov",
  "bestWinCov",
  "bestSoftWinCov",
  "bestMissTop",
  "bestTypeMissing",
  "relevance",
  "absentShare",
  "absentTop",
  "absentNames",
  "unseenNames",
  "topScore",
  "terms",
  "crossLanguage",
  "bestSwap",
  "bestNameMiss",
  "bestNegation",
] as const;

/** Question-level features (answerability), in QUESTION_FEATURES order. */
export function questionFeatures(
  q: QuestionAnalysis,
  idf: Idf,
  passages: readonly RankedPassage[],
  passageTerms: readonly ReadonlySet<string>[],
  ranked: readonly { score: number; features: readonly number[] }[],
  relevanceDepth: number,
): number[] {
  const best = ranked[0];
  const f = (name: (typeof SENTENCE_FEATURES)[number]): number => best?.features[SENTENCE_FEATURES.indexOf(name)] ?? 0;
  let relevance = 0;
  for (const terms of passageTerms.slice(0, relevanceDepth)) relevance = Math.max(relevance, coverage(q.terms, terms));
  // Question terms no retrieved passage contains: a name or a detail the articles lack.
  let absent = 0;
  let absentTop = 0;
  let total = 0;
  for (const t of q.terms) {
    total += t.weight;
    if (passageTerms.some((terms) => terms.has(t.term))) continue;
    absent += t.weight;
    absentTop = Math.max(absentTop, t.weight);
  }
  return [
    best?.score ?? 0,
    ranked[1]?.score ?? 0,
    f("cov"),
    f("winCov"),
    f("softWinCov"),
    f("missTop"),
    f("typeMissing"),
    relevance,
    total > 0 ? absent / total : 1,
    q.maxWeight > 0 ? absentTop / q.maxWeight : 1,
    share(q.terms.filter((t) => q.names.has(t.term) && !passageTerms.some((terms) => terms.has(t.term))), total),
    share(q.terms.filter((t) => q.names.has(t.term) && !idf.seen(t.term)), total),
    Math.min(1, (passages[0]?.score ?? 0) / 2),
    Math.min(1, q.terms.length / 10),
    q.crossLanguage ? 1 : 0,
    f("swap"),
    f("nameMiss"),
    f("negation"),
  ];
}

const totalWeight = (terms: readonly WeightedTerm[]): number => terms.reduce((sum, t) => sum + t.weight, 0);

/** Weight of some terms as a share of `total`. */
function share(terms: readonly WeightedTerm[], total: number): number {
  return total > 0 ? terms.reduce((sum, t) => sum + t.weight, 0) / total : 0;
}
