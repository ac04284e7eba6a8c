import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { endianness } from "node:os";
import { join } from "node:path";
import { writeFileDurably } from "../shared/durable-write.js";

/** sha256 (hex) of a chunk's text: the cache key within one embedder. */
export function textHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

// The file's floats are little-endian, as a Float32Array's are on such a machine: there the body is
// copied in and out as bytes, not a float at a time (100k chunks × 512 dims: ~1 s each way before).
const LITTLE_ENDIAN = endianness() === "LE";

/** Vectors per part of the file's body when saving: ~2 MB at 512 dimensions, never the whole body. */
const SAVE_PART_VECTORS = 1024;

/**
 * Vectors already computed for (embedder id, chunk text hash), persisted under `<store>/cache/`
 * so a re-index embeds only new or changed chunks. One file per embedder: a JSON header line,
 * then the vectors as little-endian float32. In memory they are Float32Array too: half the
 * bytes of number[] and off the JS heap (100k chunks × 512 dims: 205 MB instead of 410 MB).
 */
export class EmbeddingCache {
  private readonly vectors = new Map<string, Float32Array>();

  private constructor(
    readonly file: string,
    readonly embedderId: string,
  ) {}

  /** Opens the cache of one embedder; a missing or unreadable cache file is an empty cache. */
  static async open(storeDir: string, embedderId: string): Promise<EmbeddingCache> {
    const safe = embedderId.replace(/[^A-Za-z0-9._-]+/g, "_");
    const suffix = createHash("sha256").update(embedderId).digest("hex").slice(0, 8);
    const cache = new EmbeddingCache(join(storeDir, "cache", `${safe}-${suffix}.vectors`), embedderId);
    try {
      cache.decode(await readFile(cache.file));
    } catch {
      cache.vectors.clear(); // only a cache: a bad file costs re-embedding, nothing more
    }
    return cache;
  }

  get size(): number {
    return this.vectors.size;
  }

  get(hash: string): Float32Array | undefined {
    return this.vectors.get(hash);
  }

  set(hash: string, vector: Float32Array): void {
    this.vectors.set(hash, vector);
  }

  /** Every cached (hash, vector) pair (to copy the cache into another store). */
  entries(): IterableIterator<[string, Float32Array]> {
    return this.vectors.entries();
  }

  /** Writes the cache atomically; with `keep`, entries not in it are dropped first. */
  async save(keep?: ReadonlySet<string>): Promise<void> {
    if (keep) for (const hash of this.vectors.keys()) if (!keep.has(hash)) this.vectors.delete(hash);
    const keys = [...this.vectors.keys()];
    const dims = keys.length > 0 ? this.vectors.get(keys[0]!)!.length : 0;
    const header = Buffer.from(`${JSON.stringify({ embedder: this.embedderId, dims, keys })}\n`);
    const vectors = this.vectors;
    // The body a few MB at a time (a generator: each part is made when it is written), not one
    // buffer of every vector: at 100k chunks that was ~200 MB of peak RSS, a concatenated copy
    // as much again. Temp file, fsync, rename: a crash leaves the old cache or the new one.
    function* parts(): Generator<Buffer> {
      yield header;
      for (let first = 0; first < keys.length; first += SAVE_PART_VECTORS) {
        const count = Math.min(SAVE_PART_VECTORS, keys.length - first);
        const part = Buffer.alloc(count * dims * 4);
        for (let i = 0; i < count; i++) {
          const vector = vectors.get(keys[first + i]!)!;
          if (LITTLE_ENDIAN && vector.length >= dims) part.set(new Uint8Array(vector.buffer, vector.byteOffset, dims * 4), i * dims * 4);
          else for (let j = 0; j < dims; j++) part.writeFloatLE(vector[j] ?? 0, (i * dims + j) * 4);
        }
        yield part;
      }
    }
    await mkdir(join(this.file, ".."), { recursive: true });
    await writeFileDurably(this.file, parts());
  }

  private decode(bytes: Buffer): void {
    const newline = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.subarray(0, newline).toString("utf8")) as { embedder: string; dims: number; keys: string[] };
    const body = bytes.subarray(newline + 1);
    if (header.embedder !== this.embedderId || body.length !== header.keys.length * header.dims * 4) {
      throw new Error("cache file does not match");
    }
    // One array for every vector (each entry a view into it): no per-vector allocation.
    const all = new Float32Array(header.keys.length * header.dims);
    if (LITTLE_ENDIAN) new Uint8Array(all.buffer).set(body);
    else for (let i = 0; i < all.length; i++) all[i] = body.readFloatLE(i * 4);
    header.keys.forEach((key, i) => {
      this.vectors.set(key, all.subarray(i * header.dims, (i + 1) * header.dims));
    });
  }
}
