// One benchmark phase in a fresh process (spawned by src/cli/bench.ts through runWorker):
// reads a WorkerInput as JSON on stdin, prints its result as one JSON line on stdout.
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { createApp, createConfiguredEmbedder, createConfiguredStore } from "../app/create-app.js";
import { searchableText } from "../chunks/chunk.js";
import { loadConfig } from "../config/config.js";
import { buildIndex } from "../ingest/build-index.js";
import { retrieve } from "../retrieval/retrieve.js";
import { silentLogger } from "../shared/logger.js";
import { createHnswStore } from "../store/hnsw/hnsw-store.js";
import type { GraphWrite } from "../store/hnsw/write-graph.js";
import type { IndexStore } from "../store/index-store.js";
import { createPgDatabase } from "../store/postgres/sql-database.js";
import { createBm25RetrieverPeer, createMemoryVectorStorePeer, recallAt } from "./peers.js";
import { peakRssMb, round, timeEach } from "./stats.js";
import type { WorkerInput, WorkerPhase } from "./worker-protocol.js";

/** Result of the "build" phase. */
export interface BuildResult {
  articles: number;
  chunks: number;
  readMs: number;
  embedMs: number;
  buildMs: number;
  totalMs: number;
  indexBytes: number;
  rssMb: number;
}

/** Result of the "reindex" phase: a re-index of the files (after one article changed), and what it did with the graph. */
export interface ReindexResult {
  totalMs: number;
  /** Its write phase (graph, docstore, term index, manifest). */
  writeMs: number;
  /** Chunks embedded (not found in the cache). */
  embedded: number;
  /** `incremental`: the serving graph updated; `full`: built from every chunk (`graphReason` says why). */
  graph: GraphWrite["mode"];
  graphReason?: string;
  rssMb: number;
}

/** Result of the "serve" phase: our searches on a freshly loaded index. */
export interface ServeResult {
  loadMs: number;
  vector: number[];
  bm25: number[];
  fused: number[];
  rssMb: number;
}

/** Result of the "ask" phase: the bot's cold start and end-to-end questions. */
export interface AskResult {
  openMs: number;
  ask: number[];
  rssMb: number;
}

/** Result of the "peers" phase. */
export interface PeersResult {
  memoryVectorStore: number[];
  bm25Retriever: number[];
  recallAt10: number;
}

const K = 10;

function benchConfig(input: WorkerInput) {
  // Not process.env: the bench always measures the local embedder and the extractive answerer,
  // whatever a developer's .env says.
  const database = input.database ? { DATABASE_URL: input.database.url, DATABASE_SCHEMA: input.database.schema } : {};
  return loadConfig({ SEEDS_DIR: input.seedsDir, VECTORSTORE_DIR: input.storeDir, LOG_LEVEL: "silent", ...database });
}

async function build(input: WorkerInput): Promise<BuildResult> {
  const config = benchConfig(input);
  const { summary, readMs, embedMs, writeMs, totalMs } = await timedBuild(input, createConfiguredStore(config, silentLogger));
  const indexBytes = input.database
    ? await databaseBytes(input.database)
    : await folderBytes(join(input.storeDir, summary.version)); // a folder name inside the store
  return { articles: summary.articles, chunks: summary.chunks, readMs, embedMs, buildMs: writeMs, totalMs, indexBytes, rssMb: peakRssMb() };
}

// The files only: the store's graph report tells an updated graph from one built in full.
async function reindex(input: WorkerInput): Promise<ReindexResult> {
  const writes: GraphWrite[] = [];
  const store = createHnswStore(input.storeDir, { onGraph: (write) => writes.push(write) });
  const { summary, writeMs, totalMs } = await timedBuild(input, store);
  const graph = writes[0];
  if (!graph) throw new Error("the re-index wrote no version: the index was already up to date");
  return { totalMs, writeMs, embedded: summary.embedded, graph: graph.mode, ...(graph.reason ? { graphReason: graph.reason } : {}), rssMb: peakRssMb() };
}

/** Our real `buildIndex` over the article files, with the time of each phase (from its progress events). */
async function timedBuild(input: WorkerInput, store: IndexStore) {
  const config = benchConfig(input);
  const embedder = await createConfiguredEmbedder(config);
  const phaseStart = new Map<string, number>();
  const t0 = performance.now();
  const summary = await buildIndex({
    seedsDir: input.seedsDir,
    store,
    embedder,
    maxArticleBytes: config.maxArticleBytes,
    logger: silentLogger,
    ...(input.force ? { force: true } : {}),
    onProgress: (p) => {
      if (phaseStart.has(p.phase)) return;
      phaseStart.set(p.phase, performance.now());
      // When each phase began: what a build stopped by hand (PGlite at 100k) still tells.
      process.stderr.write(`[bench] build: ${p.phase} from +${Math.round((performance.now() - t0) / 1000)} s\n`);
    },
  });
  const end = performance.now();
  const embedStart = phaseStart.get("embed") ?? t0;
  const writeStart = phaseStart.get("write") ?? end;
  return {
    summary,
    readMs: round(embedStart - t0, 1),
    embedMs: round(writeStart - embedStart, 1),
    writeMs: round(end - writeStart, 1),
    totalMs: round(end - t0, 1),
  };
}

async function serve(input: WorkerInput): Promise<ServeResult> {
  const config = benchConfig(input);
  const embedder = await createConfiguredEmbedder(config);
  const t0 = performance.now();
  const index = await createConfiguredStore(config, silentLogger).load(embedder);
  const loadMs = round(performance.now() - t0, 1);
  const queryVectors = await Promise.all(input.questions.map((q) => embedder.embeddings.embedQuery(q)));
  const vector = await timeEach(queryVectors, (v) => index.vectorSearch(v, K));
  const bm25 = await timeEach(input.questions, (q) => index.termIndex.search(q, K));
  const fused = await timeEach(input.questions, (q) => retrieve(index, embedder, q, { k: 5 }));
  return { loadMs, vector, bm25, fused, rssMb: peakRssMb() };
}

async function ask(input: WorkerInput): Promise<AskResult> {
  const config = benchConfig(input);
  const t0 = performance.now();
  const kb = await createApp(config, { logger: silentLogger });
  const openMs = round(performance.now() - t0, 1);
  const samples = await timeEach(input.questions, (q) => kb.ask(q));
  return { openMs, ask: samples, rssMb: peakRssMb() };
}

async function peers(input: WorkerInput): Promise<PeersResult> {
  const config = benchConfig(input);
  const embedder = await createConfiguredEmbedder(config);
  const index = await createConfiguredStore(config, silentLogger).load(embedder);
  // What the index searches (a first chunk with its headline), so the peers search the same texts.
  const docs = index.chunks.map((c) => ({ id: c.id, text: searchableText(c) }));
  // The local embedder is deterministic: these are the vectors the index was built from.
  const vectors = await embedder.embeddings.embedDocuments(docs.map((d) => d.text));
  const exact = await createMemoryVectorStorePeer(docs, vectors, embedder.embeddings);
  const queryVectors = await Promise.all(input.questions.map((q) => embedder.embeddings.embedQuery(q)));

  // Keyed by query: the untimed warm-up runs the first query again and must not count twice.
  const recalls = new Map<number[], number>();
  const memoryVectorStore = await timeBudgeted(queryVectors, input.peerBudgetMs, async (v) => {
    const t0 = performance.now();
    const truth = await exact.search(v, K);
    const ms = performance.now() - t0;
    const ours = (await index.vectorSearch(v, K)).map((hit) => hit.id);
    recalls.set(v, recallAt(ours, truth));
    return ms;
  });

  const bm25 = createBm25RetrieverPeer(docs, K);
  const bm25Retriever = await timeBudgeted(input.questions, input.peerBudgetMs, async (q) => {
    const t0 = performance.now();
    await bm25.search(q);
    return performance.now() - t0;
  });
  return {
    memoryVectorStore,
    bm25Retriever,
    recallAt10: round([...recalls.values()].reduce((a, b) => a + b, 0) / Math.max(1, recalls.size), 4),
  };
}

/** Times inputs in order (one untimed warm-up) until all ran or the budget is spent (at least 5 run). */
async function timeBudgeted<T>(inputs: readonly T[], budgetMs: number, run: (input: T) => Promise<number>): Promise<number[]> {
  if (inputs[0] !== undefined) await run(inputs[0]);
  const samples: number[] = [];
  const start = performance.now();
  for (const input of inputs) {
    if (samples.length >= 5 && performance.now() - start > budgetMs) break;
    samples.push(await run(input));
  }
  return samples;
}

/** The schema's chunk and version tables with their indexes (one version: the schema is fresh per size). */
async function databaseBytes(database: { url: string; schema: string }): Promise<number> {
  const db = createPgDatabase(database.url, { max: 1 });
  try {
    const { rows } = await db.query<{ bytes: string | number }>(
      "SELECT pg_total_relation_size(format('%I.chunks', $1::text)) + pg_total_relation_size(format('%I.versions', $1::text)) AS bytes",
      [database.schema],
    );
    return Number(rows[0]?.bytes ?? 0);
  } finally {
    await db.end();
  }
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(path) : (await stat(path)).size;
  }
  return total;
}

const PHASES: Record<WorkerPhase, (input: WorkerInput) => Promise<unknown>> = { build, serve, ask, peers, reindex };

async function main(): Promise<void> {
  const phase = process.argv[2] as WorkerPhase;
  const run = PHASES[phase];
  if (!run) throw new Error(`Unknown benchmark phase "${phase}".`);
  let stdin = "";
  for await (const data of process.stdin) stdin += String(data);
  const result = await run(JSON.parse(stdin) as WorkerInput);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
