import type { Answer, Answerer, Turn } from "../answers/answer.js";
import type { Config } from "../config/config.js";
import { createEmbedder, type Embedder } from "../embeddings/create-embedder.js";
import {
  retrieveWithRelevance,
  type RetrieveOptions,
  type Retrieval,
} from "../retrieval/retrieve.js";
import { NOT_FOUND_THRESHOLD } from "../retrieval/relevance.js";
import { buildIndex } from "../store/build-index.js";
import { isIndexCurrent } from "../store/index-status.js";
import type { IngestProgress, IngestSummary } from "../store/ingest-summary.js";
import { loadIndex, type LoadedIndex } from "../store/load-index.js";
import { ReindexInProgressError } from "../shared/errors.js";
import type { Logger } from "../shared/logger.js";
import { createAnswerer } from "./create-answerer.js";
import type { AskOptions, IndexInfo, KnowledgeBase } from "./knowledge-base.js";
import { detectLang, notFoundText } from "./rag-messages.js";
import { validateQuestion } from "./validate-question.js";

export interface OpenKnowledgeBaseOptions {
  config: Config;
  logger: Logger;
  embedder?: Embedder;
  answerer?: Answerer;
  onProgress?: (progress: IngestProgress) => void;
  /** Retrieval settings other than k (retriever mode for baselines, candidates, per-article cap). */
  retrieval?: Omit<RetrieveOptions, "k">;
  /** Not-found threshold on the relevance signal (default NOT_FOUND_THRESHOLD; 0 never refuses). */
  notFoundThreshold?: number;
}

/** The knowledge base plus raw retrieval, for evaluation and benchmarks. */
export interface LocalKnowledgeBase extends KnowledgeBase {
  /** Retrieval only (no answer), with the relevance signal. */
  search(query: string, options: RetrieveOptions): Promise<Retrieval>;
}

const DEFAULT_K = 5;
const MAX_K = 50;
const CLOSEST_TITLES = 3;
// Follow-ups ("and when did he die?") lean on the previous questions for their topic.
const HISTORY_TURNS = 2;

/**
 * Opens the knowledge base over `config.seedsDir`: builds the index in `config.vectorstoreDir`
 * when it is missing or stale, loads it, and answers questions from it.
 */
export async function openKnowledgeBase(opts: OpenKnowledgeBaseOptions): Promise<LocalKnowledgeBase> {
  const { config, logger } = opts;
  const embedder = opts.embedder ?? (await createEmbedder(config));
  const answerer = opts.answerer ?? (await createAnswerer(config, logger));
  const threshold = opts.notFoundThreshold ?? NOT_FOUND_THRESHOLD;
  const build = (onProgress?: (p: IngestProgress) => void): Promise<IngestSummary> =>
    buildIndex({
      seedsDir: config.seedsDir,
      storeDir: config.vectorstoreDir,
      embedder,
      maxArticleBytes: config.maxArticleBytes,
      logger,
      ...(onProgress ? { onProgress } : {}),
    });

  const statusOptions = {
    seedsDir: config.seedsDir,
    storeDir: config.vectorstoreDir,
    embedder,
    maxArticleBytes: config.maxArticleBytes,
  };
  if (!(await isIndexCurrent(statusOptions))) {
    logger.info({ seeds: config.seedsDir, store: config.vectorstoreDir }, "index missing or stale: building it");
    await build(opts.onProgress);
  }
  let index: LoadedIndex = await loadIndex(config.vectorstoreDir, embedder);
  let reindexing = false;

  const search = (current: LoadedIndex, query: string, options: RetrieveOptions): Promise<Retrieval> =>
    retrieveWithRelevance(current, embedder, query, { ...opts.retrieval, ...options });

  return {
    search: (query, options) => search(index, query, options),

    async ask(rawQuestion: string, options: AskOptions = {}): Promise<Answer> {
      const started = performance.now();
      const question = validateQuestion(rawQuestion);
      const k = options.k ?? DEFAULT_K;
      if (!Number.isInteger(k) || k < 1 || k > MAX_K) {
        throw new RangeError(`k must be a whole number from 1 to ${MAX_K}, got ${k}.`);
      }
      const history = options.history ?? [];
      // Keep the index this question started with, even if a re-index swaps it meanwhile.
      const current = index;
      const { passages, relevance } = await search(current, retrievalQuery(question, history), { k });
      const ms = () => Math.round(performance.now() - started);

      const notFound = (mode: Answer["mode"]): Answer => {
        const closestTitles = [...new Set(passages.map((p) => p.chunk.title))].slice(0, CLOSEST_TITLES);
        const answer = notFoundText(detectLang(question), closestTitles);
        return { question, answer, mode, notFound: true, citations: [], passages, closestTitles, ms: ms() };
      };

      if (passages.length === 0 || relevance < threshold) {
        logger.debug({ relevance, threshold }, "not found in the articles");
        return notFound("extractive"); // a fixed text: no LLM was asked, whatever the answerer is
      }
      const draft = await answerer.answer(question, passages, history);
      if (draft.notFound) return notFound(draft.mode);
      return {
        question,
        answer: draft.text,
        mode: draft.mode,
        notFound: false,
        citations: draft.citations,
        passages,
        closestTitles: [],
        ms: ms(),
      };
    },

    info: () => indexInfo(index),

    chunk: (chunkId) => index.chunkById(chunkId),

    async reindex(onProgress) {
      if (reindexing) throw new ReindexInProgressError();
      reindexing = true;
      try {
        const summary = await build(onProgress);
        // Swap only after the new version loaded; questions in flight keep the old object.
        index = await loadIndex(config.vectorstoreDir, embedder);
        return summary;
      } finally {
        reindexing = false;
      }
    },

    isReindexing: () => reindexing,
  };
}

/** The retrieval query: the question, preceded by the last questions of the conversation. */
export function retrievalQuery(question: string, history: readonly Turn[]): string {
  const earlier = history.slice(-HISTORY_TURNS).map((turn) => turn.question);
  return [...earlier, question].join("\n");
}

function indexInfo(index: LoadedIndex): IndexInfo {
  const { manifest } = index;
  const dates = manifest.articles.map((a) => a.date).filter((d): d is string => d !== null).sort();
  return {
    articles: manifest.articles.length,
    chunks: manifest.chunks,
    version: index.version,
    builtAt: manifest.builtAt,
    embedder: manifest.embedder.id,
    dateRange: { from: dates[0] ?? null, to: dates[dates.length - 1] ?? null },
    titles: manifest.articles.map((a) => a.title),
  };
}
