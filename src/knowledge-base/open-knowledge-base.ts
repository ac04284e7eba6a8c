import { promises as fs } from "node:fs";
import path from "node:path";
import { stripCitationMarkers } from "../texts/citation-marker.js";
import type { Answerer, Turn } from "../answers/answer.js";
import { deleteArticleFile, findRemovableArticle, removableArticleFiles } from "../articles/remove-article.js";
import { saveUpload, undoUpload } from "../articles/save-upload.js";
import type { ChunkOptions } from "../chunks/chunk-article.js";
import { searchableText } from "../chunks/chunk.js";
import type { Embedder } from "../embeddings/create-embedder.js";
import { buildIndex, type BuildIndexOptions } from "../ingest/build-index.js";
import { isIndexCurrent } from "../ingest/index-status.js";
import { type IngestProgress, type IngestSummary, logSkippedAndWarnings } from "../ingest/ingest-summary.js";
import { corpusIdf, coverage, type Idf, type WeightedTerm } from "../terms/idf.js";
import type { RankedPassage } from "../retrieval/passage.js";
import { createReader, type Reader } from "../reader/reader.js";
import { understandQuery, type Query } from "../retrieval/query.js";
import { RETRIEVAL_DEFAULTS, retrieveWithRelevance, type RetrieveOptions, type Retrieval } from "../retrieval/retrieve.js";
import { abortable } from "../shared/abortable.js";
import { systemClock, type Clock } from "../shared/clock.js";
import { NoSuchArticleError, ReindexInProgressError } from "../shared/errors.js";
import type { Logger } from "../shared/logger.js";
import type { IndexStore, SearchableIndex } from "../store/index-store.js";
import { restoreSharedArticles, type SharedArticles } from "../store/postgres/uploaded-articles.js";
import type { Answer, ArticleFile, AskOptions, IndexInfo, KnowledgeBase, NotFoundReason } from "./knowledge-base.js";
import { askedWords } from "../terms/own-words.js";
import { tokenize, words } from "../terms/tokenize.js";
import { passagesByReading, shouldAnswer, UNSURE_BELOW } from "./answer-gate.js";
import { questionLang } from "../texts/lang.js";
import { isoDay } from "../time/calendar.js";
import {
  articlesIn,
  asOfDate,
  type DatedArticle,
  datedArticles,
  dateRelativeWords,
  listedArticles,
  listingCitations,
  nearestInTime,
  newestOnTies,
  newestPassages,
  newestReportFirst,
  onTopicArticles,
  publishedFirst,
  readTimeQuestion,
} from "./time-questions.js";
import { followServingVersion } from "./follow-serving-version.js";
import { continuesConversation, missesOwnWords, namesItsTopic } from "./follow-up.js";
import { answerPick, pickedItem } from "./listing-pick.js";
import { validateQuestion } from "./validate-question.js";

/** What the service runs on; `src/app/` builds these from the configuration. */
export interface KnowledgeBaseDeps {
  /** The articles folder: indexed, and where `addArticle` saves. */
  seedsDir: string;
  /** How messages name the articles folder's setting (default SEEDS_DIR; see SEEDS_FLAG_SETTING). */
  seedsSetting?: string;
  maxArticleBytes: number;
  store: IndexStore;
  embedder: Embedder;
  answerer: Answerer;
  logger: Logger;
  clock?: Clock;
  chunkOptions?: ChunkOptions;
  onProgress?: (progress: IngestProgress) => void;
  /** Retrieval settings other than k (retriever mode for baselines, candidates, per-article cap). */
  retrieval?: Omit<RetrieveOptions, "k">;
  /** Not-found threshold on the reader's answerability for every script (default: the one trained for the articles' script; 0 never refuses). */
  notFoundThreshold?: number;
  reader?: Reader;
  /**
   * Builds the new index version, at start-up (a missing or stale index) and for `reindex`
   * (default: `buildIndex` here, on this thread). The bot runs it in a child process, so a long
   * build holds up neither answers nor the health check. `reindex` has it refuse while another
   * build holds the writer lock; the start-up build waits for it.
   */
  rebuild?: (onProgress?: (progress: IngestProgress) => void, options?: Pick<BuildIndexOptions, "ifLockHeld">) => Promise<IngestSummary>;
  /** Embeddings from a remote (multilingual) model: the lexical reader then never refuses alone. */
  remoteEmbeddings?: boolean;
  /**
   * Follow the serving version other processes write (`npm run ingest`, another instance on a
   * shared database): checked before a
   * question when the last check is older than `intervalMs`; a check still running after
   * `abandonAfterMs` (default 60 s) is given up for a new one. A question waits for a check at
   * most `timeoutMs` (default `storeTimeoutMs`; none: until it ends). Default: off.
   */
  followVersions?: { intervalMs: number; abandonAfterMs?: number; timeoutMs?: number };
  /**
   * Uploads kept in a shared database: written into `seedsDir` before every build, so an
   * article uploaded on one instance is indexed (and kept) by all. Default: none.
   */
  sharedArticles?: SharedArticles;
  /** How long a question waits for its embedding before searching by words alone (default 10 s). */
  queryEmbeddingTimeoutMs?: number;
  /**
   * How long a question waits for each of the store's answers it needs (the serving-version check,
   * the vector search) before going on without it: the current version, words alone. A database
   * gone silent (a network cut, a failover) keeps its connections open and never answers.
   * Default: no limit. Index builds are not limited (they run long statements).
   */
  storeTimeoutMs?: number;
  /**
   * Answer from the version the store serves, as it is: no build, no uploads written into
   * `seedsDir`, nothing cleaned up (none served: the store's load says to run `npm run ingest`).
   * For a reader of a shared database (`npm run ask` from a laptop checkout), whose folder a build
   * would make every instance's index. Default: off.
   */
  readOnly?: boolean;
}

/** The knowledge base plus raw retrieval, for evaluation and benchmarks. */
export interface LocalKnowledgeBase extends KnowledgeBase {
  /** Retrieval only (no answer), with the relevance signal. */
  search(query: string, options: RetrieveOptions): Promise<Retrieval>;
  /** The injected clock (time questions are read against it). */
  readonly clock: Clock;
  /** Retrieval plus what the reader needs (for training the reader). */
  retrieveForReading(query: string, options: RetrieveOptions): Promise<Retrieval & { idf: Idf; terms: string[] }>;
}

const DEFAULT_K = 5;
const MAX_K = 50;
const CLOSEST_TITLES = 3;
/** Share of the question's weight a top passage must hold for its article to be offered as "closest". */
const CLOSEST_FLOOR = 0.2;
// Follow-ups ("and when did he die?") lean on the previous questions for their topic.
const HISTORY_TURNS = 2;
/** Articles a listing shows at most ("що нового?"). */
const MAX_LISTING = 10;
/**
 * Passages searched for the articles a listing of a topic ("Що писали про метро минулого тижня?")
 * shows and counts, and for the newest on a topic ("Останні новини про метро") to read.
 */
const LISTING_DEPTH = MAX_K;
/** Passages searched for "nearest in time" when a period holds nothing on the topic. */
const NEAREST_DEPTH = 20;
/** A question's embedding slower than this (a remote server hung, or retrying a 429) is not waited for. */
const QUERY_EMBEDDING_TIMEOUT_MS = 10_000;

/**
 * Opens the knowledge base over `seedsDir`: builds the index in the store when it is missing
 * or stale, loads it, and answers questions from it.
 */
export async function openKnowledgeBase(deps: KnowledgeBaseDeps): Promise<LocalKnowledgeBase> {
  const { store, embedder, answerer, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const reader = deps.reader ?? createReader();
  const sources = {
    seedsDir: deps.seedsDir,
    store,
    embedder,
    maxArticleBytes: deps.maxArticleBytes,
    clock,
    ...(deps.chunkOptions ? { chunkOptions: deps.chunkOptions } : {}),
    ...(deps.seedsSetting ? { seedsSetting: deps.seedsSetting } : {}),
  };
  const build = (onProgress?: (p: IngestProgress) => void, options: Pick<BuildIndexOptions, "ifLockHeld"> = {}): Promise<IngestSummary> =>
    buildIndex({ ...sources, ...options, logger, ...(onProgress ? { onProgress } : {}) });
  const rebuild = deps.rebuild ?? build;

  // Uploads and removals one at a time: two admins removing the last two articles at once would
  // both pass its check, and an upload recorded while a removal of its name was being recorded
  // had its database copy deleted by that removal (the new article then on this instance alone).
  let changes: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(change: () => Promise<T>): Promise<T> => {
    const run = changes.then(change);
    changes = run.catch(() => {});
    return run;
  };
  // An article of the index other than `fileName` whose file is still there (an empty or
  // unreadable file is in no index, so it does not count).
  const anotherIndexedArticleExists = async (fileName: string): Promise<boolean> => {
    for (const article of index.manifest.articles) {
      if (article.id === fileName) continue;
      if (await fs.stat(path.join(deps.seedsDir, article.id)).then(() => true, () => false)) return true;
    }
    return false;
  };
  const restoreUploads = async (): Promise<void> => {
    if (deps.sharedArticles) await restoreSharedArticles(deps.sharedArticles, deps.seedsDir, logger);
  };
  let fallback: SearchableIndex | undefined;
  let built = false;
  if (!deps.readOnly) {
    // First: an unreachable database then stops the start here with the message naming
    // DATABASE_URL, not first with a misleading warning about an interrupted index build below.
    await restoreUploads();
    // A read-only or full store must not stop the start here: serving the last good index may still work.
    const leftovers = await store.removeLeftovers().catch((error: unknown) => {
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, "could not remove what an interrupted index build left behind");
      return [];
    });
    if (leftovers.length > 0) logger.info({ removed: leftovers }, "removed what an interrupted index build left behind");
    if (!(await isIndexCurrent(sources))) {
      logger.info({ seeds: deps.seedsDir, store: store.location }, "index missing or stale: building it");
      try {
        // Through `rebuild`: a first build of 100,000 chunks on this thread left the bot's event loop
        // (its health check, its signal handlers) unanswered for minutes.
        await rebuild(deps.onProgress);
        built = true;
      } catch (error) {
        // A stale index that cannot be rebuilt (read-only store, disk full, no usable article any
        // more) still answers better than no bot: serve the last good version when there is one.
        fallback = await store.load(embedder).catch(() => undefined);
        if (!fallback) throw error;
        logger.warn(
          { err: error instanceof Error ? error.message : String(error), version: fallback.version, builtAt: fallback.manifest.builtAt },
          "the index is stale and could not be rebuilt; serving the last good index (send /reindex once the cause is fixed)",
        );
      }
    }
  }
  let index: SearchableIndex = fallback ?? (await store.load(embedder));
  // A build logged them itself; a current index says them again at every start, until fixed.
  if (!built) logSkippedAndWarnings(logger, index.manifest.skipped, index.manifest.warnings);
  let reindexing = false;
  const follow = deps.followVersions
    ? followServingVersion({
        store,
        embedder,
        logger,
        intervalMs: deps.followVersions.intervalMs,
        ...(deps.followVersions.abandonAfterMs !== undefined ? { abandonAfterMs: deps.followVersions.abandonAfterMs } : {}),
        current: () => index,
        swap: (next) => {
          index = next;
        },
        busy: () => reindexing,
        ...((deps.followVersions.timeoutMs ?? deps.storeTimeoutMs) !== undefined ? { timeoutMs: deps.followVersions.timeoutMs ?? deps.storeTimeoutMs } : {}),
      })
    : () => undefined;

  // Dated articles of each loaded index, newest first (computed once per index version).
  const datedByIndex = new WeakMap<SearchableIndex, DatedArticle[]>();
  const datedOf = (current: SearchableIndex): DatedArticle[] => {
    let dated = datedByIndex.get(current);
    if (!dated) {
      dated = datedArticles(current.manifest);
      datedByIndex.set(current, dated);
    }
    return dated;
  };

  // A remote embeddings server down, rate-limited, hung or now giving another dimension must not
  // cost a question its answer: the words alone are searched, and the log says why.
  const queryTimeoutMs = deps.queryEmbeddingTimeoutMs ?? QUERY_EMBEDDING_TIMEOUT_MS;
  // The deadline aborts the embedding's request too (with a remote embedder): none is left open.
  const embedQuery = embedder.embedQuery ?? ((text: string) => embedder.embeddings.embedQuery(text));
  const queryEmbedder = { embeddings: { embedQuery: (text: string) => withDeadline((signal) => embedQuery(text, signal), queryTimeoutMs, "no query embedding") } };
  // A vector search the database does not answer in time fails like any other: words alone then.
  const { storeTimeoutMs } = deps;
  const limited = (current: SearchableIndex): SearchableIndex =>
    storeTimeoutMs === undefined
      ? current
      : { ...current, vectorSearch: (vector, k, filter) => withDeadline(() => current.vectorSearch(vector, k, filter), storeTimeoutMs, "no vector search result") };
  const onVectorError = (error: unknown): void => {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "the question's vector search failed; search by words alone");
  };
  // `onWordsOnly`: told when this search fell back to words alone.
  const search = (current: SearchableIndex, query: string | Query, options: RetrieveOptions, onWordsOnly?: () => void): Promise<Retrieval> =>
    retrieveWithRelevance(limited(current), queryEmbedder, query, {
      onVectorError: (error) => {
        onVectorError(error);
        onWordsOnly?.();
      },
      ...deps.retrieval,
      ...options,
    });

  /** `ask` without its signal: the signal reaches the answerer, and `ask` rejects once it aborts. */
  const answerQuestion = async (rawQuestion: string, options: AskOptions): Promise<Answer> => {
    const started = performance.now();
    const question = validateQuestion(rawQuestion);
    // Searched and read without its links and @mentions ("Хто такий Гор? https://t.me/…"):
    // their letters are no words of the question. The answer shows the question as typed.
    const asked = askedWords(question);
    const k = options.k ?? DEFAULT_K;
    if (!Number.isInteger(k) || k < 1 || k > MAX_K) {
      throw new RangeError(`k must be a whole number from 1 to ${MAX_K}, got ${k}.`);
    }
    const history = options.history ?? [];
    // After a quiet spell, on the version the store serves now (the one held may be pruned).
    await follow();
    // Keep the index this question started with, even if a re-index swaps it meanwhile.
    const current = index;
    const now = options.now ?? clock.now();
    const ms = () => Math.round(performance.now() - started);
    // A reply naming one of a listing's articles by its number ("А про що друга?"): that article,
    // which no search for "друга" finds.
    const listed = history.at(-1)?.listed;
    const picked = listed?.length ? pickedItem(asked) : undefined;
    if (listed && picked !== undefined) {
      return answerPick({
        question, asked, n: picked, listed, chunkById: (id) => current.chunkById(id), answerer, history, today: isoDay(now), k, ms,
        lang: options.lang ?? questionLang(question),
        ...(options.onDraft ? { onDraft: options.onDraft } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    }
    const idf = corpusIdf(current.termIndex);
    const dated = datedOf(current);
    const time = readTimeQuestion(
      asked,
      now,
      dated,
      history.map((turn) => askedWords(turn.question)),
    );
    // What the conversation lends the reply's search and reading (the answerer reads it all).
    const conversation = lentTurns(history, now, dated);
    const timeFields = time ? { ...(time.range ? { dateRange: time.range } : {}), ...(time.recency ? { recency: true } : {}) } : {};

    if (time?.noSuchDay) {
      // "Що було 31 лютого?": said so, not widened to the month nor searched for its number.
      return { question, answer: "", mode: "extractive", notFound: true, reason: "no-such-day", noSuchDay: time.noSuchDay, citations: [], passages: [], closestTitles: [], ms: ms() };
    }
    if (time?.topicless) {
      // Only a period was asked ("Що відбулося вчора?"): its articles, newest published first.
      const all = publishedFirst(articlesIn(dated, time.range), isoDay(now));
      const inPeriod = all.slice(0, Math.max(k, MAX_LISTING));
      const { citations, passages } = listingCitations(inPeriod, (id) => current.chunkById(id));
      // Those left out are counted, so the listing can say so and how to narrow it down.
      const left = all.slice(inPeriod.length);
      const more = left[0]?.date ? { more: { count: left.length, newest: left[0].date.slice(0, 10) } } : {};
      if (citations.length === 0) {
        const nearest = time.range ? nearestInTime(dated, time.range) : null;
        return {
          question, answer: "", mode: "extractive", notFound: true, reason: "nothing-in-period", kind: "listing", citations: [], passages: [], closestTitles: [], ms: ms(),
          ...timeFields, ...(nearest ? { nearest } : {}),
        };
      }
      return { question, answer: "", remembered: listedArticles(citations), mode: "extractive", notFound: false, kind: "listing", citations, passages, closestTitles: [], ms: ms(), ...timeFields, ...more };
    }

    // The topic is what is left once the time words are gone ("минулого" must not match articles).
    const topic = time ? time.rest : asked;
    const filter = time?.range ? { dateFrom: time.range.from, dateTo: time.range.to } : undefined;
    const readAs = time ? time.rest : asked;
    const ownTerms = understandQuery(readAs, current.termIndex).terms;
    // Searched by its words alone (the vector search failed): a "not found" then proves nothing.
    let wordsOnly = false;
    const markWordsOnly = (): void => {
      wordsOnly = true;
    };
    // Retrieved with the question and the conversation's `turns`, then read.
    const retrieveAndRead = async (turns: readonly Turn[]) => {
      const query = understandQuery(retrievalQuery(topic, turns, idf), current.termIndex);
      // "The latest on X" chooses among more passages than it reads: its newest report may score lower.
      const depth = time?.recency ? Math.max(k, LISTING_DEPTH) : k;
      const found = await search(current, query, { k: depth, ...(filter ? { filter } : {}) }, markWordsOnly);
      const weighted = weigh(query.terms, idf);
      const covers = (p: RankedPassage): number => coverage(weighted, new Set(tokenize(searchableText(p.chunk))));
      // Within a period, near-equal reports of one story are read newest first.
      const passages = !time
        ? found.passages
        : time.recency
          ? newestPassages(found.passages, isoDay(now), k, deps.retrieval?.perArticle ?? RETRIEVAL_DEFAULTS.perArticle)
          : newestOnTies(found.passages, covers);
      return { query, found, covers, passages, reading: reader.read(readAs, passages, idf, { terms: query.terms }) };
    };
    // A follow-up of time alone already carries the earlier topic; the earlier turns would bring
    // back their own period's words ("вчора") and their answer's rarest words (another period's story).
    // A reply that asks something of its own is read on its own words when those answer it and
    // it names its topic or its passage continues the conversation's (follow-up.ts). Both
    // searches at once: with a remote embedder each waits for its own query embedding.
    const readsAlone = conversation.length > 0 && !time?.earlierTopic;
    const [conversational, alone] = await Promise.all([retrieveAndRead(time?.earlierTopic ? [] : conversation), readsAlone ? retrieveAndRead([]) : undefined]);
    let chosen = conversational;
    const earlier = weigh(conversation.flatMap((turn) => understandQuery(turn.question, current.termIndex).terms), idf);
    if (alone) {
      const answers = shouldAnswer(alone.reading, { threshold: deps.notFoundThreshold ?? alone.reading.threshold, llm: false, remoteEmbeddings: false });
      if (answers && (namesItsTopic(readAs, ownTerms) || continuesConversation(alone.passages[0], earlier))) chosen = alone;
    }
    const leansOnConversation = conversation.length > 0 && chosen === conversational;
    const { query, found, covers, passages, reading } = chosen;
    const { relevance } = found;

    const notFound = async (mode: Answer["mode"], reason: NotFoundReason): Promise<Answer> => {
      // Told "the articles do not cover this", the user would not ask again once search is back.
      if (wordsOnly) return { question, answer: "", mode, notFound: true, reason: "search-unavailable", citations: [], passages, closestTitles: [], ms: ms(), ...timeFields };
      // "Closest articles" only when they share something with the question ("What is the
      // capital of France?" should not list every article), and only those that do: the rest
      // of the k passages may come from any article.
      const related = relevance >= CLOSEST_FLOOR ? passages.filter((p) => covers(p) > 0) : [];
      // One line per article: two articles of one title ("Засідання міськради") are two places to look.
      const closestTitles = [...new Map(related.map((p) => [p.chunk.articleId, p.chunk.title])).values()].slice(0, CLOSEST_TITLES);
      const base: Answer = { question, answer: "", mode, notFound: true, reason, citations: [], passages, closestTitles, ms: ms(), ...timeFields };
      if (!time?.range) return base;
      // Nothing on the topic in the period: say so, and which article on it is nearest in time.
      const wide = await search(current, query, { k: NEAREST_DEPTH });
      const top = wide.passages[0]?.score ?? 0;
      const onTopic = wide.relevance >= CLOSEST_FLOOR ? wide.passages.filter((p) => p.score >= top * 0.5).map((p) => p.chunk.articleId) : [];
      const nearest = nearestInTime(
        dated.filter((a) => onTopic.includes(a.articleId)),
        time.range,
      );
      return { ...base, reason: "nothing-in-period", closestTitles: [], ms: ms(), ...(nearest ? { nearest } : {}) };
    };

    const gate = { threshold: deps.notFoundThreshold ?? reading.threshold, llm: answerer.mode === "llm", remoteEmbeddings: deps.remoteEmbeddings ?? false };
    // What extractive answers give when the reader finds no answer: a fixed outcome, whatever the answerer.
    const unanswered = async (): Promise<Answer> => {
      logger.debug({ answerability: reading.answerability, threshold: gate.threshold }, "not found in the articles");
      // "Останні новини про метро", "what was written about X last week": no one sentence
      // answers, but the period's (or the newest) articles on the topic do; list them.
      if (time && relevance >= CLOSEST_FLOOR) {
        // From a deeper search than the k passages read: a story told in more articles than k
        // lost those scored lower, the newest among them as likely as any, and said nothing of it.
        const wide = await search(current, query, { k: LISTING_DEPTH, ...(filter ? { filter } : {}) });
        const all = onTopicArticles(wide.passages, dated, isoDay(now));
        const shown = all.slice(0, Math.max(k, MAX_LISTING));
        const { citations, passages: firsts } = listingCitations(shown, (id) => current.chunkById(id));
        const left = all.slice(shown.length);
        const more = left[0]?.date ? { more: { count: left.length, newest: left[0].date.slice(0, 10) } } : {};
        if (citations.length > 0) {
          return { question, answer: "", remembered: listedArticles(citations), mode: "extractive", notFound: false, kind: "listing", citations, passages: firsts, closestTitles: [], ms: ms(), ...timeFields, ...more };
        }
      }
      return notFound("extractive", passages.length === 0 ? "no-passages" : "low-relevance");
    };
    if (passages.length === 0 || !shouldAnswer(reading, gate)) return unanswered();
    // A follow-up read with the conversation's words is judged answerable with them, but what to
    // quote is chosen by this question's own words, leaving aside what earlier answers quoted.
    const followUp = leansOnConversation
      ? reader.read(readAs, passages, idf, {
          terms: ownTerms,
          said: history.map((turn) => turn.answer),
        })
      : reading;
    // In a question about time, when reports of one story disagree the newest is quoted first
    // (the decision above stays the reader's). Not in other questions: on the dated long dev
    // sets it quoted a newer article of the same topic instead of the answer (answerContained
    // uk 0.895 -> 0.882, en 0.838 -> 0.824).
    const story = time ? newestReportFirst(followUp, passages, covers, isoDay(now)) : { reading: followUp, asOf: null };
    const quoting = story.reading;
    // An LLM reads the passages that hold the best sentences first; quotes come from the reading.
    const given = gate.llm ? passagesByReading(quoting, passages) : passages;
    const today = isoDay(options.now ?? clock.now());
    const draft = await answerer.answer(asked, given, {
      history,
      reading: quoting,
      today,
      ...(options.onDraft ? { onDraft: options.onDraft } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (draft.notFound) return notFound(draft.mode, "answerer");
    // The LLM was asked down to half the threshold, then failed: its fallback quotes answer only
    // what extractive answers would (else a provider outage turns "not found" into a quote).
    if (gate.llm && draft.mode === "extractive" && !shouldAnswer(reading, { ...gate, llm: false })) return unanswered();
    const lang = options.lang ?? questionLang(question);
    // Quotes are article text: "вчора" there means the day before that article's date.
    const text = draft.mode === "extractive" ? dateRelativeWords(draft.text, draft.citations, lang) : draft.text;
    const asOf = story.asOf ?? asOfDate(draft.citations, time?.recency ?? false, today);
    // A reply leaning on the conversation strays when its quote holds none of its own words, or,
    // for a reply of one word, which says nothing of its story, when the answer cites no article
    // on the conversation's topic ("А хто мер?" under an answer about Lviv's buses, answered
    // with Kharkiv's mayor). The caution says so, as for a doubtful quote. (The second rule
    // applied to longer replies cautioned 27 more right answers and no more wrong ones on
    // en-squad2-long: `eval --replies`, docs/quality.md "Replies".) The second reads citations
    // only, so it holds for an LLM's answer too. The first reads wording, which only a quote
    // shares with the article: a model may echo the reply's words whatever it answers ("Мер…")
    // or answer in others ("витратили" for "коштувало"), and it reads the reply itself,
    // refusing when the passages do not answer it.
    const onTopic = (articleId: string): boolean => passages.some((p) => p.chunk.articleId === articleId && continuesConversation(p, earlier));
    const offTopic = new Set(ownTerms).size < 2 && !draft.citations.some((c) => onTopic(c.articleId));
    const quoted = draft.mode === "extractive";
    const strays = leansOnConversation && (offTopic || (quoted && missesOwnWords(draft.text, ownTerms)));
    // The reader's doubt cautions quotes only: a model was asked precisely the questions the
    // reader is unsure of (down to half its threshold) and judges the passages itself, refusing
    // when they do not answer; the caution would overrule its answer with the weaker judge.
    const unsure = strays || (quoted && reading.answerability < UNSURE_BELOW);
    return {
      question,
      answer: text,
      remembered: draft.text,
      mode: draft.mode,
      notFound: false,
      citations: draft.citations,
      passages,
      closestTitles: [],
      ms: ms(),
      ...timeFields,
      ...(asOf ? { asOf } : {}),
      ...(unsure ? { unsure } : {}),
    };
  };

  return {
    clock,

    search: (query, options) => search(index, query, options),

    async retrieveForReading(query, options) {
      const current = index;
      const understood = understandQuery(query, current.termIndex);
      return { ...(await search(current, understood, options)), idf: corpusIdf(current.termIndex), terms: understood.terms };
    },

    ask: (question, options = {}) => abortable(options.signal, () => answerQuestion(question, options)),

    refresh: async () => {
      await follow();
    },

    // Articles are what was published: one dated after today (a year mistyped as 9999, an
    // announcement for tomorrow) would otherwise head the list until that day, or for good.
    latest: (limit) => {
      const today = isoDay(clock.now());
      return datedOf(index)
        .filter((a) => (a.date ?? "") <= today)
        .slice(0, Math.max(0, limit));
    },

    info: () => indexInfo(index),

    chunk: (chunkId) => index.chunkById(chunkId),

    addArticle: (fileName, bytes) => oneAtATime(async () => {
      // The file here first: it settles the name (an existing "Bees.md" for bees.md), and a save
      // refused here (EACCES, a full disk) is then stored nowhere, as every other instance would
      // write it into its folder at its next build while the admin is told it failed. A database
      // copy that then fails leaves the folder as it was: else the upload stays here alone.
      const saved = await saveUpload({ seedsDir: deps.seedsDir, fileName, bytes, maxBytes: deps.maxArticleBytes, keepPrevious: deps.sharedArticles !== undefined });
      try {
        await deps.sharedArticles?.save(saved.fileName, bytes);
      } catch (error) {
        await undoUpload(saved).catch((undo: unknown) => {
          logger.error({ file: saved.fileName, err: undo instanceof Error ? undo.message : String(undo) }, "upload not stored in the database, and the folder could not be put back as it was");
        });
        throw error;
      }
      logger.info({ file: saved.fileName, replaced: saved.replaced, bytes: bytes.byteLength }, "article added");
      return { fileName: saved.fileName, replaced: saved.replaced };
    }),

    async articleFiles() {
      // The folder as a build would see it: an article uploaded or removed on another instance is
      // served here once that one built, but this folder only changes when this instance builds.
      // Titles from the serving version, which that build made. Behind the uploads and removals
      // under way: run beside one, the restore wrote the database's copy from before over the file.
      await Promise.all([oneAtATime(restoreUploads), follow()]);
      const indexed = new Map(index.manifest.articles.map((a) => [a.id, a]));
      const files = await removableArticleFiles(deps.seedsDir);
      return files
        .sort((a, b) => b.mtimeMs - a.mtimeMs)
        .map(({ id, mtimeMs }): ArticleFile => {
          const article = indexed.get(id);
          return { fileName: id, modifiedAt: mtimeMs, ...(article ? { title: article.title, date: article.date } : {}) };
        });
    },

    removeArticle: (fileName) => oneAtATime(async () => {
      // This folder as the database has it: an upload by another instance is then removable here.
      await restoreUploads();
      const file = await findRemovableArticle(deps.seedsDir, fileName);
      if (!(await anotherIndexedArticleExists(fileName))) {
        throw new NoSuchArticleError(`Not removing "${fileName}": it is the last indexed article.`, "last");
      }
      // The file here first: a removal recorded for a file this user may not delete (EACCES)
      // would be carried out by every other instance's next build, while the admin is told
      // nothing was removed. A record that then fails puts the file back: else it is gone here
      // alone (an upload would even come back with the next restore).
      const content = deps.sharedArticles ? await fs.readFile(file) : undefined;
      await deleteArticleFile(file, fileName);
      if (deps.sharedArticles && content) {
        try {
          await deps.sharedArticles.remove(fileName, content);
        } catch (error) {
          // "wx": a file of that name written meanwhile (by hand) is newer than what is put back.
          await fs.writeFile(file, content, { flag: "wx" }).catch((putBack: unknown) => {
            logger.error({ file: fileName, err: putBack instanceof Error ? putBack.message : String(putBack) }, "removal not recorded, and the deleted file could not be put back");
          });
          throw error;
        }
      }
      logger.info({ file: fileName }, "article removed");
    }),

    async reindex(onProgress) {
      if (reindexing) throw new ReindexInProgressError();
      reindexing = true;
      try {
        // Another instance building now: refuse at once rather than wait for its lock and build
        // again. The build refuses too, on the lock: two sent at once both pass this check.
        if (((await store.writerHolder?.()) ?? null) !== null) throw new ReindexInProgressError(true);
        await oneAtATime(restoreUploads);
        const summary = await rebuild(onProgress, { ifLockHeld: "refuse" });
        // Swap only after the new version loaded; questions in flight keep the old object.
        if (summary.version !== index.version) index = await store.load(embedder);
        return summary;
      } finally {
        reindexing = false;
      }
    },

    isReindexing: () => reindexing,

    isReindexingElsewhere: async () => !reindexing && ((await store.writerHolder?.()) ?? null) !== null,
  };
}

/** Each distinct term with its weight. */
function weigh(terms: readonly string[], idf: Idf): WeightedTerm[] {
  return [...new Set(terms)].map((term) => ({ term, weight: idf(term) }));
}

/**
 * The turns whose words a reply is searched and read with, each question as it is searched
 * (askedWords, applied here once: applied again, a "&amp;lt;" typed, which reads "&lt;", read "<").
 * A listing's question lends only its topic ("Що писали про Гора минулого тижня?" lends "Гора"),
 * never its time words, so one of a period alone ("Що нового?") lends nothing ("А що з мостом?"
 * after it is asked as if alone).
 */
export function lentTurns(history: readonly Turn[], now: Date, dated: readonly DatedArticle[]): Turn[] {
  return history.flatMap((turn) => {
    const asked = askedWords(turn.question);
    if (!turn.listing) return [{ ...turn, question: asked }];
    const time = readTimeQuestion(asked, now, dated);
    if (time?.topicless) return [];
    return [{ ...turn, question: time ? time.rest : asked }];
  });
}

/** Terms of the previous answer that join a follow-up question: its rarest few. */
const ANSWER_TERMS = 4;

/**
 * The retrieval query: the question, preceded by the last questions of the conversation (`lent`,
 * from lentTurns: as they were searched, without links and @mentions) and the rarest words of the
 * last answer ("А з ким він зустрівся?" after an answer about Gor is about Gor), unless it listed
 * articles.
 */
export function retrievalQuery(question: string, lent: readonly Turn[], idf?: Idf): string {
  const earlier = lent.slice(-HISTORY_TURNS).map((turn) => turn.question);
  const last = lent[lent.length - 1];
  if (last && idf && !last.listing) {
    const answer = stripCitationMarkers(last.answer);
    const rarest = [...new Set(words(answer))]
      .map((word) => ({ word, term: tokenize(word)[0] }))
      .filter((w): w is { word: string; term: string } => w.term !== undefined)
      .sort((a, b) => idf(b.term) - idf(a.term))
      .slice(0, ANSWER_TERMS);
    earlier.push(rarest.map((w) => w.word).join(" "));
  }
  return [...earlier, question].join("\n");
}

/**
 * What `run` gives, or a rejection ("`what` after `ms` ms") once `ms` have passed without it
 * settling; the signal `run` is given aborts then, so work that heeds it stops.
 */
function withDeadline<T>(run: (signal: AbortSignal) => Promise<T>, ms: number, what: string): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what} after ${ms} ms`));
      controller.abort();
    }, ms);
  });
  return Promise.race([run(controller.signal), timeout]).finally(() => clearTimeout(timer));
}

function indexInfo(index: SearchableIndex): IndexInfo {
  const { manifest } = index;
  const dates = manifest.articles.map((a) => a.date).filter((d): d is string => d !== null).sort();
  return {
    articles: manifest.articles.length,
    chunks: manifest.chunks,
    version: index.version,
    builtAt: manifest.builtAt,
    embedder: manifest.embedder.id,
    dateRange: { from: dates[0] ?? null, to: dates[dates.length - 1] ?? null },
    dates: dates.filter((d, i) => d !== dates[i - 1]),
    titles: manifest.articles.map((a) => a.title),
    skipped: manifest.skipped.length,
  };
}
