import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import type { SentencePool } from "./corpus.js";
import { writeCorpus } from "./corpus.js";
import { describeMachine } from "./machine.js";
import { createPgDatabase } from "../store/postgres/sql-database.js";
import { type BenchReport, formatRow, type PeerResult, type ReindexFigures, type SizeResult } from "./report.js";
import type { AskResult, BuildResult, PeersResult, ReindexResult, ServeResult } from "./size-worker.js";
import { percentile, round, summarize } from "./stats.js";
import { runWorker, type WorkerInput } from "./worker-protocol.js";
import { count } from "../texts/plural.js";

/** A database the Postgres backend is measured in. */
export interface BenchDatabase {
  kind: "pglite" | "server";
  url: string;
}

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
  /**
   * Also measure the Postgres backend in these databases (beside the files, in this order), one
   * fresh schema per size: PGlite, a real server, or both.
   */
  databases?: readonly BenchDatabase[];
  /** Also time a re-index after one article changed (the files): as the store chooses, then with `--force`. */
  reindex?: boolean;
  command: string;
  log: (line: string) => void;
}

/** Runs every size (each phase in its own process) and returns the report. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const root = options.outDir ?? (await mkdtemp(join(os.tmpdir(), "bench-")));
  const sizes: SizeResult[] = [];
  const servers = new Map<string, string>(); // described after its first row (pgvector is installed then)
  // Each row is logged as it completes: a run stopped by hand (a slow PGlite build at 100k) keeps them.
  const done = (row: SizeResult): void => {
    sizes.push(row);
    options.log(`done: ${formatRow(row)}`);
  };
  try {
    for (const size of options.sizes) {
      done(await runSize(size, join(root, `size-${size}`), options));
      for (const db of options.databases ?? []) {
        const database = { url: db.url, kind: db.kind, schema: `bench_${size}_${Date.now().toString(36)}` };
        const row = await runSize(size, join(root, `size-${size}`), options, database);
        if (!servers.has(db.url)) servers.set(db.url, await describeServer(db.url));
        done({ ...row, database: { kind: db.kind, server: servers.get(db.url)! } });
      }
    }
  } finally {
    if (options.outDir === null) await rm(root, { recursive: true, force: true });
  }
  return { machine: describeMachine(), command: options.command, sizes };
}

async function runSize(size: number, dir: string, options: BenchOptions, database?: { url: string; schema: string; kind: BenchDatabase["kind"] }): Promise<SizeResult> {
  const started = performance.now();
  const log = (line: string) =>
    options.log(`${database ? `[postgres ${database.kind}] ` : ""}${line} (+${Math.round((performance.now() - started) / 1000)} s)`);
  const seedsDir = join(dir, "seeds");
  const storeDir = join(dir, "store");
  // The Postgres run reuses the corpus the file run wrote (same seed, same chunks).
  if (!database) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    log(`${count(size, "chunk")}: writing the corpus…`);
  }
  const corpus = database
    ? await countCorpus(seedsDir)
    : await writeCorpus({ dir: seedsDir, chunks: size, seed: options.seed, pool: options.pool, countChunks: options.countChunks });
  const input: WorkerInput = {
    seedsDir,
    storeDir,
    questions: options.questions,
    peerBudgetMs: options.peerBudgetMs,
    ...(database ? { database: { url: database.url, schema: database.schema } } : {}),
  };
  log(`${count(size, "chunk")}: ${count(corpus.articles, "article")}; ingesting…`);
  const built = await runWorker<BuildResult>("build", input, options.nodeFlags);
  if (corpus.chunks !== null && built.chunks !== corpus.chunks) log(`warning: the corpus was sized for ${count(corpus.chunks, "chunk")} but the index holds ${built.chunks}`);
  log(`${count(size, "chunk")}: searching (cold load, vector, BM25, fused)…`);
  const served = await runWorker<ServeResult>("serve", input, options.nodeFlags);
  log(`${count(size, "chunk")}: asking…`);
  const asked = await runWorker<AskResult>("ask", input, options.nodeFlags);
  log(`${count(size, "chunk")}: peers (MemoryVectorStore, BM25Retriever) and HNSW recall…`);
  const peers = await runWorker<PeersResult>("peers", input, options.nodeFlags);
  let reindex: ReindexFigures | undefined;
  if (options.reindex && !database) {
    log(`${count(size, "chunk")}: re-indexing after one article changed (the serving graph updated, then in full)…`);
    reindex = await timeReindex(seedsDir, input, options.nodeFlags);
  }

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
    ...(reindex ? { reindex } : {}),
  };
}

// What an editor's fix adds to an article: a paragraph at its end.
const APPENDED = "Update: the figures in this article were corrected after publication, and a comment from the ministry was added.";

/**
 * Changes one article (the middle one by name: a paragraph appended), re-indexes it as the store
 * chooses and then with --force (both from the embedding cache but for the changed chunks), each
 * in its own process; the article is put back afterwards, so a Postgres run reads the same corpus.
 */
async function timeReindex(seedsDir: string, input: WorkerInput, nodeFlags: readonly string[]): Promise<ReindexFigures> {
  const names = (await readdir(seedsDir)).sort();
  const article = names[Math.floor(names.length / 2)]!;
  const path = join(seedsDir, article);
  const original = await readFile(path, "utf8");
  await writeFile(path, `${original.trimEnd()}\n\n${APPENDED}\n`);
  try {
    const incremental = await runWorker<ReindexResult>("reindex", input, nodeFlags);
    const full = await runWorker<ReindexResult>("reindex", { ...input, force: true }, nodeFlags);
    return { article, incremental, full };
  } finally {
    await writeFile(path, original);
  }
}

/** `PostgreSQL 15.20 (Debian …), pgvector 0.8.0`; PGlite says so in its version string. */
async function describeServer(url: string): Promise<string> {
  const db = createPgDatabase(url, { max: 1 });
  try {
    const { rows } = await db.query<{ v: string; pgvector: string | null }>(
      "SELECT version() AS v, (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS pgvector",
    );
    // "PostgreSQL 15.20 (Debian 15.20-0+deb12u1) on x86_64-pc-linux-gnu, compiled by …" → up to " on ".
    const v = (rows[0]?.v ?? "unknown server").split(" on ")[0];
    return `${v}, pgvector ${rows[0]?.pgvector ?? "(none)"}`;
  } finally {
    await db.end();
  }
}

/** Articles of a corpus already written (its chunk count is the build's). */
async function countCorpus(seedsDir: string): Promise<{ articles: number; chunks: number | null }> {
  return { articles: (await readdir(seedsDir)).length, chunks: null };
}
