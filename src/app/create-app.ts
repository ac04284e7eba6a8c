// The composition root: the only code that reads `Config` and wires embedder, answerer, store
// and knowledge base. Entry points (src/cli/) parse flags, load the config and call in here.
import type { Answerer } from "../answers/answer.js";
import type { Config } from "../config/config.js";
import { createEmbedder, type Embedder } from "../embeddings/create-embedder.js";
import { buildIndex } from "../ingest/build-index.js";
import { importEmbeddingCache } from "../ingest/import-embedding-cache.js";
import type { IngestProgress, IngestSummary } from "../ingest/ingest-summary.js";
import { openKnowledgeBase, type LocalKnowledgeBase } from "../knowledge-base/open-knowledge-base.js";
import type { RetrieveOptions } from "../retrieval/retrieve.js";
import type { Clock } from "../shared/clock.js";
import type { Logger } from "../shared/logger.js";
import { createHnswStore } from "../store/hnsw/hnsw-store.js";
import type { GraphWrite } from "../store/hnsw/write-graph.js";
import type { IfLockHeld, IndexStore } from "../store/index-store.js";
import { createPostgresStore } from "../store/postgres/postgres-store.js";
import { describeDatabaseUrl } from "../store/postgres/sql-database.js";
import { configuredDatabase, MIGRATION_TIMEOUT_MS } from "./database.js";
import { STATE_STATEMENT_TIMEOUT_MS } from "./open-bot-state.js";
import { postgresSharedArticles, restoreSharedArticles, type SharedArticles } from "../store/postgres/uploaded-articles.js";
import { createAnswerer } from "./create-answerer.js";
import { explainEmbedderErrors } from "./explain-embedder-errors.js";
import { reindexInChild } from "./reindex-in-child.js";
import { refuseFoldersInsideSeeds } from "./inside-seeds.js";

/** Collaborators a caller may supply instead of the configured ones (tests, benchmarks). */
export interface AppDeps {
  logger: Logger;
  embedder?: Embedder;
  answerer?: Answerer;
  clock?: Clock;
  onProgress?: (progress: IngestProgress) => void;
  /** Retrieval settings other than k (retriever mode for baselines, candidates, per-article cap). */
  retrieval?: Omit<RetrieveOptions, "k">;
  /** Not-found threshold on the reader's answerability for every script (default: the one trained for the articles' script; 0 never refuses). */
  notFoundThreshold?: number;
  /** Run `reindex` builds in a child process (the bot), instead of on this thread. */
  reindexInChild?: boolean;
  /** How often (at most) to check for an index version another process built (default 5 s; tests shorten it). */
  followVersionsMs?: number;
  /** How messages name the index folder's setting (default VECTORSTORE_DIR; see STORE_FLAG_SETTING). */
  storeSetting?: string;
  /** How messages name the articles folder's setting (default SEEDS_DIR; see SEEDS_FLAG_SETTING). */
  seedsSetting?: string;
  /** Only read the version the store serves: no build, no uploads written into the seeds folder (KnowledgeBaseDeps.readOnly). */
  readOnly?: boolean;
}

/** The index folder's setting as named by a command that takes --store. */
export const STORE_FLAG_SETTING = "--store (or VECTORSTORE_DIR)";

/** The articles folder's setting as named by a command that takes --seeds. */
export const SEEDS_FLAG_SETTING = "--seeds (or SEEDS_DIR)";

/** The configured embedder (EMBEDDINGS_PROVIDER, EMBEDDINGS_MODEL, OPENAI_*). */
export async function createConfiguredEmbedder(config: Config): Promise<Embedder> {
  const embedder = await createEmbedder({
    provider: config.embeddingsProvider,
    model: config.embeddingsModel,
    apiKey: config.openaiApiKey,
    baseUrl: config.openaiBaseUrl,
  });
  if (config.embeddingsProvider === "local") return embedder;
  return explainEmbedderErrors(embedder, { baseUrl: config.openaiBaseUrl, model: config.embeddingsModel, apiKey: config.openaiApiKey });
}

/**
 * How long each statement removing a crashed build's unfinished version may wait: one of 100,000
 * chunks took 6 s to delete on PGlite (1,536 dims, 2 cores at load 12), 3 s at 512 dims; 50 times
 * that, and still far below the re-index child's 30-minute no-progress kill.
 */
const LEFTOVERS_TIMEOUT_MS = 5 * 60_000;

/**
 * The configured index store: Postgres when DATABASE_URL is set (schema DATABASE_SCHEMA), else HNSW
 * files in VECTORSTORE_DIR. `readOnly`: the database's schema is neither created nor migrated. The
 * database's one-row statements (the writer lock and its check, the serving version) wait no longer
 * than the bot's state does, the removal of a crashed build's leftovers LEFTOVERS_TIMEOUT_MS, the
 * schema's migration MIGRATION_TIMEOUT_MS; the bulk ones of a build or a load are not limited.
 */
export function createConfiguredStore(config: Config, logger: Logger, storeSetting?: string, readOnly = false): IndexStore {
  const onPruneError = (error: unknown) => logger.warn({ err: error }, "could not delete old index versions");
  if (config.databaseUrl) {
    const db = configuredDatabase(config.databaseUrl);
    return createPostgresStore({
      db,
      checks: db.withTimeout(STATE_STATEMENT_TIMEOUT_MS),
      leftovers: db.withTimeout(LEFTOVERS_TIMEOUT_MS),
      migrations: db.withTimeout(MIGRATION_TIMEOUT_MS),
      schema: config.databaseSchema,
      database: describeDatabaseUrl(config.databaseUrl),
      onPruneError,
      ...(readOnly ? { readOnly } : {}),
    });
  }
  // Which way the graph was made says why a re-index took seconds or minutes.
  const onGraph = ({ reason, ...write }: GraphWrite) =>
    logger.info({ ...write, deletedShare: Math.round(write.deletedShare * 1000) / 1000 }, write.mode === "incremental" ? "HNSW graph updated from the serving one" : `HNSW graph built in full: ${reason}`);
  return createHnswStore(config.vectorstoreDir, { onPruneError, onGraph, ...(storeSetting ? { setting: storeSetting } : {}) });
}

/**
 * With DATABASE_URL: the uploads every instance writes into its seeds folder before building.
 * Their statements are short and wait for the database no longer than the bot's state does: one
 * gone silent otherwise held /remove's listing, an upload or a removal for ever. The schema's
 * migration waits MIGRATION_TIMEOUT_MS.
 */
function configuredSharedArticles(config: Config): SharedArticles | undefined {
  if (!config.databaseUrl) return undefined;
  const db = configuredDatabase(config.databaseUrl);
  return postgresSharedArticles(db.withTimeout(STATE_STATEMENT_TIMEOUT_MS), config.databaseSchema, describeDatabaseUrl(config.databaseUrl), db.withTimeout(MIGRATION_TIMEOUT_MS));
}

/** Where the configured index lives, for messages (no password). */
export function describeConfiguredStore(config: Config): string {
  return config.databaseUrl ? `${describeDatabaseUrl(config.databaseUrl)} (schema ${config.databaseSchema})` : config.vectorstoreDir;
}

/**
 * How often (at most) a process checks for an index version built elsewhere: another instance on
 * a shared database, or `npm run ingest` into the same store folder. The check is one small read
 * (CURRENT, or one row), done before a question once the last is older than this.
 */
const FOLLOW_VERSIONS_MS = 5_000;
/**
 * How long a question waits for the database's version check and vector search: one gone silent
 * (a network cut, a failover) then costs questions this long, not every question for ever.
 */
const DATABASE_WAIT_MS = 5_000;
/**
 * How long a question waits for a file store's version check (reading CURRENT, then loading a new
 * version): a store folder on a network disk gone silent, or a big version loading, must not hold
 * every question. The version held is in memory, so answering from it meanwhile is safe; the new
 * one is swapped in when its load ends.
 */
const FILE_FOLLOW_WAIT_MS = 5_000;

/** Opens the knowledge base the configuration describes (building the index when missing or stale). */
export async function createApp(config: Config, deps: AppDeps): Promise<LocalKnowledgeBase> {
  const { logger } = deps;
  refuseFoldersInsideSeeds(config, { ...(deps.storeSetting ? { store: deps.storeSetting } : {}), ...(deps.seedsSetting ? { seeds: deps.seedsSetting } : {}) });
  const embedder = deps.embedder ?? (await createConfiguredEmbedder(config));
  const answerer = deps.answerer ?? (await createAnswerer(config, logger));
  const sharedArticles = configuredSharedArticles(config);
  return openKnowledgeBase({
    seedsDir: config.seedsDir,
    maxArticleBytes: config.maxArticleBytes,
    store: createConfiguredStore(config, logger, deps.storeSetting, deps.readOnly),
    ...(deps.seedsSetting ? { seedsSetting: deps.seedsSetting } : {}),
    embedder,
    answerer,
    logger,
    remoteEmbeddings: config.embeddingsProvider !== "local",
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    ...(deps.retrieval ? { retrieval: deps.retrieval } : {}),
    ...(deps.notFoundThreshold !== undefined ? { notFoundThreshold: deps.notFoundThreshold } : {}),
    ...(deps.reindexInChild ? { rebuild: reindexInChild(config) } : {}),
    // Another process may switch the serving version: `npm run ingest` (into the same store folder
    // or database), or another instance on a shared database. A file store's new version is
    // written, fsynced and named in CURRENT atomically, and a loaded version is held in memory
    // (its files, pruned two builds later, are not read again), so following it is safe.
    followVersions: { intervalMs: deps.followVersionsMs ?? FOLLOW_VERSIONS_MS, ...(config.databaseUrl ? {} : { timeoutMs: FILE_FOLLOW_WAIT_MS }) },
    // A database is shared: articles uploaded on another instance are in it, and it may go silent.
    ...(config.databaseUrl ? { storeTimeoutMs: DATABASE_WAIT_MS } : {}),
    ...(sharedArticles ? { sharedArticles } : {}),
    ...(deps.readOnly ? { readOnly: true } : {}),
  });
}

/** Builds or updates the configured index (`npm run ingest`). */
export async function ingest(
  config: Config,
  deps: {
    logger: Logger;
    onProgress?: (progress: IngestProgress) => void;
    importCacheFrom?: string;
    /** false: the caller already wrote the shared uploads into the seeds folder (the bot's /reindex child). */
    restoreUploads?: boolean;
    /** Build a new version even when the serving one is current. */
    force?: boolean;
    /** While another build holds the writer lock: wait (default), or refuse (the bot's /reindex). */
    ifLockHeld?: IfLockHeld;
    /** How messages name the index folder's setting (default VECTORSTORE_DIR). */
    storeSetting?: string;
    /** How messages name the articles folder's setting (default SEEDS_DIR). */
    seedsSetting?: string;
  },
): Promise<IngestSummary> {
  refuseFoldersInsideSeeds(config, { ...(deps.storeSetting ? { store: deps.storeSetting } : {}), ...(deps.seedsSetting ? { seeds: deps.seedsSetting } : {}) });
  const embedder = await createConfiguredEmbedder(config);
  const store = createConfiguredStore(config, deps.logger, deps.storeSetting);
  if (deps.importCacheFrom) {
    const copied = await importEmbeddingCache(deps.importCacheFrom, embedder.id, store);
    deps.logger.info({ from: deps.importCacheFrom, vectors: copied, embedder: embedder.id }, "embedding cache copied");
  }
  // Articles uploaded through the bot are kept in the database: an ingest from this folder alone would drop them.
  const shared = deps.restoreUploads === false ? undefined : configuredSharedArticles(config);
  if (shared) await restoreSharedArticles(shared, config.seedsDir, deps.logger);
  return buildIndex({
    seedsDir: config.seedsDir,
    store,
    embedder,
    maxArticleBytes: config.maxArticleBytes,
    logger: deps.logger,
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    ...(deps.force ? { force: true } : {}),
    ...(deps.ifLockHeld ? { ifLockHeld: deps.ifLockHeld } : {}),
    ...(deps.seedsSetting ? { seedsSetting: deps.seedsSetting } : {}),
  });
}
