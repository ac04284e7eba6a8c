import { EmbeddingCache } from "../embeddings/embedding-cache.js";
import type { IndexStore } from "../store/index-store.js";

/**
 * Copies one embedder's cached vectors from a file index folder (its `cache/`) into another
 * store, so moving an index to Postgres re-embeds nothing (what a remote embedder would bill).
 * Returns how many vectors were copied; a folder without a cache for that embedder copies none.
 */
export async function importEmbeddingCache(fromStoreDir: string, embedderId: string, into: IndexStore): Promise<number> {
  const source = await EmbeddingCache.open(fromStoreDir, embedderId);
  if (source.size === 0) return 0;
  const target = await into.embeddingCache(embedderId);
  for (const [hash, vector] of source.entries()) target.set(hash, vector);
  await target.save();
  return source.size;
}
