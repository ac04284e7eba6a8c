import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import { searchableText } from "../../chunks/chunk.js";
import { syncTree } from "../../shared/durable-write.js";
import { buildTermIndex, loadTermIndex, saveTermIndex, TERM_INDEX_VERSION } from "../../terms/term-index.js";
import type { IndexBuild } from "../index-store.js";
import { FORMAT_VERSION, MANIFEST_FILE, type Manifest } from "../manifest.js";
import { writeLabels } from "./graph-labels.js";
import { HNSW_PARAMS } from "./hnsw-params.js";
import { writeDocstore } from "./write-docstore.js";
import { GRAPH_FILE, type GraphWrite, type ServingVersion, writeGraph } from "./write-graph.js";
import { newVersionName, pruneVersions, readCurrent, readManifest, TERMS_DIR, writeCurrent } from "./store-layout.js";

/**
 * Writes a new version folder (HNSW graph, docstore, labels, term index, manifest last) and
 * switches CURRENT to it; then prunes versions older than the previous serving one. The graph
 * starts from the serving version's when it can (src/store/hnsw/write-graph.ts); `onGraph` hears
 * how it was made. Any error removes the half-written folder and leaves CURRENT untouched.
 * `stillWriter` (the writer lock's check) throws once the lock may be another build's: this one
 * then stops at its next step.
 */
export async function writeVersion(
  storeDir: string,
  build: IndexBuild,
  onPruneError: (error: unknown) => void,
  stillWriter: () => Promise<void> = async () => {},
  onGraph: (write: GraphWrite) => void = () => {},
): Promise<string> {
  await stillWriter();
  const previous = await readCurrent(storeDir);
  // An unreadable manifest is no reason to fail: the graph is then built from scratch, saying why
  // (not "there is no serving version": the admin would look for a missing CURRENT).
  const serving = previous
    ? await readManifest(join(storeDir, previous)).then(
        (manifest) => ({ dir: join(storeDir, previous), manifest }),
        (error: NodeJS.ErrnoException) => `the serving version's manifest cannot be read (${error.code ?? error.message})`,
      )
    : null;
  await mkdir(storeDir, { recursive: true });
  const version = newVersionName();
  const dir = join(storeDir, version);
  await mkdir(dir);
  try {
    const chunkCount = build.chunks.length;
    onGraph(await writeVectors(dir, build, serving));
    await stillWriter();
    await mkdir(join(dir, TERMS_DIR));
    // Unchanged chunks take their terms from the serving version's term index (the same result,
    // without tokenizing them again); one of another version or damaged is not used.
    const reuse = typeof serving === "object" && serving && !build.fromScratch ? await loadTermIndex(join(serving.dir, TERMS_DIR)).catch(() => undefined) : undefined;
    await saveTermIndex(buildTermIndex(build.chunks.map((c) => ({ id: c.id, text: searchableText(c) })), reuse), join(dir, TERMS_DIR));
    const manifest: Manifest = {
      formatVersion: FORMAT_VERSION,
      embedder: build.embedder,
      chunker: build.chunker,
      termIndexVersion: TERM_INDEX_VERSION,
      hnsw: { space: HNSW_PARAMS.space, m: HNSW_PARAMS.m, efConstruction: HNSW_PARAMS.efConstruction },
      maxArticleBytes: build.maxArticleBytes,
      articles: build.articles,
      skipped: build.skipped,
      warnings: build.warnings,
      files: build.files,
      chunks: chunkCount,
      builtAt: new Date().toISOString(),
    };
    // The manifest is written last: a version folder without one is an unfinished build.
    await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    // On disk before CURRENT names it: a power loss must not leave CURRENT pointing at empty files.
    await syncTree(dir);
    // No file operation checks the LOCK and renames CURRENT at once: between this check and the
    // rename (a small file written and fsynced: milliseconds) another build could take over only
    // after our touches stopped for half the stale interval more (15 s; see HeldLockFile.lost), or
    // by someone deleting the LOCK by hand. Everything before, the graph's minutes included, is checked.
    await stillWriter();
    await writeCurrent(storeDir, version);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  await pruneVersions(storeDir, new Set([version, ...(previous ? [previous] : [])])).catch(onPruneError);
  return version;
}

// HNSWLib's own files (hnswlib.index, args.json, docstore.json), as `HNSWLib.save` writes them and
// `HNSWLib.load` reads them, and labels.json; the graph is built (or updated) here so M and
// efConstruction come from HNSW_PARAMS, and the docstore keeps each chunk's fields as metadata.
async function writeVectors(dir: string, build: IndexBuild, serving: ServingVersion | string | null): Promise<GraphWrite> {
  const dims = build.embedder.dims;
  const { labels, report } = await writeGraph(join(dir, GRAPH_FILE), build, serving);
  // The graph holds its own copy now: drop the vectors (~200 MB at 100k chunks) before the
  // docstore and the term index are written. The caller does not use them again.
  build.vectors.length = 0;
  // HNSWLib.save writes JSON.stringify(its args): the native index and the docstore's Map show as {}.
  const args = { space: HNSW_PARAMS.space, numDimensions: dims, index: {}, docstore: new SynchronousInMemoryDocstore() };
  await writeFile(join(dir, "args.json"), JSON.stringify(args));
  await writeDocstore(join(dir, "docstore.json"), build.chunks, labels.labels);
  await writeLabels(dir, labels);
  return report;
}
