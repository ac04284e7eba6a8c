// The storage port: what ingest and the knowledge base need from wherever the index lives.
// HNSW files in a folder (src/store/hnsw/) are one implementation; a database can be another.
import type { ArticleWarning, SkippedFile } from "../articles/article.js";
import type { Chunk } from "../chunks/chunk.js";
import type { Embedder } from "../embeddings/create-embedder.js";
import type { ScoredId, TermIndex } from "../terms/term-index.js";
import type { Manifest, ManifestArticle, ManifestChunker, ManifestFile } from "./manifest.js";
import type { SearchFilter } from "./search-filter.js";

export type { SearchFilter } from "./search-filter.js";
export type { ScoredId } from "../terms/term-index.js";

/** The serving index, loaded and ready to search. */
export interface SearchableIndex {
  manifest: Manifest;
  /** Version name, e.g. `v-20260204T101500123Z-a1b2c3`. */
  version: string;
  /** Every chunk, in index order. */
  chunks: readonly Chunk[];
  chunkById(id: string): Chunk | undefined;
  /** Nearest chunks to a query vector; score = cosine similarity (higher is better), ids = chunk ids. */
  vectorSearch(queryVector: number[], k: number, filter?: SearchFilter): Promise<ScoredId[]>;
  /** BM25 over chunk texts; filtered-out chunks are skipped, not just dropped from the top. */
  termSearch(query: string | readonly string[], k: number, filter?: SearchFilter): ScoredId[];
  /** Term statistics (IDF, document frequency) over the whole index. */
  termIndex: TermIndex;
}

/** Cached chunk vectors (float32, as every backend stores them), keyed by text hash, for one embedder. */
export interface EmbeddingCacheStore {
  get(hash: string): Float32Array | undefined;
  set(hash: string, vector: Float32Array): void;
  /** Persists the cache; with `keep`, entries not in it may be dropped. */
  save(keep?: ReadonlySet<string>): Promise<void>;
}

/** Everything a new index version is made of; the store adds its own format details. */
export interface IndexBuild {
  embedder: { id: string; dims: number };
  chunker: ManifestChunker;
  maxArticleBytes: number;
  articles: ManifestArticle[];
  skipped: SkippedFile[];
  warnings: ArticleWarning[];
  files: ManifestFile[];
  /** Chunks in index order, and their vectors (same order; the store may empty this array). */
  chunks: readonly Chunk[];
  vectors: Float32Array[];
  /**
   * Reuse nothing of the serving version (`npm run ingest -- --force`): a store that would
   * otherwise update the serving version's vector index builds it anew.
   */
  fromScratch?: boolean;
}

/**
 * What a build does when another one holds the writer lock: wait for it (`npm run ingest`, the
 * start-up build), or refuse (a /reindex: the running build makes what it would, and serves here too).
 */
export type IfLockHeld = "wait" | "refuse";

/** Where the serving index lives. */
export interface IndexStore {
  /** For messages: a folder path, a database name. */
  readonly location: string;
  /** What this backend writes into manifests; an index with other values is rebuilt. */
  readonly format: { formatVersion: number; termIndexVersion: string };
  /** The serving version and its manifest, or null when there is none or it cannot be read. */
  serving(): Promise<{ version: string; manifest: Manifest } | null>;
  /** Just the serving version's name (cheaper than `serving`, for frequent checks); optional. */
  servingVersion?(): Promise<string | null>;
  /** Writes a new version and makes it the serving one atomically; returns its name. */
  write(build: IndexBuild): Promise<string>;
  /** Loads the serving version; throws `IndexError` (saying to re-index) when missing or incompatible. */
  load(embedder: Embedder): Promise<SearchableIndex>;
  /** The embedding cache of one embedder (kept across versions). */
  embeddingCache(embedderId: string): Promise<EmbeddingCacheStore>;
  /**
   * Takes the one-writer lock and clears what crashed writers left; resolves to the release
   * function. While another build (in any process) holds it: waits, or with `ifHeld: "refuse"`
   * rejects with `ReindexInProgressError` (elsewhere) once the holder is known alive. A lock a
   * crash left is taken over either way, so refusing may first take as long as telling it
   * stale (a file lock of another host: 30 s of watching; a lease: until it runs out).
   */
  lockForWriting(options?: { onWait?: (holder: string) => void; ifHeld?: IfLockHeld }): Promise<() => Promise<void>>;
  /**
   * Throws LostLockError once the writer lock taken with `lockForWriting` may be another build's
   * now; optional. `write` checks it itself; a build calls it between embedding batches too, so
   * one that lost the lock stops there rather than embedding everything first.
   */
  stillWriter?(): Promise<void>;
  /**
   * Who holds the one-writer lock now (a build in this or another process), or null; optional
   * (a shared database has it, so a second /reindex on another instance is refused at once).
   */
  writerHolder?(): Promise<string | null>;
  /** Clears what crashed writers left, unless a build is running now; returns what was removed (for the log). */
  removeLeftovers(): Promise<string[]>;
}
