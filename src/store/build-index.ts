import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { Document } from "@langchain/core/documents";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Article } from "../articles/article.js";
import { loadArticles } from "../articles/load-articles.js";
import type { Chunk } from "../chunks/chunk.js";
import { chunkArticle, DEFAULT_CHUNK_OPTIONS, type ChunkOptions } from "../chunks/chunk-article.js";
import type { Embedder } from "../embeddings/create-embedder.js";
import { EmbeddingCache, textHash } from "../embeddings/embedding-cache.js";
import { IndexError } from "../shared/errors.js";
import { silentLogger, type Logger } from "../shared/logger.js";
import { buildTermIndex, saveTermIndex, TERM_INDEX_VERSION } from "../terms/term-index.js";
import { HNSW_PARAMS } from "./hnsw-params.js";
import type { IngestProgress, IngestSummary } from "./ingest-summary.js";
import { FORMAT_VERSION, MANIFEST_FILE, type Manifest } from "./manifest.js";
import { newVersionName, pruneVersions, readServingManifest, TERMS_DIR, writeCurrent } from "./store-layout.js";

export interface BuildIndexOptions {
  seedsDir: string;
  storeDir: string;
  embedder: Embedder;
  maxArticleBytes: number;
  chunkOptions?: ChunkOptions;
  /** Chunks per embedder call (default 64): progress granularity and what a failure loses. */
  batchSize?: number;
  onProgress?: (progress: IngestProgress) => void;
  logger?: Logger;
}

/**
 * Builds a new index version from the seeds folder and switches CURRENT to it. Unchanged chunks
 * reuse cached vectors; any error leaves CURRENT and the serving version untouched.
 */
export async function buildIndex(opts: BuildIndexOptions): Promise<IngestSummary> {
  const started = Date.now();
  const logger = opts.logger ?? silentLogger;
  const chunkOptions = opts.chunkOptions ?? DEFAULT_CHUNK_OPTIONS;
  const progress = opts.onProgress ?? (() => {});

  progress({ phase: "load", done: 0, total: 1 });
  const { articles, skipped, files } = await loadArticles(opts.seedsDir, { maxBytes: opts.maxArticleBytes });
  for (const skip of skipped) logger.debug({ file: skip.file, reason: skip.reason }, "article skipped");
  if (articles.length === 0) {
    const why = skipped.length > 0 ? ` (${skipped.length} file(s) skipped: ${skipped.map((s) => `${s.file}: ${s.reason}`).join("; ")})` : "";
    throw new IndexError(`No usable .txt or .md article in "${opts.seedsDir}"${why}; add articles and run \`npm run ingest\` again.`);
  }
  const chunks = articles.flatMap((article) => chunkArticle(article, chunkOptions));
  progress({ phase: "load", done: 1, total: 1 });

  const serving = await readServingManifest(opts.storeDir);
  const counts = compare(serving?.manifest.articles ?? [], articles);

  await mkdir(opts.storeDir, { recursive: true });
  const version = newVersionName();
  const dir = join(opts.storeDir, version);
  await mkdir(dir);
  try {
    const { vectors, embedded } = await embedChunks(chunks, opts, progress);
    progress({ phase: "write", done: 0, total: 1 });
    const dims = vectors[0]!.length;
    await writeVectors(dir, chunks, vectors, opts.embedder);
    await mkdir(join(dir, TERMS_DIR));
    await saveTermIndex(buildTermIndex(chunks.map((c) => ({ id: c.id, text: c.text }))), join(dir, TERMS_DIR));

    const chunkCount = new Map<string, number>();
    for (const chunk of chunks) chunkCount.set(chunk.articleId, (chunkCount.get(chunk.articleId) ?? 0) + 1);
    const manifest: Manifest = {
      formatVersion: FORMAT_VERSION,
      embedder: { id: opts.embedder.id, dims },
      chunker: { size: chunkOptions.size, overlap: chunkOptions.overlap },
      termIndexVersion: TERM_INDEX_VERSION,
      hnsw: { space: HNSW_PARAMS.space, m: HNSW_PARAMS.m, efConstruction: HNSW_PARAMS.efConstruction },
      maxArticleBytes: opts.maxArticleBytes,
      articles: articles.map((a) => ({ id: a.id, hash: a.hash, chunks: chunkCount.get(a.id) ?? 0, title: a.title, date: a.date, url: a.url })),
      skipped,
      files: files.map((f) => ({ id: f.id, size: f.size, mtimeMs: f.mtimeMs })),
      chunks: chunks.length,
      builtAt: new Date().toISOString(),
    };
    // The manifest is written last: a version folder without one is an unfinished build.
    await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await writeCurrent(opts.storeDir, version);
    progress({ phase: "write", done: 1, total: 1 });

    const summary: IngestSummary = {
      articles: articles.length,
      chunks: chunks.length,
      ...counts,
      skipped,
      embedder: opts.embedder.id,
      embedded,
      version,
      ms: Date.now() - started,
    };
    logger.info({ ...summary, skipped: skipped.length }, "index built");
    await pruneVersions(opts.storeDir, new Set([version, ...(serving ? [serving.version] : [])])).catch((error: unknown) =>
      logger.warn({ err: error }, "could not delete old index versions"),
    );
    return summary;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function compare(previous: readonly { id: string; hash: string }[], current: readonly Article[]) {
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
): Promise<{ vectors: number[][]; embedded: number }> {
  const cache = await EmbeddingCache.open(opts.storeDir, opts.embedder.id);
  const hashes = chunks.map((c) => textHash(c.text));
  const missing = new Map<string, string>();
  hashes.forEach((hash, i) => {
    if (!cache.get(hash)) missing.set(hash, chunks[i]!.text);
  });
  const todo = [...missing];
  const batchSize = opts.batchSize ?? 64;
  progress({ phase: "embed", done: 0, total: todo.length });
  try {
    for (let i = 0; i < todo.length; i += batchSize) {
      const batch = todo.slice(i, i + batchSize);
      const vectors = await opts.embedder.embeddings.embedDocuments(batch.map(([, text]) => text));
      if (vectors.length !== batch.length) {
        throw new IndexError(`Embedder ${opts.embedder.id} returned ${vectors.length} vectors for ${batch.length} texts.`);
      }
      batch.forEach(([hash], j) => cache.set(hash, checkVector(vectors[j], opts.embedder.id)));
      progress({ phase: "embed", done: Math.min(i + batchSize, todo.length), total: todo.length });
      await yieldToEventLoop(); // the local embedder is synchronous: let a serving bot breathe
    }
  } catch (error) {
    await cache.save().catch(() => {});
    throw error;
  }
  const vectors = hashes.map((hash) => cache.get(hash)!);
  const dims = vectors[0]!.length;
  if (vectors.some((v) => v.length !== dims)) {
    throw new IndexError(`Embedder ${opts.embedder.id} returned vectors of different lengths; run \`npm run ingest\` again.`);
  }
  await cache.save(new Set(hashes));
  return { vectors, embedded: todo.length };
}

function checkVector(vector: number[] | undefined, embedderId: string): number[] {
  if (!vector || vector.length === 0 || !vector.every(Number.isFinite)) {
    throw new IndexError(`Embedder ${embedderId} returned an empty or invalid vector.`);
  }
  return vector;
}

// HNSWLib's own files (hnswlib.index, args.json, docstore.json); the graph is built here so M and
// efConstruction come from HNSW_PARAMS, and the docstore keeps each chunk's fields as metadata.
async function writeVectors(dir: string, chunks: readonly Chunk[], vectors: number[][], embedder: Embedder): Promise<void> {
  const { HierarchicalNSW } = await HNSWLib.imports();
  const dims = vectors[0]!.length;
  const index = new HierarchicalNSW(HNSW_PARAMS.space, dims);
  index.initIndex(chunks.length, HNSW_PARAMS.m, HNSW_PARAMS.efConstruction, HNSW_PARAMS.randomSeed);
  const docs = new Map<string, Document>();
  chunks.forEach((chunk, i) => {
    index.addPoint(vectors[i]!, i);
    const { text, ...metadata } = chunk;
    docs.set(String(i), new Document({ pageContent: text, metadata }));
  });
  // The graph holds its own float32 copy now: drop the JS vectors (~400 MB at 100k chunks) before
  // the docstore is serialised, the ingest's peak-memory moment. The caller does not use them again.
  vectors.length = 0;
  const store = new HNSWLib(embedder.embeddings, {
    space: HNSW_PARAMS.space,
    numDimensions: dims,
    index,
    docstore: new SynchronousInMemoryDocstore(docs),
  });
  await store.save(dir);
}
