import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { listSeedFiles } from "../articles/list-article-files.js";
import { DEFAULT_CHUNK_OPTIONS, type ChunkOptions } from "../chunks/chunk-article.js";
import type { Embedder } from "../embeddings/create-embedder.js";
import { TERM_INDEX_VERSION } from "../terms/term-index.js";
import { FORMAT_VERSION } from "./manifest.js";
import { readCurrent, readManifest } from "./store-layout.js";

export interface IndexStatusOptions {
  seedsDir: string;
  storeDir: string;
  embedder: Embedder;
  maxArticleBytes: number;
  chunkOptions?: ChunkOptions;
}

/**
 * Cheap staleness check: true when the serving index was built the way it would be built now
 * from the same files. Compares file names, sizes and mtimes; only a file whose size or mtime
 * changed is read and hashed (a touched but unchanged file does not trigger a rebuild).
 */
export async function isIndexCurrent(opts: IndexStatusOptions): Promise<boolean> {
  const version = await readCurrent(opts.storeDir);
  if (!version) return false;
  let manifest;
  try {
    manifest = await readManifest(join(opts.storeDir, version));
  } catch {
    return false;
  }
  const chunker = opts.chunkOptions ?? DEFAULT_CHUNK_OPTIONS;
  if (
    manifest.formatVersion !== FORMAT_VERSION ||
    manifest.embedder.id !== opts.embedder.id ||
    manifest.termIndexVersion !== TERM_INDEX_VERSION ||
    manifest.maxArticleBytes !== opts.maxArticleBytes ||
    manifest.chunker.size !== chunker.size ||
    manifest.chunker.overlap !== chunker.overlap
  ) {
    return false;
  }

  const files = await listSeedFiles(opts.seedsDir);
  if (files.length !== manifest.files.length) return false;
  const seen = new Map(manifest.files.map((f) => [f.id, f]));
  const hashes = new Map(manifest.articles.map((a) => [a.id, a.hash]));
  for (const file of files) {
    const before = seen.get(file.id);
    if (!before) return false;
    if (before.size === file.size && before.mtimeMs === file.mtimeMs) continue;
    const hash = hashes.get(file.id);
    if (hash === undefined) return false; // a skipped file changed: it may be readable now
    try {
      if (createHash("sha256").update(await readFile(file.path)).digest("hex") !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}
