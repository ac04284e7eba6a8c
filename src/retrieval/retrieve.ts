import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { searchableText, type Chunk } from "../chunks/chunk.js";
import type { SearchFilter } from "../store/search-filter.js";
import type { ScoredId, TermIndex } from "../terms/term-index.js";
import { capPerArticle } from "./cap-per-article.js";
import { scoreFusion, type ScoredList } from "./fuse.js";
import type { RankedPassage } from "./passage.js";
import { bigramsOf, phraseMatches } from "./phrase-bonus.js";
import { understandQuery, type Query } from "./query.js";
import { corpusIdf, coverage } from "../terms/idf.js";
import { tokenize } from "../terms/tokenize.js";

/** What retrieval needs from a loaded index (a structural subset of the store port's SearchableIndex). */
export interface SearchableIndex {
  chunkById(id: string): Chunk | undefined;
  vectorSearch(queryVector: number[], k: number, filter?: SearchFilter): Promise<ScoredId[]>;
  termSearch(query: string | readonly string[], k: number, filter?: SearchFilter): ScoredId[];
  termIndex: TermIndex;
}

/** What retrieval needs from an embedder. */
export interface QueryEmbedder {
  embeddings: Pick<EmbeddingsInterface, "embedQuery">;
}

export type RetrieverMode = "hybrid" | "bm25" | "dense";

export interface RetrieveOptions {
  /** Passages to return. */
  k: number;
  /** Candidates taken from each retriever before fusion. */
  candidates?: number;
  /** At most this many passages per article. */
  perArticle?: number;
  mode?: RetrieverMode;
  /** Only chunks of these articles / dates take part (both searches skip the others). */
  filter?: SearchFilter;
  /**
   * Hybrid only: when embedding the query or the vector search fails, called with the error and
   * the words alone are searched; without it the error is thrown.
   */
  onVectorError?: (error: unknown) => void;
}

/** Retrieval tuning (measured on the dev sets, see docs/quality.md). */
export const RETRIEVAL_DEFAULTS = {
  // 100, not 50: fewer ids missing from one list (scored 0 there); en-squad2 hit@1 0.864 -> 0.870.
  candidates: 100,
  perArticle: 2,
  bm25Weight: 1,
  denseWeight: 0.5,
  /** Hybrid only: added to a fused score per question bigram the passage also holds. */
  phraseBonus: 0.2,
  /**
   * Fused passages that get the phrase bonus. A cap, not a guarantee: a deeper passage with
   * several bigrams could outscore the top, but each checked passage is re-tokenized (~70 µs).
   */
  phraseDepth: 20,
  /** Passages whose coverage counts towards the relevance signal. */
  relevanceDepth: 3,
} as const;

/** Ranked passages plus the relevance signal used to decide "not found". */
export interface Retrieval {
  passages: RankedPassage[];
  /** Best share (0..1) of the question's IDF weight found in one of the top passages. */
  relevance: number;
}

/** Hybrid retrieval: BM25 and vector search fused, a phrase bonus, capped per article, top-k. */
export async function retrieveWithRelevance(
  index: SearchableIndex,
  embedder: QueryEmbedder,
  question: string | Query,
  options: RetrieveOptions,
): Promise<Retrieval> {
  const d = RETRIEVAL_DEFAULTS;
  const query = typeof question === "string" ? understandQuery(question, index.termIndex) : question;
  const mode = options.mode ?? "hybrid";
  const candidates = Math.max(options.candidates ?? d.candidates, options.k);
  const perArticle = options.perArticle ?? d.perArticle;

  const lists: ScoredList[] = [];
  if (mode !== "dense") lists.push({ hits: index.termSearch(query.terms, candidates, options.filter), weight: d.bm25Weight, scale: "max" });
  if (mode !== "bm25") {
    const text = query.transliterated.length ? `${query.text}\n${query.transliterated.join(" ")}` : query.text;
    try {
      const vector = await embedder.embeddings.embedQuery(text);
      lists.push({ hits: await index.vectorSearch(vector, candidates, options.filter), weight: d.denseWeight, scale: "raw" });
    } catch (error) {
      if (mode === "dense" || !options.onVectorError) throw error;
      options.onVectorError(error);
    }
  }
  const fused = scoreFusion(lists);

  const passages: RankedPassage[] = [];
  for (const { id, score } of fused) {
    const chunk = index.chunkById(id);
    if (chunk) passages.push({ chunk, score });
  }
  if (mode === "hybrid") {
    const bigrams = bigramsOf(query.terms);
    for (const p of passages.slice(0, d.phraseDepth)) p.score += d.phraseBonus * phraseMatches(bigrams, p.chunk.text);
    passages.sort((a, b) => b.score - a.score);
  }
  const top = capPerArticle(passages, (p) => p.chunk.articleId, perArticle).slice(0, options.k);
  // With few articles the cap would leave slots empty: fill them with the next passages in rank order.
  if (top.length < options.k) {
    const taken = new Set(top);
    for (const p of passages) {
      if (top.length >= options.k) break;
      if (!taken.has(p)) top.push(p);
    }
    top.sort((a, b) => b.score - a.score);
  }
  // The relevance signal: the best share of the question's IDF weight one of the top passages holds.
  const idf = corpusIdf(index.termIndex);
  const weighted = [...new Set(query.terms)].map((term) => ({ term, weight: idf(term) }));
  let relevance = 0;
  for (const p of top.slice(0, d.relevanceDepth)) {
    relevance = Math.max(relevance, coverage(weighted, new Set(tokenize(searchableText(p.chunk)))));
  }
  return { passages: top, relevance };
}

/** Hybrid retrieval returning only the ranked passages. */
export async function retrieve(
  index: SearchableIndex,
  embedder: QueryEmbedder,
  query: string | Query,
  options: RetrieveOptions,
): Promise<RankedPassage[]> {
  return (await retrieveWithRelevance(index, embedder, query, options)).passages;
}
