// The offline answerer: quotes the one to three sentences of the retrieved passages that best
// match the question. It only ever copies article text (plus "…" where an overlong sentence is
// cut and [n] markers), so it cannot invent anything.
import { tokenize, words } from "../terms/tokenize.js";
import type { RankedPassage } from "../retrieval/passage.js";
import { answerType, answerTypeSpans, holdsAnswerType, type AnswerType } from "../reader/answer-type.js";
import { closeQuotes } from "../texts/quotes.js";
import type { Reading, ScoredSentence } from "../reader/reader.js";
import type { AnswerDraft, Answerer, Citation } from "./answer.js";
import { citationOf } from "./citations.js";
import { FOOTNOTE_MARK } from "../texts/footnote-mark.js";
import { splitSentences } from "./sentences.js";

export interface ExtractiveOptions {
  /** Total characters of quoted article text (markers and "…" not counted). */
  maxQuoteChars?: number;
  maxSentences?: number;
  /** A further sentence is quoted only when it scores at least this share of the best one. */
  minRelativeScore?: number;
}

/** A sentence of a passage with its offsets in the article body. */
interface Candidate {
  passage: RankedPassage;
  rank: number;
  /** Offsets in the article body. */
  start: number;
  end: number;
  text: string;
  terms: Set<string>;
  /** Question terms this sentence contains. */
  matched: Set<string>;
  score: number;
}

/** A quoted piece of a candidate (the whole sentence, or a window of an overlong one). */
interface Quote {
  candidate: Candidate;
  start: number;
  end: number;
  cutBefore: boolean;
  cutAfter: boolean;
}

// 500 characters: two long news sentences fit (the seed's run to 230-250). Measured against 400
// (npm run eval:dev, docs/quality.md): answers 15-20 % longer, answerContained higher on every
// set (uk-squad 0.87 -> 0.91, en-squad2 0.837 -> 0.854); the gain is the length, not better reading.
const DEFAULTS = { maxQuoteChars: 500, maxSentences: 3, minRelativeScore: 0.2 };
// Later passages are less likely to hold the answer: each rank step costs this share of score
// (answer-contained with retrieval, uk/en: 0.06 → 0.82/0.837, 0.1 → 0.84/0.838), down to a floor.
const RANK_DECAY = 0.1;
const RANK_FLOOR = 0.2;

// Without a reading (quoting the sentence an LLM claim cites), a sentence holding what the question
// asks for (a date, a number, a fresh name) gets this much on top of its coverage.
const TYPE_BONUS: Record<NonNullable<AnswerType>, number> = { date: 0.2, number: 0.2, person: 0.12, place: 0.08 };

function typeBonus(type: AnswerType, sentence: string, questionWords: ReadonlySet<string>): number {
  return type !== null && holdsAnswerType(type, sentence, questionWords) === 1 ? TYPE_BONUS[type] : 0;
}

/** Creates the extractive answerer (see the file comment). */
export function createExtractiveAnswerer(options: ExtractiveOptions = {}): Answerer {
  const opts = { ...DEFAULTS, ...options };
  return {
    mode: "extractive",
    answer: async (question, passages, context) =>
      context?.reading ? readerAnswer(context.reading, opts) : extractiveAnswer(question, passages, opts),
  };
}

/**
 * Quotes the sentences the reader scored best: the best one, then others of the same article
 * that score at least `minRelativeScore` of it. Never sentences of different articles: two
 * unrelated quotes stitched together read as one confident, wrong answer.
 */
function readerAnswer(reading: Reading, opts: Required<ExtractiveOptions>): AnswerDraft {
  const questionTerms = new Set(reading.question.terms.map((t) => t.term));
  const best = reading.sentences[0];
  if (!best) return { mode: "extractive", text: "", citations: [] };
  const candidates = reading.sentences
    .filter((s) => s.passage.chunk.articleId === best.passage.chunk.articleId)
    .map((s) => readCandidate(s, s.passage, s.passageIndex, questionTerms));
  return present(selectQuotes(candidates, opts, { type: reading.question.type, questionWords: reading.question.words }));
}

/** The question a quote falls back on (see quoteBestSentence), with the reader's scores when there are some. */
export interface QuoteQuestion {
  question: string;
  reading?: Reading;
}

/**
 * The sentence of one passage that best matches `text` (e.g. an LLM claim citing it), with article
 * offsets. When no sentence shares a word with `text` (a claim in another language than the
 * articles: "Sergio Gor is the US envoy [1]" citing a Ukrainian passage) and `asked` is given, the
 * passage's sentence that best answers the question instead (the reader's best, or the best
 * match of the question's words), not merely its first.
 */
export function quoteBestSentence(
  text: string,
  passage: RankedPassage,
  maxChars = DEFAULTS.maxQuoteChars,
  asked?: QuoteQuestion,
): { quote: string; start: number; end: number } | null {
  let candidates = scoreCandidates(text, [passage]);
  if (asked && !candidates.some((c) => c.score > 0)) candidates = questionCandidates(asked, passage);
  const [q] = selectQuotes(candidates, { ...DEFAULTS, maxQuoteChars: maxChars, maxSentences: 1 });
  if (!q) return null;
  const { chunk } = passage;
  return { quote: chunk.text.slice(q.start - chunk.start, q.end - chunk.start), start: q.start, end: q.end };
}

/** The sentences of `passage` scored for the question: by the reader when it read them, else by the question's words. */
function questionCandidates({ question, reading }: QuoteQuestion, passage: RankedPassage): Candidate[] {
  const { chunk } = passage;
  // The reader keeps one copy of a sentence that overlapping chunks repeat: matched by its place in the article.
  const read = (reading?.sentences ?? []).filter((s) => s.passage.chunk.articleId === chunk.articleId && s.start >= chunk.start && s.end <= chunk.end);
  if (read.length === 0) return scoreCandidates(question, [passage]);
  const questionTerms = new Set(reading!.question.terms.map((t) => t.term));
  return read.map((s) => readCandidate(s, passage, 0, questionTerms));
}

/** A sentence the reader scored, as a quote candidate of `passage` ranked `rank`. */
function readCandidate(s: ScoredSentence, passage: RankedPassage, rank: number, questionTerms: ReadonlySet<string>): Candidate {
  return {
    passage,
    rank,
    start: s.start,
    end: s.end,
    text: s.text,
    terms: new Set(s.terms),
    matched: new Set(s.terms.filter((t) => questionTerms.has(t))),
    // Kept positive so selectQuotes sees every sentence; the order is the reader's.
    score: s.score + 1e-9,
  };
}

function extractiveAnswer(question: string, passages: RankedPassage[], opts: Required<ExtractiveOptions>): AnswerDraft {
  const candidates = scoreCandidates(question, passages);
  const quotes = selectQuotes(candidates, opts, { type: answerType(question), questionWords: new Set(words(question)) });
  return present(quotes);
}

function scoreCandidates(question: string, passages: RankedPassage[]): Candidate[] {
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  passages.forEach((passage, rank) => {
    const { chunk } = passage;
    for (const s of splitSentences(chunk.text)) {
      // Overlapping chunks repeat sentences: keep the copy from the better-ranked passage.
      const key = `${chunk.articleId}\u0000${chunk.start + s.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const terms = new Set(tokenize(s.text));
      if (terms.size === 0) continue;
      candidates.push({ passage, rank, start: chunk.start + s.start, end: chunk.start + s.end, text: s.text, terms, matched: new Set(), score: 0 });
    }
  });
  if (candidates.length === 0) return candidates;

  let queryTerms = [...new Set(tokenize(question))];
  if (queryTerms.length === 0) queryTerms = [...new Set(words(question))];
  const df = new Map<string, number>();
  for (const c of candidates) for (const t of c.terms) df.set(t, (df.get(t) ?? 0) + 1);
  const n = candidates.length;
  const idf = (t: string): number => {
    const d = df.get(t) ?? 0;
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  };
  const total = queryTerms.reduce((sum, t) => sum + idf(t), 0) || 1;
  const type = answerType(question);
  const questionWords = new Set(words(question));

  for (const c of candidates) {
    let overlap = 0;
    for (const t of queryTerms) {
      if (!c.terms.has(t)) continue;
      overlap += idf(t);
      c.matched.add(t);
    }
    const relevance = overlap / total;
    c.score = relevance === 0 ? 0 : (relevance + typeBonus(type, c.text, questionWords)) * Math.max(RANK_FLOOR, 1 - RANK_DECAY * c.rank);
  }
  return candidates;
}

function selectQuotes(candidates: Candidate[], opts: Required<ExtractiveOptions>, asked?: Asked): Quote[] {
  const ranked = candidates.filter((c) => c.score > 0).sort((a, b) => b.score - a.score);
  // No overlap with the question at all: the best-ranked passage's first sentence is the most
  // honest thing to quote (the caller decides separately whether the question is answered).
  const best = ranked[0] ?? candidates[0];
  if (!best) return [];
  const quotes: Quote[] = [];
  for (const c of ranked.length ? ranked : [best]) {
    if (quotes.length >= opts.maxSentences) break;
    if (quotes.length > 0 && c.score < best.score * opts.minRelativeScore) break;
    const overlapsChosen = quotes.some(
      (q) => q.candidate.passage.chunk.articleId === c.passage.chunk.articleId && q.start < c.end && c.start < q.end,
    );
    if (overlapsChosen) continue;
    const quote: Quote = { candidate: c, start: c.start, end: c.end, cutBefore: false, cutAfter: false };
    // Budget by the citations' spans: a source's quote runs from its first to its last quoted
    // sentence, so the gap between two sentences of one chunk counts too.
    if (quotedLength([...quotes, quote]) <= opts.maxQuoteChars) {
      quotes.push(quote);
    } else if (quotes.length === 0) {
      quotes.push(trimToWindow(c, opts.maxQuoteChars, asked));
      break;
    }
  }
  return quotes;
}

/** Characters of article text the citations will quote: per chunk, first start to last end. */
function quotedLength(quotes: Quote[]): number {
  const spans = new Map<string, { start: number; end: number }>();
  for (const q of quotes) {
    const id = q.candidate.passage.chunk.id;
    const span = spans.get(id);
    spans.set(id, span ? { start: Math.min(span.start, q.start), end: Math.max(span.end, q.end) } : { start: q.start, end: q.end });
  }
  let total = 0;
  for (const span of spans.values()) total += span.end - span.start;
  return total;
}

/** What the question asks for, to keep in a quote cut from an overlong sentence. */
interface Asked {
  type: AnswerType;
  questionWords: ReadonlySet<string>;
}

/**
 * Cuts an overlong sentence to at most `maxChars`: the shortest stretch holding the most question
 * terms, widened evenly on both sides (answers sit just before or after the matched words), then
 * snapped inwards to word boundaries. When that cuts away every match of what the question asks
 * for (the date of a "when" question, the number of a "how many"), the stretch must hold the one
 * that leaves the most question terms beside it: a quote of the question's own words without the
 * date answers nothing.
 */
function trimToWindow(c: Candidate, maxChars: number, asked?: Asked): Quote {
  const text = c.text;
  const hits: { start: number; end: number; term: string }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}'’ʼ]+/gu)) {
    const term = tokenize(m[0])[0];
    if (term !== undefined && c.matched.has(term)) hits.push({ start: m.index, end: m.index + m[0].length, term });
  }
  let window = windowAround(text, densest(hits, maxChars), maxChars);
  const answers = asked ? answerTypeSpans(asked.type, text, asked.questionWords).filter((a) => a.end - a.start <= maxChars) : [];
  if (answers.length > 0 && !answers.some((a) => a.start >= window.from && a.end <= window.to)) {
    let best: Core | null = null;
    for (const answer of answers) {
      const core = densest(hits, maxChars, answer);
      if (!best || core.terms > best.terms || (core.terms === best.terms && core.end - core.start < best.end - best.start)) best = core;
    }
    if (best) window = windowAround(text, best, maxChars);
  }
  const { from, to } = window;
  return { candidate: c, start: c.start + from, end: c.start + to, cutBefore: from > 0, cutAfter: to < text.length };
}

interface Core {
  start: number;
  end: number;
  terms: number;
}

/** The shortest stretch of at most `maxChars` holding the most distinct hit terms (and `must`, when given). */
function densest(hits: readonly { start: number; end: number; term: string }[], maxChars: number, must?: { start: number; end: number }): Core {
  let core: Core = must ? { ...must, terms: 0 } : { start: 0, end: 0, terms: 0 };
  for (let i = 0; i < hits.length; i++) {
    const terms = new Set<string>();
    const start = Math.min(hits[i]!.start, must?.start ?? Number.POSITIVE_INFINITY);
    for (let j = i; j < hits.length; j++) {
      const end = Math.max(hits[j]!.end, must?.end ?? 0);
      if (end - start > maxChars) break;
      terms.add(hits[j]!.term);
      if (terms.size > core.terms || (terms.size === core.terms && end - start < core.end - core.start)) {
        core = { start, end, terms: terms.size };
      }
    }
  }
  return core;
}

/** `core` widened evenly to `maxChars`, snapped inwards to word boundaries and trimmed of spaces. */
function windowAround(text: string, core: { start: number; end: number }, maxChars: number): { from: number; to: number } {
  const spare = maxChars - (core.end - core.start);
  let from = Math.max(0, core.start - Math.floor(spare / 2));
  let to = Math.min(text.length, from + maxChars);
  from = Math.max(0, to - maxChars);
  // Snap inwards so no word is cut: start after whitespace (a no-break space too), end before it;
  // a stretch without any keeps its cut rather than quote nothing.
  if (from > 0 && !/\s/.test(text[from - 1]!)) {
    const next = text.slice(from, to).search(/\s/);
    if (next >= 0) from += next + 1;
  }
  if (to < text.length && !/\s/.test(text[to]!)) {
    let end = to;
    while (end > from && !/\s/.test(text[end - 1]!)) end--;
    if (end > from) to = end - 1;
  }
  const quoted = text.slice(from, to);
  from += quoted.length - quoted.trimStart().length;
  to = from + quoted.trim().length;
  return { from, to };
}

function present(quotes: Quote[]): AnswerDraft {
  // Sources are numbered by their best quote (quotes arrive best first); within a source the
  // quotes read in document order.
  const byChunk = new Map<string, Quote[]>();
  for (const q of quotes) {
    const id = q.candidate.passage.chunk.id;
    byChunk.set(id, [...(byChunk.get(id) ?? []), q]);
  }
  const parts: string[] = [];
  const citations: Citation[] = [];
  for (const group of byChunk.values()) {
    const n = citations.length + 1;
    group.sort((a, b) => a.start - b.start);
    const { chunk } = group[0]!.candidate.passage;
    for (const q of group) {
      // A sentence inside a longer quotation opens or closes it alone: balance the marks, so the
      // answer never reads as if the quotation ran on (the citation keeps the exact text).
      // A source's own footnote marks ("1961.[2]") would read as citations of this answer.
      const quoted = closeQuotes(chunk.text.slice(q.start - chunk.start, q.end - chunk.start).replace(FOOTNOTE_MARK, ""));
      parts.push(`${q.cutBefore ? "…" : ""}${quoted}${q.cutAfter ? "…" : ""} [${n}]`);
    }
    citations.push(citationOf(n, chunk, { start: group[0]!.start, end: Math.max(...group.map((q) => q.end)) }));
  }
  return { mode: "extractive", text: parts.join(" "), citations };
}
