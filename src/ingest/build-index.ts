// Ingest: articles → chunks → cached embeddings → store.write. Knows nothing of the storage format.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { listingOf, type SeedFile, type SeedsListing, type SeedsSetting } from "../articles/list-article-files.js";
import type { ReadSeedFile } from "../articles/load-articles.js";
import { duplicateTitleWarnings } from "../articles/duplicate-titles.js";
import { oddDateWarnings } from "../articles/odd-dates.js";
import { loadArticles } from "../articles/load-articles.js";
import { searchableText, type Chunk } from "../chunks/chunk.js";
import { chunkArticle, CHUNKER_VERSION, DEFAULT_CHUNK_OPTIONS, type ChunkOptions } from "../chunks/chunk-article.js";
import type { Embedder } from "../embeddings/create-embedder.js";
import { textHash } from "../embeddings/embedding-cache.js";
import { type Clock, systemClock } from "../shared/clock.js";
import { IndexError } from "../shared/errors.js";
import { silentLogger, type Logger } from "../shared/logger.js";
import type { IfLockHeld, IndexStore } from "../store/index-store.js";
import type { ManifestArticle } from "../store/manifest.js";
import { count } from "../texts/plural.js";
import { isIndexCurrent } from "./index-status.js";
import { type IngestProgress, type IngestSummary, logSkippedAndWarnings } from "./ingest-summary.js";

/** `readdir`, `stat` and `realpath` (SeedsListing): how the seeds folder is listed, by the build and its staleness check alike. */
export interface BuildIndexOptions extends SeedsSetting, SeedsListing {
  seedsDir: string;
  store: IndexStore;
  embedder: Embedder;
  maxArticleBytes: number;
  chunkOptions?: ChunkOptions;
  /** Chunks per embedder call (default 64): progress granularity and what a failure loses. */
  batchSize?: number;
  onProgress?: (progress: IngestProgress) => void;
  logger?: Logger;
  /**
   * Build a new version even when the serving one is current, reusing nothing of it but the
   * cached embeddings (`npm run ingest -- --force`).
   */
  force?: boolean;
  /** Reads a seed file (default `readFile`; tests inject a file that cannot be read). */
  readFile?: ReadSeedFile;
  /** Today, for the warning of a date far ahead (default the system clock). */
  clock?: Clock;
  /** While another build holds the writer lock: wait for it (default), or refuse (IndexStore.lockForWriting). */
  ifLockHeld?: IfLockHeld;
}

/**
 * Builds a new index version from the seeds folder and makes it the serving one. Unchanged
 * chunks reuse cached vectors; any error leaves the serving version untouched. When the
 * serving version is already current and loads, nothing is written and it is reported unchanged.
 */
export async function buildIndex(opts: BuildIndexOptions): Promise<IngestSummary> {
  const started = Date.now();
  const logger = opts.logger ?? silentLogger;
  const chunkOptions = opts.chunkOptions ?? DEFAULT_CHUNK_OPTIONS;
  const progress = opts.onProgress ?? (() => {});
  // One writer per store: a second build (another process, or the bot while `npm run ingest` runs)
  // waits, or is refused. Refused on the lock itself: a check before it may pass just as another
  // instance takes the lock.
  const refuse = opts.ifLockHeld === "refuse";
  const release = await opts.store.lockForWriting({
    ...(refuse ? { ifHeld: "refuse" as const } : {}),
    onWait: (holder) =>
      refuse
        ? logger.info({ holder }, "the index's writer lock is held; refusing once its holder shows it is alive (a stale lock is taken over)")
        : logger.warn({ holder }, "another index build is running; waiting for it to finish"),
  });
  let summary: IngestSummary;
  try {
    summary = await build(opts, logger, chunkOptions, progress, started);
  } catch (error) {
    await release().catch((releaseError: unknown) => logger.warn({ err: releaseError }, "letting go of the index's writer lock failed too"));
    throw error;
  }
  // The new version is written and serves: a failure to let go of the lock (a database gone
  // silent for the release's 10 s) must not report the build as failed. The lock goes stale on its
  // own (Postgres: its lease runs out; the file lock: its heartbeat stops) and the next build takes it over.
  await release().catch((error: unknown) => logger.warn({ err: error }, "the index was built, but letting go of its writer lock failed; the next build takes it over once it goes stale"));
  return summary;
}

async function build(
  opts: BuildIndexOptions,
  logger: Logger,
  chunkOptions: ChunkOptions,
  progress: (p: IngestProgress) => void,
  started: number,
): Promise<IngestSummary> {
  const upToDate = opts.force ? null : await currentSummary(opts, chunkOptions, logger);
  if (upToDate) {
    const summary = { ...upToDate, ms: Date.now() - started };
    logSkippedAndWarnings(logger, summary.skipped, summary.warnings);
    logger.info({ ...summary, skipped: summary.skipped.length, warnings: summary.warnings.length }, "index already up to date");
    return summary;
  }

  // Progress in files read ("reading 0/1" for the whole phase told nothing and stuck on screen).
  const loaded = await loadArticles(opts.seedsDir, {
    maxBytes: opts.maxArticleBytes,
    onProgress: (done, total) => progress({ phase: "load", done, total }),
    ...listingOf(opts),
    ...(opts.readFile ? { readFile: opts.readFile } : {}),
  });
  const { articles, skipped, files } = loaded;
  const serving = await opts.store.serving();
  // An unreadable folder is no deleted one: what was indexed from it stays, as it was.
  const kept = await keptFromUnreadableFolders(files, serving?.manifest.articles ?? [], opts, logger);
  // Articles that share a title are told apart only by their files: say which.
  const warnings = [...loaded.warnings, ...duplicateTitleWarnings(articles), ...oddDateWarnings(articles, (opts.clock ?? systemClock).now())];
  logSkippedAndWarnings(logger, skipped, warnings);
  if (articles.length === 0 && kept.articles.length === 0) {
    const why = skipped.length > 0 ? ` (${count(skipped.length, "file")} skipped: ${skipped.map((s) => `${s.file}: ${s.reason}`).join("; ")})` : "";
    throw new IndexError(`No usable .txt or .md article in "${opts.seedsDir}"${why}; add articles and run \`npm run ingest\` again.`);
  }
  const chunks = [...articles.flatMap((article) => chunkArticle(article, chunkOptions)), ...kept.chunks];

  const counts = compare(serving?.manifest.articles ?? [], [...articles, ...kept.articles]);

  const { vectors, embedded } = await embedChunks(chunks, opts, progress);
  progress({ phase: "write", done: 0, total: 1 });
  const dims = vectors[0]!.length;
  const chunkCount = new Map<string, number>();
  for (const chunk of chunks) chunkCount.set(chunk.articleId, (chunkCount.get(chunk.articleId) ?? 0) + 1);
  const version = await opts.store.write({
    embedder: { id: opts.embedder.id, dims },
    chunker: { size: chunkOptions.size, overlap: chunkOptions.overlap, version: CHUNKER_VERSION },
    maxArticleBytes: opts.maxArticleBytes,
    articles: [...articles.map((a) => ({ id: a.id, hash: a.hash, chunks: chunkCount.get(a.id) ?? 0, title: a.title, date: a.date, url: a.url })), ...kept.articles],
    skipped,
    warnings,
    files: files.map((f) => ({ id: f.id, size: f.size, mtimeMs: f.mtimeMs })),
    chunks,
    vectors,
    ...(opts.force ? { fromScratch: true } : {}),
  });
  progress({ phase: "write", done: 1, total: 1 });

  const summary: IngestSummary = {
    articles: articles.length + kept.articles.length,
    chunks: chunks.length,
    ...counts,
    skipped,
    warnings,
    embedder: opts.embedder.id,
    embedded,
    version,
    upToDate: false,
    ms: Date.now() - started,
  };
  logger.info({ ...summary, skipped: skipped.length, warnings: warnings.length }, "index built");
  return summary;
}

// The serving version as a summary when it is current (same files, same settings) and loads: a
// re-run with nothing new must not write a version folder that differs only in its name, but a
// damaged file fails every load with "run `npm run ingest`", so that must rebuild it.
async function currentSummary(opts: BuildIndexOptions, chunkOptions: ChunkOptions, logger: Logger): Promise<Omit<IngestSummary, "ms"> | null> {
  const serving = await opts.store.serving();
  if (!serving) return null;
  const { seedsDir, store, embedder, maxArticleBytes } = opts;
  // Listed as the build would list it: else a link resolved by one and not the other makes them disagree.
  if (!(await isIndexCurrent({ seedsDir, store, embedder, maxArticleBytes, chunkOptions, ...listingOf(opts), ...(opts.readFile ? { readFile: opts.readFile } : {}) }))) return null;
  try {
    await store.load(embedder);
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "the current index cannot be loaded; rebuilding it");
    return null;
  }
  const { manifest } = serving;
  return {
    articles: manifest.articles.length,
    chunks: manifest.chunks,
    added: 0,
    changed: 0,
    removed: 0,
    unchanged: manifest.articles.length,
    skipped: manifest.skipped,
    // Found again from the titles and dates: an index built before these were warned of has none
    // recorded, and a date's distance from today changes as days pass.
    warnings: [...manifest.warnings.filter((w) => w.code !== "duplicate-title" && w.code !== "odd-date"), ...duplicateTitleWarnings(manifest.articles), ...oddDateWarnings(manifest.articles, (opts.clock ?? systemClock).now())],
    embedder: embedder.id,
    embedded: 0,
    version: serving.version,
    upToDate: true,
  };
}

/**
 * The serving version's articles under folders that cannot be read now, with their chunks (from
 * the serving index: the files cannot be read), to be indexed again unchanged. None when the
 * serving index does not load (made by another embedder, damaged): then they are left out, and
 * the log says so. A folder reached through a symlink whose target cannot be reached now
 * (`kyiv -> private/kyiv`, `private` at mode 000: EACCES) is one of them: it may be there still.
 * A link to nothing or in a loop is not (`notRead`): its folder is gone, and so are its articles.
 */
async function keptFromUnreadableFolders(
  files: readonly SeedFile[],
  previous: readonly ManifestArticle[],
  opts: BuildIndexOptions,
  logger: Logger,
): Promise<{ articles: ManifestArticle[]; chunks: Chunk[] }> {
  // Any link left unresolved is one whose target is not known to be gone (see SeedFile.unresolvedLink);
  // one to a file holds no `id/` articles, and its own article goes as an unreadable file's does.
  const folders = files.filter((f) => f.unreadableFolder !== undefined || f.unresolvedLink !== undefined).map((f) => `${f.id}/`);
  const under = previous.filter((a) => folders.some((folder) => a.id.startsWith(folder)));
  if (under.length === 0) return { articles: [], chunks: [] };
  try {
    const index = await opts.store.load(opts.embedder);
    const ids = new Set(under.map((a) => a.id));
    return { articles: under, chunks: index.chunks.filter((c) => ids.has(c.articleId)) };
  } catch (error) {
    logger.warn(
      { folders, articles: under.length, err: error instanceof Error ? error.message : String(error) },
      "the articles of a folder that cannot be read are left out: the serving index, which holds them, does not load",
    );
    return { articles: [], chunks: [] };
  }
}

function compare(previous: readonly { id: string; hash: string }[], current: readonly { id: string; hash: string }[]) {
  const before = new Map(previous.map((a) => [a.id, a.hash]));
  let added = 0;
  let changed = 0;
  let unchanged = 0;
  for (const article of current) {
    const hash = before.get(article.id);
    if (hash === undefined) added++;
    else if (hash === article.hash) unchanged++;
    else changed++;
    before.delete(article.id);
  }
  return { added, changed, removed: before.size, unchanged };
}

// Vectors for every chunk, from the cache where possible; the cache is saved even when embedding fails midway.
async function embedChunks(
  chunks: readonly Chunk[],
  opts: BuildIndexOptions,
  progress: (p: IngestProgress) => void,
): Promise<{ vectors: Float32Array[]; embedded: number }> {
  const cache = await opts.store.embeddingCache(opts.embedder.id);
  const texts = chunks.map(searchableText);
  const hashes = texts.map(textHash);
  const missing = new Map<string, string>();
  hashes.forEach((hash, i) => {
    if (!cache.get(hash)) missing.set(hash, texts[i]!);
  });
  const todo = [...missing];
  const batchSize = opts.batchSize ?? 64;
  progress({ phase: "embed", done: 0, total: todo.length });
  try {
    for (let i = 0; i < todo.length; i += batchSize) {
      // A build that lost the writer lock publishes nothing: embedding on would only cost time (and a remote embedder's calls).
      await opts.store.stillWriter?.();
      const batch = todo.slice(i, i + batchSize);
      const vectors = await opts.embedder.embeddings.embedDocuments(batch.map(([, text]) => text));
      if (vectors.length !== batch.length) {
        throw new IndexError(`Embedder ${opts.embedder.id} returned ${vectors.length} vectors for ${batch.length} texts.`);
      }
      // Float32Array from here on (the precision every store keeps): half the memory of number[].
      batch.forEach(([hash], j) => {
        cache.set(hash, Float32Array.from(checkVector(vectors[j], opts.embedder.id)));
      });
      progress({ phase: "embed", done: Math.min(i + batchSize, todo.length), total: todo.length });
      await yieldToEventLoop(); // the local embedder is synchronous: let a serving bot breathe
    }
  } catch (error) {
    await cache.save().catch(() => {});
    throw error;
  }
  const reembedded = await embedStaleLengths(texts, hashes, todo, cache, opts);
  const vectors = hashes.map((hash) => cache.get(hash)!);
  const dims = vectors[0]!.length;
  if (vectors.some((v) => v.length !== dims)) {
    throw new IndexError(`Embedder ${opts.embedder.id} returned vectors of different lengths; run \`npm run ingest\` again.`);
  }
  await cache.save(new Set(hashes));
  return { vectors, embedded: todo.length + reembedded };
}

/**
 * The cache is keyed by the embedder's name, but the server behind a remote one may now give
 * vectors of another length under that name (another server, another build of the model):
 * cached vectors of a length the embedder no longer gives are embedded again. The length it gives
 * now is that of a vector just embedded, or of the first chunk embedded once for this check.
 */
async function embedStaleLengths(
  texts: readonly string[],
  hashes: readonly string[],
  todo: readonly [string, string][],
  cache: Awaited<ReturnType<IndexStore["embeddingCache"]>>,
  opts: BuildIndexOptions,
): Promise<number> {
  if (todo.length === hashes.length || hashes.length === 0) return 0; // nothing came from the cache
  let probed = 0;
  if (todo.length === 0) {
    const [vector] = await opts.embedder.embeddings.embedDocuments([texts[0]!]);
    cache.set(hashes[0]!, Float32Array.from(checkVector(vector, opts.embedder.id)));
    probed = 1;
  }
  const dims = cache.get(todo[0]?.[0] ?? hashes[0]!)!.length;
  const stale = [...new Map(hashes.map((hash, i) => [hash, texts[i]!] as const)).entries()].filter(([hash]) => cache.get(hash)!.length !== dims);
  // The check alone is not counted: an unchanged chunk embedded again to learn the length.
  if (stale.length === 0) return 0;
  const vectors = await opts.embedder.embeddings.embedDocuments(stale.map(([, text]) => text));
  if (vectors.length !== stale.length) throw new IndexError(`Embedder ${opts.embedder.id} returned ${vectors.length} vectors for ${stale.length} texts.`);
  stale.forEach(([hash], j) => {
    cache.set(hash, Float32Array.from(checkVector(vectors[j], opts.embedder.id)));
  });
  return probed + stale.length;
}

function checkVector(vector: number[] | undefined, embedderId: string): number[] {
  if (!vector || vector.length === 0 || !vector.every(Number.isFinite)) {
    throw new IndexError(`Embedder ${embedderId} returned an empty or invalid vector.`);
  }
  return vector;
}
