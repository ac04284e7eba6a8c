import { join } from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Chunk } from "../chunks/chunk.js";
import type { Embedder } from "../embeddings/create-embedder.js";
import { IndexError } from "../shared/errors.js";
import { loadTermIndex, TERM_INDEX_VERSION, type ScoredId, type TermIndex } from "../terms/term-index.js";
import { HNSW_PARAMS } from "./hnsw-params.js";
import { FORMAT_VERSION, type Manifest } from "./manifest.js";
import { readCurrent, readManifest, TERMS_DIR } from "./store-layout.js";

/** The serving index, loaded into memory. */
export interface LoadedIndex {
  manifest: Manifest;
  /** Version folder name, e.g. `v-20260204T101500123Z-a1b2c3`. */
  version: string;
  dir: string;
  /** Every chunk, in index order. */
  chunks: readonly Chunk[];
  chunkById(id: string): Chunk | undefined;
  /** Nearest chunks to a query vector; score = cosine similarity (higher is better), ids = chunk ids. */
  vectorSearch(queryVector: number[], k: number): Promise<ScoredId[]>;
  termIndex: TermIndex;
}

const REINDEX = "run `npm run ingest` to re-index";

/** Loads the serving version; throws IndexError (saying to re-index) when it is missing, corrupt or made differently. */
export async function loadIndex(storeDir: string, embedder: Embedder): Promise<LoadedIndex> {
  const version = await readCurrent(storeDir);
  if (!version) throw new IndexError(`No index in "${storeDir}"; run \`npm run ingest\` to build it.`);
  const dir = join(storeDir, version);

  let manifest: Manifest;
  try {
    manifest = await readManifest(dir);
  } catch (error) {
    throw new IndexError(`The index in "${dir}" is missing or corrupt (${(error as Error).message}); ${REINDEX}.`);
  }
  if (manifest.formatVersion !== FORMAT_VERSION) {
    throw new IndexError(`The index in "${dir}" has format ${manifest.formatVersion}, this version reads ${FORMAT_VERSION}; ${REINDEX}.`);
  }
  if (manifest.embedder.id !== embedder.id) {
    throw new IndexError(
      `The index in "${dir}" was built with embedder ${manifest.embedder.id}, but ${embedder.id} is configured; ${REINDEX} (or set EMBEDDINGS_PROVIDER/EMBEDDINGS_MODEL back).`,
    );
  }
  if (manifest.termIndexVersion !== TERM_INDEX_VERSION) {
    throw new IndexError(`The index in "${dir}" has term index ${manifest.termIndexVersion}, this version uses ${TERM_INDEX_VERSION}; ${REINDEX}.`);
  }

  let store: HNSWLib;
  let termIndex: TermIndex;
  const chunks: Chunk[] = [];
  try {
    [store, termIndex] = await Promise.all([HNSWLib.load(dir, embedder.embeddings), loadTermIndex(join(dir, TERMS_DIR))]);
    // The docstore keeps each chunk (label i = chunk i): the chunk list needs no file of its own.
    for (let i = 0; i < store.index.getCurrentCount(); i++) {
      const doc = store.docstore.search(String(i));
      chunks.push({ ...(doc.metadata as Omit<Chunk, "text">), text: doc.pageContent });
    }
  } catch (error) {
    throw new IndexError(`The index files in "${dir}" cannot be read (${(error as Error).message}); ${REINDEX}.`);
  }
  const index = store.index;
  const count = chunks.length;
  if (count !== manifest.chunks || index.getNumDimensions() !== manifest.embedder.dims) {
    throw new IndexError(`The index in "${dir}" does not match its manifest; ${REINDEX}.`);
  }
  index.setEf(HNSW_PARAMS.efSearch);
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));

  return {
    manifest,
    version,
    dir,
    chunks,
    termIndex,
    chunkById: (id) => byId.get(id),
    async vectorSearch(queryVector, k) {
      if (queryVector.length !== manifest.embedder.dims) {
        throw new IndexError(`Query vector has ${queryVector.length} dimensions, the index ${manifest.embedder.dims}; ${REINDEX}.`);
      }
      const n = Math.min(Math.floor(k), count);
      if (n <= 0) return [];
      const { neighbors, distances } = index.searchKnn(queryVector, n);
      return neighbors
        .map((label, i) => ({ id: chunks[label]!.id, score: 1 - distances[i]! }))
        .sort((a, b) => b.score - a.score);
    },
  };
}
