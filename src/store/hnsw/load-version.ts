import { join } from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Chunk } from "../../chunks/chunk.js";
import type { Embedder } from "../../embeddings/create-embedder.js";
import { IndexError } from "../../shared/errors.js";
import { loadTermIndex, TERM_INDEX_VERSION, type TermIndex } from "../../terms/term-index.js";
import { indexMismatch } from "../compatibility.js";
import type { SearchableIndex } from "../index-store.js";
import { FORMAT_VERSION, type Manifest } from "../manifest.js";
import { chunkLookup, isEmptyFilter, matchesFilter } from "../search-filter.js";
import { HNSW_PARAMS } from "./hnsw-params.js";
import { readCurrent, readManifest, TERMS_DIR } from "./store-layout.js";

/** The serving index, loaded from its version folder. */
export interface LoadedIndex extends SearchableIndex {
  dir: string;
}

const REINDEX = "run `npm run ingest` to re-index";
// The files did not change, so only a forced build embeds them again (the embedder now gives another length).
const REINDEX_OTHER_DIMS = "the embeddings server now gives vectors of another length; run `npm run ingest -- --force` to re-index";

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
  const mismatch = indexMismatch(manifest, { formatVersion: FORMAT_VERSION, embedderId: embedder.id, termIndexVersion: TERM_INDEX_VERSION });
  if (mismatch) {
    const hint = manifest.embedder.id !== embedder.id ? " (or set EMBEDDINGS_PROVIDER/EMBEDDINGS_MODEL back)" : "";
    throw new IndexError(`The index in "${dir}" ${mismatch}; ${REINDEX}${hint}.`);
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
  const { chunkById, acceptsId } = chunkLookup(chunks);

  return {
    manifest,
    version,
    dir,
    chunks,
    termIndex,
    chunkById,
    termSearch: (query, k, filter) => termIndex.search(query, k, isEmptyFilter(filter) ? undefined : acceptsId(filter!)),
    async vectorSearch(queryVector, k, filter) {
      if (queryVector.length !== manifest.embedder.dims) {
        throw new IndexError(`Query vector has ${queryVector.length} dimensions, the index ${manifest.embedder.dims}; ${REINDEX_OTHER_DIMS}.`);
      }
      const n = Math.min(Math.floor(k), count);
      if (n <= 0) return [];
      // hnswlib filters while it walks the graph (labels are chunk positions), so a narrow
      // filter still yields up to k hits instead of the few survivors of an unfiltered top-k.
      const { neighbors, distances } = isEmptyFilter(filter)
        ? index.searchKnn(queryVector, n)
        : index.searchKnn(queryVector, n, (label: number) => matchesFilter(chunks[label]!, filter!));
      return neighbors
        .map((label, i) => ({ id: chunks[label]!.id, score: 1 - distances[i]! }))
        .sort((a, b) => b.score - a.score);
    },
  };
}
