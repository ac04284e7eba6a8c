import { endianness } from "node:os";
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

// Vectors are stored as little-endian float32, as a Float32Array's bytes are on such a machine: there
// they go in and out as bytes, not a float at a time (10,000 × 512 floats took ~0.2 s each way).
const LITTLE_ENDIAN = endianness() === "LE";

/** A vector's bytes in the stored format (on little-endian machines a view of the vector itself). */
export function encodeVector(vector: Float32Array, littleEndian = LITTLE_ENDIAN): Buffer {
  if (littleEndian) return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
  const bytes = Buffer.alloc(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i]!, i * 4);
  return bytes;
}

/**
 * A stored vector: on little-endian machines a view of the row's bytes when they start on a 4-byte
 * boundary (a Float32Array must), else a byte copy; a float at a time only on big-endian machines.
 */
export function decodeVector(raw: Uint8Array, littleEndian = LITTLE_ENDIAN): Float32Array {
  const length = Math.floor(raw.byteLength / 4);
  if (littleEndian) {
    if (raw.byteOffset % 4 === 0) return new Float32Array(raw.buffer, raw.byteOffset, length);
    const vector = new Float32Array(length);
    new Uint8Array(vector.buffer).set(raw.subarray(0, length * 4));
    return vector;
  }
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const vector = new Float32Array(length);
  for (let i = 0; i < vector.length; i++) vector[i] = bytes.readFloatLE(i * 4);
  return vector;
}
