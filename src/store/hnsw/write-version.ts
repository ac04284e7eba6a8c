import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { searchableText, type Chunk } from "../../chunks/chunk.js";
import { syncTree } from "../../shared/durable-write.js";
import { buildTermIndex, saveTermIndex, TERM_INDEX_VERSION } from "../../terms/term-index.js";
import type { IndexBuild } from "../index-store.js";
import { FORMAT_VERSION, MANIFEST_FILE, type Manifest } from "../manifest.js";
import { HNSW_PARAMS } from "./hnsw-params.js";
import { writeDocstore } from "./write-docstore.js";
import { newVersionName, pruneVersions, readCurrent, TERMS_DIR, writeCurrent } from "./store-layout.js";

/**
 * Writes a new version folder (HNSW graph, docstore, term index, manifest last) and switches
 * CURRENT to it; then prunes versions older than the previous serving one. Any error removes
 * the half-written folder and leaves CURRENT untouched. `stillWriter` (the writer lock's check)
 * throws once the lock may be another build's: this one then stops at its next step.
 */
export async function writeVersion(
  storeDir: string,
  build: IndexBuild,
  onPruneError: (error: unknown) => void,
  stillWriter: () => Promise<void> = async () => {},
): Promise<string> {
  await stillWriter();
  const previous = await readCurrent(storeDir);
  await mkdir(storeDir, { recursive: true });
  const version = newVersionName();
  const dir = join(storeDir, version);
  await mkdir(dir);
  try {
    const chunkCount = build.chunks.length;
    await writeVectors(dir, build.chunks, build.vectors, build.embedder.dims);
    await stillWriter();
    await mkdir(join(dir, TERMS_DIR));
    await saveTermIndex(buildTermIndex(build.chunks.map((c) => ({ id: c.id, text: searchableText(c) }))), join(dir, TERMS_DIR));
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
// `HNSWLib.load` reads them; the graph is built here so M and efConstruction come from HNSW_PARAMS,
// and the docstore keeps each chunk's fields as metadata.
async function writeVectors(dir: string, chunks: readonly Chunk[], vectors: Float32Array[], dims: number): Promise<void> {
  const { HierarchicalNSW } = await HNSWLib.imports();
  const index = new HierarchicalNSW(HNSW_PARAMS.space, dims);
  index.initIndex(chunks.length, HNSW_PARAMS.m, HNSW_PARAMS.efConstruction, HNSW_PARAMS.randomSeed);
  // addPoint takes only a JS array (hnswlib-node checks IsArray): one short-lived copy per point.
  for (let i = 0; i < chunks.length; i++) index.addPoint(Array.from(vectors[i]!), i);
  // The graph holds its own copy now: drop the vectors (~200 MB at 100k chunks) before the
  // docstore and the term index are written. The caller does not use them again.
  vectors.length = 0;
  await index.writeIndex(join(dir, "hnswlib.index"));
  // HNSWLib.save writes JSON.stringify(its args): the native index and the docstore's Map show as {}.
  const args = { space: HNSW_PARAMS.space, numDimensions: dims, index, docstore: new SynchronousInMemoryDocstore() };
  await writeFile(join(dir, "args.json"), JSON.stringify(args));
  await writeDocstore(join(dir, "docstore.json"), chunks);
}

