import type { EmbeddingCacheStore } from "../index-store.js";
import type { SqlQueryable } from "./sql-database.js";

/** Rows per INSERT: few round trips, far below Postgres' 65,535 parameters. */
const BATCH = 500;

/**
 * The embedding cache of one embedder in `<schema>.embedding_cache`, read into memory when opened
 * (ingest asks for thousands of vectors one by one). New vectors are written on `save`; vectors
 * are little-endian float32, like the file cache, so both backends index the same numbers.
 */
export async function openPostgresEmbeddingCache(db: SqlQueryable, table: string, embedderId: string): Promise<EmbeddingCacheStore> {
  const vectors = new Map<string, Float32Array>();
  const added = new Set<string>();
  const { rows } = await db.query<{ hash: string; vector: Uint8Array }>(`SELECT hash, vector FROM ${table} WHERE embedder = $1`, [embedderId]);
  for (const row of rows) vectors.set(row.hash, decodeVector(row.vector));
  return {
    get: (hash) => vectors.get(hash),
    set(hash, vector) {
      vectors.set(hash, vector);
      added.add(hash);
    },
    async save(keep) {
      const fresh = [...added].filter((hash) => !keep || keep.has(hash));
      for (let i = 0; i < fresh.length; i += BATCH) {
        const batch = fresh.slice(i, i + BATCH);
        const params: unknown[] = [embedderId];
        const values = batch.map((hash) => {
          params.push(hash, encodeVector(vectors.get(hash)!));
          return `($1, $${params.length - 1}, $${params.length})`;
        });
        await db.query(`INSERT INTO ${table} (embedder, hash, vector) VALUES ${values.join(", ")} ON CONFLICT DO NOTHING`, params);
      }
      added.clear();
      if (keep) {
        await db.query(`DELETE FROM ${table} WHERE embedder = $1 AND NOT (hash = ANY($2::text[]))`, [embedderId, [...keep]]);
        for (const hash of vectors.keys()) if (!keep.has(hash)) vectors.delete(hash);
      }
    },
  };
}

function encodeVector(vector: Float32Array): Buffer {
  const bytes = Buffer.alloc(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i]!, i * 4);
  return bytes;
}

function decodeVector(raw: Uint8Array): Float32Array {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const vector = new Float32Array(bytes.length / 4);
  for (let i = 0; i < vector.length; i++) vector[i] = bytes.readFloatLE(i * 4);
  return vector;
}
