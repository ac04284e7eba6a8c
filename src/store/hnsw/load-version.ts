import { join } from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Chunk } from "../../chunks/chunk.js";
import type { Embedder } from "../../embeddings/create-embedder.js";
import { IndexError } from "../../shared/errors.js";
import { loadTermIndex, TERM_INDEX_VERSION, type TermIndex } from "../../terms/term-index.js";
import { indexMismatch } from "../compatibility.js";
import type { ScoredId, SearchableIndex } from "../index-store.js";
import { FORMAT_VERSION, type Manifest } from "../manifest.js";
import { chunkLookup, isEmptyFilter, matchesFilter } from "../search-filter.js";
import { type GraphLabels, labelMissingFrom, readLabels } from "./graph-labels.js";
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
  let labels: GraphLabels | null;
  const chunks: Chunk[] = [];
  // Each label's chunk; none at a deleted label (a graph updated by a re-index keeps them, marked).
  const byLabel: (Chunk | undefined)[] = [];
  try {
    [store, termIndex, labels] = await Promise.all([HNSWLib.load(dir, embedder.embeddings), loadTermIndex(join(dir, TERMS_DIR)), readLabels(dir)]);
    // The docstore keeps each chunk under its label: the chunk list needs no file of its own. An
    // index written before labels.json has label i = chunk i, every label live.
    const count = labels ? labels.labels.length : store.index.getCurrentCount();
    for (let i = 0; i < count; i++) {
      const label = labels ? labels.labels[i]! : i;
      const doc = store.docstore.search(String(label));
      const chunk: Chunk = { ...(doc.metadata as Omit<Chunk, "text">), text: doc.pageContent };
      if (byLabel[label]) throw new Error(`label ${label} is given twice`);
      chunks.push(chunk);
      byLabel[label] = chunk;
    }
  } catch (error) {
    throw new IndexError(`The index files in "${dir}" cannot be read (${(error as Error).message}); ${REINDEX}.`);
  }
  const index = store.index;
  const count = chunks.length;
  const graphSize = labels ? labels.size : count;
  if (count !== manifest.chunks || index.getCurrentCount() !== graphSize || index.getNumDimensions() !== manifest.embedder.dims) {
    throw new IndexError(`The index in "${dir}" does not match its manifest; ${REINDEX}.`);
  }
  // A label of labels.json that the graph lacks (~3 ms at 20,000 chunks); one it has deleted is not caught (see labelMissingFrom).
  const missing = labels ? labelMissingFrom(index.getIdsList(), labels.labels) : undefined;
  if (missing !== undefined) throw new IndexError(`The index in "${dir}" does not match its labels (the graph has no label ${missing}); ${REINDEX}.`);
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
      // hnswlib filters while it walks the graph, so a narrow filter still yields up to k hits
      // instead of the few survivors of an unfiltered top-k. It never returns a deleted label
      // (nor asks the filter about one); a label without a chunk is passed over all the same.
      const { neighbors, distances } = isEmptyFilter(filter)
        ? index.searchKnn(queryVector, n)
        : index.searchKnn(queryVector, n, (label: number) => {
            const chunk = byLabel[label];
            return chunk !== undefined && matchesFilter(chunk, filter!);
          });
      const hits: ScoredId[] = [];
      neighbors.forEach((label, i) => {
        const chunk = byLabel[label];
        if (chunk) hits.push({ id: chunk.id, score: 1 - distances[i]! });
      });
      return hits.sort((a, b) => b.score - a.score);
    },
  };
}
