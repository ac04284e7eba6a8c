import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileDurably } from "../shared/durable-write.js";

/** sha256 (hex) of a chunk's text: the cache key within one embedder. */
export function textHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * Vectors already computed for (embedder id, chunk text hash), persisted under `<store>/cache/`
 * so a re-index embeds only new or changed chunks. One file per embedder: a JSON header line,
 * then the vectors as little-endian float32.
 */
export class EmbeddingCache {
  private readonly vectors = new Map<string, number[]>();

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

  get(hash: string): number[] | undefined {
    return this.vectors.get(hash);
  }

  set(hash: string, vector: number[]): void {
    this.vectors.set(hash, vector);
  }

  /** Every cached (hash, vector) pair (to copy the cache into another store). */
  entries(): IterableIterator<[string, number[]]> {
    return this.vectors.entries();
  }

  /** Writes the cache atomically; with `keep`, entries not in it are dropped first. */
  async save(keep?: ReadonlySet<string>): Promise<void> {
    if (keep) for (const hash of this.vectors.keys()) if (!keep.has(hash)) this.vectors.delete(hash);
    const keys = [...this.vectors.keys()];
    const dims = keys.length > 0 ? this.vectors.get(keys[0]!)!.length : 0;
    const header = Buffer.from(`${JSON.stringify({ embedder: this.embedderId, dims, keys })}\n`);
    const body = Buffer.alloc(keys.length * dims * 4);
    keys.forEach((key, i) => {
      const vector = this.vectors.get(key)!;
      for (let j = 0; j < dims; j++) body.writeFloatLE(vector[j] ?? 0, (i * dims + j) * 4);
    });
    await mkdir(join(this.file, ".."), { recursive: true });
    // The parts one after the other, not Buffer.concat: at 100k chunks the copy alone was ~200 MB
    // of peak RSS. Temp file, fsync, rename: a crash leaves the old cache or the new one.
    await writeFileDurably(this.file, [header, body]);
  }

  private decode(bytes: Buffer): void {
    const newline = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.subarray(0, newline).toString("utf8")) as { embedder: string; dims: number; keys: string[] };
    const body = bytes.subarray(newline + 1);
    if (header.embedder !== this.embedderId || body.length !== header.keys.length * header.dims * 4) {
      throw new Error("cache file does not match");
    }
    header.keys.forEach((key, i) => {
      const vector = new Array<number>(header.dims);
      for (let j = 0; j < header.dims; j++) vector[j] = body.readFloatLE((i * header.dims + j) * 4);
      this.vectors.set(key, vector);
    });
  }
}
