import { stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import hnswlib, { type HierarchicalNSW } from "hnswlib-node";
import type { Chunk } from "../../chunks/chunk.js";
import { IndexError } from "../../shared/errors.js";
import { indexMismatch } from "../compatibility.js";
import { FORMAT_VERSION, type Manifest } from "../manifest.js";
import { type GraphLabels, LABELS_FILE, labelMissingFrom, readLabels, vectorKey } from "./graph-labels.js";
import { type GraphPlan, planGraph, type ServingGraph } from "./graph-plan.js";
import { HNSW_PARAMS } from "./hnsw-params.js";

/** The graph's file in a version folder (the name HNSWLib.save and HNSWLib.load use). */
export const GRAPH_FILE = "hnswlib.index";

/** What a build did with the graph, for the log. */
export interface GraphWrite {
  /** `incremental`: the serving graph read, updated and written anew; `full`: built from every chunk. */
  mode: "incremental" | "full";
  /** Why the graph was built in full (absent when incremental). */
  reason?: string;
  /** Points added to the graph. */
  added: number;
  /** Labels this build marked deleted. */
  deleted: number;
  /** Labels in the graph, deleted ones included. */
  size: number;
  /** Share of the graph's labels that are deleted ones. */
  deletedShare: number;
}

/** The serving version, as the build found it: its folder and manifest. */
export interface ServingVersion {
  dir: string;
  manifest: Manifest;
}

/** What writeGraph needs of the build. */
export interface GraphInput {
  embedder: { id: string; dims: number };
  chunks: readonly Chunk[];
  vectors: readonly Float32Array[];
  /** Reuse nothing of the serving version (`npm run ingest -- --force`). */
  fromScratch?: boolean;
}

/**
 * Writes the new version's graph to `file`. When the serving version's graph was made the same
 * way (format, embedder and its dimensions, HNSW space/M/efConstruction), it starts from that
 * graph (read, never changed in place): the labels of chunks gone or changed are marked deleted,
 * new and changed chunks are added with fresh labels. A build of one changed article then costs
 * its few points instead of the whole graph (minutes at 100,000 chunks). It builds from scratch
 * when anything differs, on `fromScratch`, without a serving version, when that version's files
 * cannot be read (`serving` is then why, as a clause), and when deleted labels would exceed HNSW_PARAMS.maxDeletedShare. Only one
 * graph is held at a time (a full build after reading frees the read one first).
 */
export async function writeGraph(
  file: string,
  build: GraphInput,
  serving: ServingVersion | string | null,
): Promise<{ labels: GraphLabels; report: GraphWrite }> {
  const keys = build.vectors.map(vectorKey);
  const index = new hnswlib.HierarchicalNSW(HNSW_PARAMS.space, build.embedder.dims);
  const updated = build.fromScratch
    ? "forced (--force)"
    : typeof serving === "string"
      ? serving
      : serving
        ? await updateServing(index, serving, build, keys)
        : "there is no serving version";
  if (typeof updated !== "string") {
    await writeAndFree(index, file);
    const report: GraphWrite = {
      mode: "incremental",
      added: updated.add.length,
      deleted: updated.remove.length,
      size: updated.size,
      deletedShare: updated.deleted / updated.size,
    };
    return { labels: { size: updated.size, labels: updated.labels, vectors: keys }, report };
  }
  const count = build.chunks.length;
  // On a graph read above, initIndex frees it before making the new one.
  index.initIndex(count, HNSW_PARAMS.m, HNSW_PARAMS.efConstruction, HNSW_PARAMS.randomSeed);
  // addPoint takes only a JS array (hnswlib-node checks IsArray): one short-lived copy per point.
  for (let i = 0; i < count; i++) index.addPoint(Array.from(build.vectors[i]!), i);
  await writeAndFree(index, file);
  const labels = Array.from({ length: count }, (_, i) => i);
  return { labels: { size: count, labels, vectors: keys }, report: { mode: "full", reason: updated, added: count, deleted: 0, size: count, deletedShare: 0 } };
}

/**
 * Writes the graph, then lets go of its memory at once (initIndex of one element replaces it),
 * also when the write fails: left to the garbage collector, the ~260 MB of a 100k-chunk graph
 * stayed while the term index was built next, the ingest's peak (a re-index updating the graph:
 * 1,482 MB peak RSS, 1,278 MB freed), and after a failed write in a bot until the next GC.
 * hnswlib-node's writeIndex resolves `true` even when it could not open or fill the file (its
 * std::ofstream is not checked): the file's size is checked here, or a version with no graph, or
 * a graph cut short by a full disk, would be published and fail every load.
 */
async function writeAndFree(index: HierarchicalNSW, file: string): Promise<void> {
  const points = index.getCurrentCount();
  const least = points * minBytesPerPoint(index.getNumDimensions());
  try {
    await index.writeIndex(file);
    const size = await stat(file).then(
      (s) => s.size,
      (error: NodeJS.ErrnoException) => {
        throw new Error(`no file was written (${error.code ?? error.message})`);
      },
    );
    if (size < least) throw new Error(`${size} bytes were written, its ${points} points need at least ${least} (is the disk full?)`);
  } catch (error) {
    throw new IndexError(`Could not write the HNSW graph in the new version's folder "${dirname(file)}": ${(error as Error).message}; the serving version is unchanged.`);
  } finally {
    index.initIndex(1);
  }
}

/**
 * The fewest bytes hnswlib's file holds for each point: its level-0 record (link count and 2·M
 * links, the vector in float32, the 8-byte label) and the 4-byte size of its upper-level links.
 */
function minBytesPerPoint(dims: number): number {
  return 4 + 2 * HNSW_PARAMS.m * 4 + dims * 4 + 8 + 4;
}

/** Reads the serving graph into `index` and updates it; or says why it must be built from scratch instead. */
async function updateServing(index: HierarchicalNSW, serving: ServingVersion, build: GraphInput, keys: readonly string[]): Promise<GraphPlan | string> {
  const unlike = madeOtherwise(serving.manifest, build.embedder);
  if (unlike) return `the serving version ${unlike}`;
  let graph: ServingGraph;
  try {
    graph = await servingGraph(serving);
  } catch (error) {
    return `the serving version's labels cannot be read (${(error as Error).message})`;
  }
  const chunks = build.chunks.map((chunk, i) => ({ id: chunk.id, key: keys[i]! }));
  // Decided before the graph is read where the labels tell it (an index without recorded vector
  // keys is first assumed to keep every chunk whose id it has; checked below against the graph).
  const assumed = planGraph(graph, chunks, () => true);
  const over = overBound(assumed);
  if (over) return over;
  try {
    await index.readIndex(join(serving.dir, GRAPH_FILE));
  } catch (error) {
    return `the serving graph cannot be read (${(error as Error).message})`;
  }
  if (index.getCurrentCount() !== graph.size || index.getNumDimensions() !== build.embedder.dims) {
    return "the serving graph does not match its labels";
  }
  // A kept label the graph lacks would be carried into the new version, its chunk never a vector hit.
  const missing = labelMissingFrom(
    index.getIdsList(),
    graph.chunks.map((c) => c.label),
  );
  if (missing !== undefined) return `the serving graph does not match its labels (it has no label ${missing})`;
  const plan = graph.chunks.some((c) => c.key === null)
    ? planGraph(graph, chunks, (label, i) => samePoint(index.getPoint(label), build.vectors[i]!))
    : assumed;
  const overAfterCheck = overBound(plan);
  if (overAfterCheck) return overAfterCheck;
  try {
    // Deleted first: hnswlib links a new point to live neighbours only, so it wastes no slot on a deleted one.
    for (const label of plan.remove) index.markDelete(label);
    index.resizeIndex(plan.size);
    for (const i of plan.add) index.addPoint(Array.from(build.vectors[i]!), plan.labels[i]!);
  } catch (error) {
    // A label the graph does not have (or has deleted already): the files disagree, so every later
    // update would fail the same way. A graph built in full ends that (and fails itself on a real error).
    return `the serving graph does not match its labels (${(error as Error).message})`;
  }
  return plan;
}

/** Why the serving graph cannot be the new one's start (a clause after "the serving version"), or null. */
function madeOtherwise(manifest: Manifest, embedder: GraphInput["embedder"]): string | null {
  const mismatch = indexMismatch(manifest, { formatVersion: FORMAT_VERSION, embedderId: embedder.id });
  if (mismatch) return mismatch;
  if (manifest.embedder.dims !== embedder.dims) return `has vectors of ${manifest.embedder.dims} dimensions, now ${embedder.dims}`;
  const { space, m, efConstruction } = manifest.hnsw;
  if (space !== HNSW_PARAMS.space || m !== HNSW_PARAMS.m || efConstruction !== HNSW_PARAMS.efConstruction) {
    return `has a graph of ${space} M ${m} efConstruction ${efConstruction}, now ${HNSW_PARAMS.space} M ${HNSW_PARAMS.m} efConstruction ${HNSW_PARAMS.efConstruction}`;
  }
  return null;
}

/**
 * The serving graph's labels: from its labels file, or, for an index written before labels were
 * recorded, label i = chunk i in the manifest's article order (each article's chunks `${id}#${n}`).
 * Those ids are a guess to pair chunks with labels; the graph's own vector decides (`samePoint`).
 */
async function servingGraph(serving: ServingVersion): Promise<ServingGraph> {
  const recorded = await readLabels(serving.dir);
  if (recorded) {
    // The loader refuses a version whose labels miss some of its chunks; kept here, their points
    // would stay live with no chunk (counted as deleted, they take a search's places for ever).
    if (recorded.labels.length !== serving.manifest.chunks) {
      throw new Error(`its ${LABELS_FILE} lists ${recorded.labels.length} chunks, its manifest ${serving.manifest.chunks}`);
    }
    return { size: recorded.size, chunks: recorded.labels.map((label, i) => ({ label, key: recorded.vectors[i]! })) };
  }
  const chunks: { id: string; label: number; key: null }[] = [];
  for (const article of serving.manifest.articles) {
    for (let n = 0; n < article.chunks; n++) chunks.push({ id: `${article.id}#${n}`, label: chunks.length, key: null });
  }
  if (chunks.length !== serving.manifest.chunks) throw new Error(`its manifest lists ${chunks.length} chunks by article, ${serving.manifest.chunks} in all`);
  return { size: chunks.length, chunks };
}

function overBound(plan: GraphPlan): string | null {
  const share = plan.deleted / plan.size;
  if (share <= HNSW_PARAMS.maxDeletedShare) return null;
  return `${(share * 100).toFixed(1)} % of the graph's labels would be deleted ones (more than ${HNSW_PARAMS.maxDeletedShare * 100} %)`;
}

/**
 * Whether the graph's point (hnswlib stores a cosine space's vectors normalised, in float32) is
 * the vector's direction: the same vector gives 1 - cosine ≈ 1e-15 (rounding), any other far more.
 */
function samePoint(point: readonly number[], vector: Float32Array): boolean {
  if (point.length !== vector.length) return false;
  let dot = 0;
  let pp = 0;
  let vv = 0;
  for (let i = 0; i < vector.length; i++) {
    dot += point[i]! * vector[i]!;
    pp += point[i]! * point[i]!;
    vv += vector[i]! * vector[i]!;
  }
  if (pp === 0 || vv === 0) return pp === vv;
  return 1 - dot / Math.sqrt(pp * vv) < 1e-9;
}
