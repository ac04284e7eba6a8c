import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";

/** Settings of the local embedder; any change gives a different embedder id (and a re-index). */
export interface LocalHashEmbeddingsOptions extends EmbeddingsParams {
  /** Vector length (default 512). */
  dims?: number;
  /** Weight of a whole-word feature relative to one character n-gram (default 2). */
  wordWeight?: number;
}

export const LOCAL_EMBEDDER_VERSION = "local-hash-v1";
export const DEFAULT_LOCAL_DIMS = 512;

const MIN_GRAM = 3;
const MAX_GRAM = 5;
// Words: letters/digits, with inner apostrophes kept (Ukrainian "зв’язок", English "don't").
const WORD = /[\p{L}\p{N}]+(?:['’ʼ][\p{L}\p{N}]+)*/gu;
const BOUNDARY = 0x20; // marks word start/end inside n-grams, so "<ca" differs from "ca" mid-word
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SEED = 0x9e3779b9;

/**
 * Offline, deterministic embeddings: character 3–5-grams inside word boundaries plus whole
 * words of the lowercased text, signed feature hashing into `dims` buckets, sublinear term
 * frequency, L2-normalised. No weights, no network; similar spelling → similar vectors.
 */
export class LocalHashEmbeddings extends Embeddings {
  readonly dims: number;
  readonly wordWeight: number;

  constructor(options: LocalHashEmbeddingsOptions = {}) {
    super(options);
    this.dims = options.dims ?? DEFAULT_LOCAL_DIMS;
    this.wordWeight = options.wordWeight ?? 2;
    if (!Number.isInteger(this.dims) || this.dims < 8) throw new RangeError(`dims must be an integer >= 8, got ${this.dims}`);
  }

  /** Identifies this embedder's vector space in manifests and caches. */
  get id(): string {
    const weight = this.wordWeight === 2 ? "" : `:w${this.wordWeight}`;
    return `${LOCAL_EMBEDDER_VERSION}:${this.dims}${weight}`;
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.embed(text));
  }

  override async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }

  /** Synchronous embedding of one text. */
  embed(text: string): number[] {
    const grams = new Map<number, number>();
    const words = new Map<number, number>();
    const lower = text.toLowerCase();
    for (const match of lower.matchAll(WORD)) {
      const start = match.index;
      const word = match[0];
      const length = word.length;
      // Whole word.
      let h = WORD_SEED;
      for (let i = 0; i < length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
      words.set(h, (words.get(h) ?? 0) + 1);
      // N-grams over " word " (boundary markers at both ends), hashed in place: no substrings.
      const padded = length + 2;
      for (let p = 0; p + MIN_GRAM <= padded; p++) {
        let g = FNV_OFFSET;
        for (let j = 0; j < MAX_GRAM && p + j < padded; j++) {
          const at = p + j;
          const code = at === 0 || at === padded - 1 ? BOUNDARY : lower.charCodeAt(start + at - 1);
          g = Math.imul(g ^ code, FNV_PRIME);
          if (j + 1 >= MIN_GRAM) grams.set(g, (grams.get(g) ?? 0) + 1);
        }
      }
    }
    const vector = new Float64Array(this.dims);
    this.accumulate(vector, grams, 1);
    this.accumulate(vector, words, this.wordWeight);
    let norm = 0;
    for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
    norm = Math.sqrt(norm);
    const out = new Array<number>(this.dims);
    for (let i = 0; i < vector.length; i++) out[i] = norm > 0 ? vector[i]! / norm : 0;
    return out;
  }

  private accumulate(vector: Float64Array, counts: Map<number, number>, weight: number): void {
    for (const [hash, tf] of counts) {
      const h = mix(hash);
      const sign = h & 0x80000000 ? -1 : 1;
      vector[(h & 0x7fffffff) % this.dims]! += sign * weight * (1 + Math.log(tf));
    }
  }
}

// murmur3's finaliser: spreads FNV's weak low bits before they pick a bucket and a sign.
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
