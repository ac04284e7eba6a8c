import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import type { SentencePool } from "./corpus.js";
import { writeCorpus } from "./corpus.js";
import { describeMachine } from "./machine.js";
import type { BenchReport, PeerResult, SizeResult } from "./report.js";
import type { AskResult, BuildResult, PeersResult, ServeResult } from "./size-worker.js";
import { percentile, round, summarize } from "./stats.js";
import { runWorker, type WorkerInput } from "./worker-protocol.js";

export interface BenchOptions {
  sizes: number[];
  questions: string[];
  pool: SentencePool;
  seed: number;
  /** Keep corpora and indexes here; a temp folder (removed afterwards) when null. */
  outDir: string | null;
  peerBudgetMs: number;
  /** Extra Node flags for the worker processes (e.g. `--cpu-prof`). */
  nodeFlags: string[];
  countChunks: (body: string) => number;
  /** Also measure the Postgres backend (beside the files) in this database, one schema per size. */
  databaseUrl?: string | null;
  command: string;
  log: (line: string) => void;
}

/** Runs every size (each phase in its own process) and returns the report. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const root = options.outDir ?? (await mkdtemp(join(os.tmpdir(), "bench-")));
  const sizes: SizeResult[] = [];
  try {
    for (const size of options.sizes) {
      sizes.push(await runSize(size, join(root, `size-${size}`), options));
      if (options.databaseUrl) {
        const database = { url: options.databaseUrl, schema: `bench_${size}_${Date.now().toString(36)}` };
        sizes.push(await runSize(size, join(root, `size-${size}`), options, database));
      }
    }
  } finally {
    if (options.outDir === null) await rm(root, { recursive: true, force: true });
  }
  return { machine: describeMachine(), command: options.command, sizes };
}

async function runSize(size: number, dir: string, options: BenchOptions, database?: { url: string; schema: string }): Promise<SizeResult> {
  const log = (line: string) => options.log(database ? `[postgres] ${line}` : line);
  const seedsDir = join(dir, "seeds");
  const storeDir = join(dir, "store");
  // The Postgres run reuses the corpus the file run wrote (same seed, same chunks).
  if (!database) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    log(`${size} chunks: writing the corpus…`);
  }
  const corpus = database
    ? await countCorpus(seedsDir)
    : await writeCorpus({ dir: seedsDir, chunks: size, seed: options.seed, pool: options.pool, countChunks: options.countChunks });
  const input: WorkerInput = { seedsDir, storeDir, questions: options.questions, peerBudgetMs: options.peerBudgetMs, ...(database ? { database } : {}) };
  log(`${size} chunks: ${corpus.articles} articles; ingesting…`);
  const built = await runWorker<BuildResult>("build", input, options.nodeFlags);
  if (corpus.chunks !== null && built.chunks !== corpus.chunks) log(`warning: the corpus was sized for ${corpus.chunks} chunks but the index holds ${built.chunks}`);
  log(`${size} chunks: searching (cold load, vector, BM25, fused)…`);
  const served = await runWorker<ServeResult>("serve", input, options.nodeFlags);
  log(`${size} chunks: asking…`);
  const asked = await runWorker<AskResult>("ask", input, options.nodeFlags);
  log(`${size} chunks: peers (MemoryVectorStore, BM25Retriever) and HNSW recall…`);
  const peers = await runWorker<PeersResult>("peers", input, options.nodeFlags);

  const fused = summarize(served.fused);
  const vector = summarize(served.vector);
  const bm25 = summarize(served.bm25);
  const peer = (samples: number[], likeForLike: number): PeerResult => {
    const p95 = round(percentile(samples, 95));
    return { p95, ratio: round(p95 / fused.p95, 1), ratioLikeForLike: round(p95 / likeForLike, 1), queries: samples.length };
  };
  return {
    backend: database ? "postgres" : "files",
    chunks: built.chunks,
    articles: built.articles,
    ingest: {
      chunksPerSec: round(built.chunks / (built.totalMs / 1000), 0),
      embedMs: built.embedMs,
      buildMs: built.buildMs,
      readMs: built.readMs,
      totalMs: built.totalMs,
    },
    indexBytes: built.indexBytes,
    rssMb: Math.max(built.rssMb, served.rssMb, asked.rssMb),
    rss: { ingestMb: built.rssMb, serveMb: Math.max(served.rssMb, asked.rssMb) },
    loadMs: served.loadMs,
    openMs: asked.openMs,
    retrieval: fused,
    retrievalByMode: { vector, bm25, fused },
    ask: { p50: round(percentile(asked.ask, 50)), p95: round(percentile(asked.ask, 95)) },
    hnswRecallAt10: peers.recallAt10,
    queries: options.questions.length,
    peers: {
      memoryVectorStore: peer(peers.memoryVectorStore, vector.p95),
      bm25Retriever: peer(peers.bm25Retriever, bm25.p95),
    },
  };
}

/** Articles of a corpus already written (its chunk count is the build's). */
async function countCorpus(seedsDir: string): Promise<{ articles: number; chunks: number | null }> {
  return { articles: (await readdir(seedsDir)).length, chunks: null };
}
