// STUB (to be replaced by the retrieval work): the interface the store depends on.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import MiniSearch from "minisearch";

/** A document id with a relevance score (higher is better). */
export interface ScoredId {
  id: string;
  score: number;
}

/** A BM25 index over chunk texts. */
export interface TermIndex {
  readonly size: number;
  search(query: string, k: number): ScoredId[];
}

/** Changes whenever tokenization or the on-disk format changes: indexes of another version are rebuilt. */
export const TERM_INDEX_VERSION = "stub-1";

const FILE = "terms.json";
const OPTIONS = {
  fields: ["text"],
  tokenize: (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [],
};

class MiniSearchTermIndex implements TermIndex {
  constructor(readonly search_: MiniSearch) {}
  get size(): number {
    return this.search_.documentCount;
  }
  search(query: string, k: number): ScoredId[] {
    return this.search_.search(query).slice(0, k).map((r) => ({ id: String(r.id), score: r.score }));
  }
}

/** Builds a term index over `{id, text}` documents. */
export function buildTermIndex(docs: Iterable<{ id: string; text: string }>): TermIndex {
  const search = new MiniSearch(OPTIONS);
  search.addAll([...docs]);
  return new MiniSearchTermIndex(search);
}

/** Writes the index into `dir`. */
export async function saveTermIndex(index: TermIndex, dir: string): Promise<void> {
  await writeFile(join(dir, FILE), JSON.stringify((index as MiniSearchTermIndex).search_));
}

/** Reads an index written by `saveTermIndex`. */
export async function loadTermIndex(dir: string): Promise<TermIndex> {
  const json = await readFile(join(dir, FILE), "utf8");
  return new MiniSearchTermIndex(MiniSearch.loadJSON(json, OPTIONS));
}
