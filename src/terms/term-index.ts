// A small BM25 index of our own over an inverted index kept in flat typed arrays: building is a
// single pass, saving/loading is one JSON file (ids + vocabulary) plus one binary file (doc
// lengths and postings), so 100k chunks load in a fraction of a second, and scoring uses the
// same tokenizer as everything else (MiniSearch measured slower to load and has no IDF access).
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tokenize } from "./tokenize.js";

/** A document id with a relevance score (higher is better). */
export interface ScoredId {
  id: string;
  score: number;
}

/** A BM25 index over chunk texts. */
export interface TermIndex {
  readonly size: number;
  /**
   * The k best documents for a query (text, or terms already tokenized); with `accept`,
   * documents it rejects are skipped (a search filter).
   */
  search(query: string | readonly string[], k: number, accept?: (id: string) => boolean): ScoredId[];
  /** Every term of the index. */
  readonly vocabulary: readonly string[];
  /** Inverse document frequency of an (already tokenized) term; unseen terms get the maximum. */
  idf(term: string): number;
  /** How many documents contain an (already tokenized) term. */
  documentFrequency(term: string): number;
}

/**
 * Changes whenever tokenization or the on-disk format changes: indexes of another version are
 * rebuilt (and a build reuses nothing of them). bm25-10: each document's text hash is kept, and
 * terms are numbered in an order a re-use can repeat.
 */
export const TERM_INDEX_VERSION = "bm25-10";

/** BM25 parameters (tuned on the dev sets, see docs/quality.md). */
export const BM25 = { k1: 1.2, b: 0.5 } as const;

const META_FILE = "terms.json";
const DATA_FILE = "terms.bin";

interface Meta {
  version: string;
  ids: string[];
  terms: string[];
  postings: number;
}

class Bm25Index implements TermIndex {
  private readonly termIds: Map<string, number>;
  private readonly avgLength: number;

  constructor(
    private readonly ids: readonly string[],
    private readonly terms: readonly string[],
    private readonly lengths: Uint32Array,
    /** offsets[t]..offsets[t+1] is term t's slice of `docs`/`freqs`. */
    private readonly offsets: Uint32Array,
    private readonly docs: Uint32Array,
    private readonly freqs: Uint16Array,
    /** 16 bytes per document: the start of the SHA-256 of its text (what a later build reuses it by). */
    private readonly hashes: Uint8Array,
  ) {
    this.termIds = new Map(terms.map((term, i) => [term, i]));
    let total = 0;
    for (const length of lengths) total += length;
    this.avgLength = ids.length ? total / ids.length : 1;
    const { k1, b } = BM25;
    this.norms = new Float64Array(ids.length);
    for (let d = 0; d < ids.length; d++) this.norms[d] = k1 * (1 - b + (b * lengths[d]!) / this.avgLength);
    this.scores = new Float64Array(ids.length);
  }

  /** Per-document BM25 length normalisation, computed once instead of per posting. */
  private readonly norms: Float64Array;
  /** Score accumulator reused across searches (search is synchronous); reset after each one. */
  private readonly scores: Float64Array;

  get size(): number {
    return this.ids.length;
  }

  documentFrequency(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : this.offsets[t + 1]! - this.offsets[t]!;
  }

  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.ids.length - df + 0.5) / (df + 0.5));
  }

  get vocabulary(): readonly string[] {
    return this.terms;
  }

  search(query: string | readonly string[], k: number, accept?: (id: string) => boolean): ScoredId[] {
    const terms = typeof query === "string" ? tokenize(query) : query;
    const { scores, norms } = this;
    const touched: number[] = [];
    for (const term of new Set(terms)) {
      const t = this.termIds.get(term);
      if (t === undefined) continue;
      const weight = this.idf(term) * (BM25.k1 + 1);
      for (let p = this.offsets[t]!, end = this.offsets[t + 1]!; p < end; p++) {
        const doc = this.docs[p]!;
        const tf = this.freqs[p]!;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += (weight * tf) / (tf + norms[doc]!);
      }
    }
    const candidates = accept ? touched.filter((doc) => accept(this.ids[doc]!)) : touched;
    const top = topK(candidates, scores, Math.max(0, Math.floor(k)));
    const hits = top.map((doc) => ({ id: this.ids[doc]!, score: scores[doc]! }));
    for (const doc of touched) scores[doc] = 0;
    return hits;
  }

  /**
   * Each document's terms, by its text hash: the postings turned around (one pass over them),
   * so a build can take an unchanged document's terms from here instead of tokenizing it again.
   */
  reusable(): Reusable {
    const n = this.ids.length;
    const starts = new Uint32Array(n + 1);
    for (const doc of this.docs) starts[doc + 1]!++;
    for (let d = 0; d < n; d++) starts[d + 1]! += starts[d]!;
    const fill = starts.slice(0, n);
    const terms = new Uint32Array(this.docs.length);
    const freqs = new Uint16Array(this.docs.length);
    for (let t = 0; t + 1 < this.offsets.length; t++) {
      for (let p = this.offsets[t]!, end = this.offsets[t + 1]!; p < end; p++) {
        const at = fill[this.docs[p]!]!++;
        terms[at] = t;
        freqs[at] = this.freqs[p]!;
      }
    }
    const byHash = new Map<string, number>();
    for (let d = 0; d < n; d++) byHash.set(hashKey(this.hashes, d), d);
    return { byHash, vocabulary: this.terms, lengths: this.lengths, starts, terms, freqs };
  }

  toFiles(): { meta: Meta; data: Buffer } {
    const parts = [this.lengths, this.offsets, this.docs, this.freqs, this.hashes];
    return {
      meta: { version: TERM_INDEX_VERSION, ids: [...this.ids], terms: [...this.terms], postings: this.docs.length },
      data: Buffer.concat(parts.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))),
    };
  }
}

/**
 * The `k` best docs by score (ties: lower doc first), best first. Keeps a small sorted list
 * instead of sorting every matching doc: at 100k chunks common words touch tens of thousands,
 * and the full sort was most of the search time (BM25 p95 22 ms -> 5 ms in the benchmark).
 */
export function topK(docs: readonly number[], scores: Float64Array, k: number): number[] {
  const best: number[] = [];
  if (k === 0) return best;
  const beats = (a: number, b: number): boolean => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
  for (const doc of docs) {
    if (best.length === k && !beats(doc, best[k - 1]!)) continue;
    let i = best.length < k ? best.push(doc) - 1 : k - 1;
    while (i > 0 && beats(doc, best[i - 1]!)) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = doc;
  }
  return best;
}

/** An earlier index's documents, as `Bm25Index.reusable` turns them around. */
interface Reusable {
  byHash: Map<string, number>;
  vocabulary: readonly string[];
  lengths: Uint32Array;
  /** starts[d]..starts[d+1] is document d's slice of `terms`/`freqs`. */
  starts: Uint32Array;
  terms: Uint32Array;
  freqs: Uint16Array;
}

const HASH_BYTES = 16;

function hashKey(hashes: Uint8Array, d: number): string {
  return Buffer.from(hashes.buffer, hashes.byteOffset + d * HASH_BYTES, HASH_BYTES).toString("latin1");
}

/**
 * Builds a term index over `{id, text}` documents. With `reuse` (the serving version's index), a
 * document whose text hash it holds takes its terms from there instead of being tokenized: at
 * 100k chunks tokenizing is nearly all of the build. The result is the same, byte for byte, as
 * without it: a document's terms depend on its text alone (and the tokenizer, which changes
 * TERM_INDEX_VERSION; an index of another version cannot be loaded to be reused), and the terms
 * new in a document are numbered in sorted order, not as they occur in the text, which an index's
 * postings do not record.
 */
export function buildTermIndex(docs: Iterable<{ id: string; text: string }>, reuse?: TermIndex): TermIndex {
  const previous = reuse instanceof Bm25Index ? reuse.reusable() : null;
  // Old term number → new one (-1: not met yet), so a reused document's terms are not looked up by string.
  const renumbered = new Int32Array(previous?.vocabulary.length ?? 0).fill(-1);
  const ids: string[] = [];
  const lengths: number[] = [];
  const hashParts: Buffer[] = [];
  const termIds = new Map<string, number>();
  const postings: number[][] = []; // per term: doc, tf, doc, tf, …
  const add = (term: string, d: number, tf: number, fresh: [string, number][]): number => {
    const t = termIds.get(term);
    if (t === undefined) fresh.push([term, tf]);
    else postings[t]!.push(d, tf);
    return t ?? -1;
  };
  for (const doc of docs) {
    const d = ids.length;
    ids.push(doc.id);
    const hash = createHash("sha256").update(doc.text).digest().subarray(0, HASH_BYTES);
    hashParts.push(hash);
    const old = previous?.byHash.get(hash.toString("latin1"));
    const fresh: [string, number][] = [];
    if (previous && old !== undefined) {
      lengths.push(previous.lengths[old]!);
      for (let p = previous.starts[old]!, end = previous.starts[old + 1]!; p < end; p++) {
        const oldTerm = previous.terms[p]!;
        const t = renumbered[oldTerm]!;
        if (t >= 0) postings[t]!.push(d, previous.freqs[p]!);
        else renumbered[oldTerm] = add(previous.vocabulary[oldTerm]!, d, previous.freqs[p]!, fresh);
      }
    } else {
      const tokens = tokenize(doc.text);
      lengths.push(tokens.length);
      const counts = new Map<string, number>();
      for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      for (const [term, tf] of counts) add(term, d, Math.min(tf, 0xffff), fresh);
    }
    // Terms met for the first time are numbered in sorted order: a reused document's order of
    // first occurrence is not known, and numbering must not depend on which documents were reused.
    fresh.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [term, tf] of fresh) {
      termIds.set(term, postings.length);
      postings.push([d, tf]);
    }
  }
  const offsets = new Uint32Array(postings.length + 1);
  for (let t = 0; t < postings.length; t++) offsets[t + 1] = offsets[t]! + postings[t]!.length / 2;
  const total = offsets[postings.length]!;
  const docIds = new Uint32Array(total);
  const freqs = new Uint16Array(total);
  postings.forEach((list, t) => {
    for (let i = 0, p = offsets[t]!; i < list.length; i += 2, p++) {
      docIds[p] = list[i]!;
      freqs[p] = list[i + 1]!;
    }
  });
  return new Bm25Index(ids, [...termIds.keys()], Uint32Array.from(lengths), offsets, docIds, freqs, Buffer.concat(hashParts));
}

/** Writes the index into `dir`. */
export async function saveTermIndex(index: TermIndex, dir: string): Promise<void> {
  const { meta, data } = termIndexToBytes(index);
  await writeFile(join(dir, DATA_FILE), data);
  await writeFile(join(dir, META_FILE), meta);
}

/** Reads an index written by `saveTermIndex`; throws when it is missing, corrupt or of another version. */
export async function loadTermIndex(dir: string): Promise<TermIndex> {
  const meta = await readFile(join(dir, META_FILE), "utf8");
  return termIndexFromBytes(meta, await readFile(join(dir, DATA_FILE)));
}

/**
 * The index as its two parts (JSON text: ids and vocabulary; binary: lengths and postings), the
 * same bytes `saveTermIndex` writes: a database store keeps them in a row, so BM25 scores the same.
 */
export function termIndexToBytes(index: TermIndex): { meta: string; data: Buffer } {
  if (!(index instanceof Bm25Index)) throw new TypeError("termIndexToBytes expects an index made by buildTermIndex.");
  const { meta, data } = index.toFiles();
  return { meta: JSON.stringify(meta), data };
}

/** Rebuilds an index from `termIndexToBytes` parts; throws when they are corrupt or of another version. */
export function termIndexFromBytes(metaJson: string, raw: Uint8Array): TermIndex {
  const meta = JSON.parse(metaJson) as Meta;
  if (meta.version !== TERM_INDEX_VERSION) {
    throw new Error(`term index version ${String(meta.version)} is not ${TERM_INDEX_VERSION}; re-index`);
  }
  // Copy into a fresh, aligned buffer: Node may hand out a Buffer at an unaligned pool offset.
  const buffer = new ArrayBuffer(raw.byteLength);
  new Uint8Array(buffer).set(raw);
  const n = meta.ids.length;
  const t = meta.terms.length;
  const p = meta.postings;
  const expected = 4 * n + 4 * (t + 1) + 4 * p + 2 * p + HASH_BYTES * n;
  if (raw.byteLength !== expected) throw new Error(`term index data is ${raw.byteLength} bytes, expected ${expected}; re-index`);
  let at = 0;
  const take = <T>(make: (b: ArrayBuffer, o: number, l: number) => T, count: number, bytes: number): T => {
    const view = make(buffer, at, count);
    at += count * bytes;
    return view;
  };
  const lengths = take((b, o, l) => new Uint32Array(b, o, l), n, 4);
  const offsets = take((b, o, l) => new Uint32Array(b, o, l), t + 1, 4);
  const docs = take((b, o, l) => new Uint32Array(b, o, l), p, 4);
  const freqs = take((b, o, l) => new Uint16Array(b, o, l), p, 2);
  const hashes = take((b, o, l) => new Uint8Array(b, o, l), HASH_BYTES * n, 1);
  return new Bm25Index(meta.ids, meta.terms, lengths, offsets, docs, freqs, hashes);
}
