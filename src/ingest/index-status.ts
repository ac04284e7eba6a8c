import { articleHash } from "../articles/article-hash.js";
import { readFile } from "node:fs/promises";
import { isNeverRead, listingOf, listSeedFiles, type SeedsListing, type SeedsSetting } from "../articles/list-article-files.js";
import type { ReadSeedFile } from "../articles/load-articles.js";
import { CHUNKER_VERSION, DEFAULT_CHUNK_OPTIONS, type ChunkOptions } from "../chunks/chunk-article.js";
import type { Embedder } from "../embeddings/create-embedder.js";
import { indexMismatch } from "../store/compatibility.js";
import type { IndexStore } from "../store/index-store.js";

/** `readdir`, `stat` and `realpath` (SeedsListing): the same as the build's, so both list the seeds alike. */
export interface IndexStatusOptions extends SeedsSetting, SeedsListing {
  seedsDir: string;
  store: IndexStore;
  embedder: Embedder;
  maxArticleBytes: number;
  chunkOptions?: ChunkOptions;
  /** Reads a file (default `readFile`; tests inject one that fails). */
  readFile?: ReadSeedFile;
}

/**
 * Cheap staleness check: true when the serving index was built the way it would be built now
 * from the same files. Compares file names, sizes and mtimes; only a file whose size or mtime
 * changed is read and hashed (a touched but unchanged file does not trigger a rebuild), and one
 * skipped as unreadable is tried again: a permission fixed (`chmod`, `chown`) changes no mtime.
 */
export async function isIndexCurrent(opts: IndexStatusOptions): Promise<boolean> {
  const serving = await opts.store.serving();
  if (!serving) return false;
  const { manifest } = serving;
  const mismatch = indexMismatch(manifest, {
    ...opts.store.format,
    embedderId: opts.embedder.id,
    maxArticleBytes: opts.maxArticleBytes,
    chunker: { ...(opts.chunkOptions ?? DEFAULT_CHUNK_OPTIONS), version: CHUNKER_VERSION },
  });
  if (mismatch) return false;

  const files = await listSeedFiles(opts.seedsDir, listingOf(opts));
  if (files.length !== manifest.files.length) return false;
  const seen = new Map(manifest.files.map((f) => [f.id, f]));
  const hashes = new Map(manifest.articles.map((a) => [a.id, a.hash]));
  const unreadable = new Set(manifest.skipped.filter((s) => s.code === "unreadable").map((s) => s.file));
  const read = opts.readFile ?? readFile;
  for (const file of files) {
    const before = seen.get(file.id);
    if (!before) return false;
    if (before.size === file.size && before.mtimeMs === file.mtimeMs) {
      // Else the file stayed "unreadable: EACCES" at every run after its mode was fixed, unindexed
      // until touched or built with --force. A folder that still cannot be read is listed as one.
      if (unreadable.has(file.id) && !isNeverRead(file) && (await read(file.path).then(() => true, () => false))) return false;
      continue;
    }
    const hash = hashes.get(file.id);
    if (hash === undefined) return false; // a skipped file changed: it may be readable now
    // An article replaced by a FIFO (opening it would wait for a writer) or by a link out: changed, unread.
    if (isNeverRead(file)) return false;
    try {
      if (articleHash(await read(file.path)) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}
