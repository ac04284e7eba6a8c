import type { MachineInfo } from "./machine.js";
import type { Percentiles } from "./stats.js";

/** A peer's latency next to ours. */
export interface PeerResult {
  p95: number;
  /** Peer p95 over our fused retrieval p95 (what a user of each gets per question). */
  ratio: number;
  /** Peer p95 over our same-kind search p95 (vector search vs brute force, BM25 vs BM25). */
  ratioLikeForLike: number;
  /** Questions timed (the slow BM25Retriever is capped at large sizes). */
  queries: number;
}

/** All figures for one corpus size (times in ms). */
export interface SizeResult {
  /** Where the index lived: files (HNSW) or Postgres (pgvector). */
  backend?: "files" | "postgres";
  /** For the Postgres backend: PGlite (WebAssembly, in the bench process) or a real server, and its version. */
  database?: { kind: "pglite" | "server"; server: string };
  chunks: number;
  articles: number;
  ingest: { chunksPerSec: number; embedMs: number; buildMs: number; readMs: number; totalMs: number };
  /** Bytes of the built version folder (vectors, terms, chunks, manifest; not the embedding cache). */
  indexBytes: number;
  /** Peak RSS of our own code: the larger of the ingest and the serving process. */
  rssMb: number;
  rss: { ingestMb: number; serveMb: number };
  /** `loadIndex` in a fresh process. */
  loadMs: number;
  /** `openKnowledgeBase` in a fresh process: staleness check of the seeds folder + load. */
  openMs: number;
  /** Fused (hybrid) retrieval: query embedding + BM25 + vector search + fusion. */
  retrieval: Percentiles;
  retrievalByMode: { vector: Percentiles; bm25: Percentiles; fused: Percentiles };
  ask: { p50: number; p95: number };
  hnswRecallAt10: number;
  queries: number;
  peers: { memoryVectorStore: PeerResult; bm25Retriever: PeerResult };
  /** With `--reindex` (the files only): one article changed, re-indexed as the store chooses, then with `--force`. */
  reindex?: ReindexFigures;
}

/** One re-index's figures (times in ms). */
export interface ReindexRun {
  totalMs: number;
  writeMs: number;
  embedded: number;
  graph: "incremental" | "full";
  graphReason?: string;
  rssMb: number;
}

/** A re-index after one article changed: as the store chooses (its graph updated), and in full (`--force`). */
export interface ReindexFigures {
  /** The article file changed (a paragraph appended). */
  article: string;
  incremental: ReindexRun;
  full: ReindexRun;
}

/** The whole run: the `--json` contract plus a few extra fields. */
export interface BenchReport {
  machine: MachineInfo;
  command: string;
  sizes: SizeResult[];
}

/** A Markdown table of the figures, one row per size, peers beside ours. */
export function formatTable(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, ${m.os}`,
    `Command: ${report.command}`,
    "",
    "| chunks | backend | ingest chunks/s | embed ms | build ms | index MB | peak RSS MB | load ms | vector p95 | BM25 p95 | fused p50 / p95 / p99 | ask p50 / p95 | HNSW recall@10 | MemoryVectorStore p95 (×fused, ×vector) | BM25Retriever p95 (×fused, ×BM25) |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const s of report.sizes) lines.push(formatRow(s));
  const reindexed = report.sizes.filter((s) => s.reindex);
  if (reindexed.length > 0) {
    lines.push(
      "",
      "Re-index after one article changed (files; seconds, the write phase in brackets):",
      "",
      "| chunks | updating the serving graph | in full (`--force`) | peak RSS MB (updating / in full) |",
      "|---:|---:|---:|---:|",
    );
    for (const s of reindexed) lines.push(formatReindexRow(s.chunks, s.reindex!));
  }
  const servers = [...new Set(report.sizes.flatMap((s) => (s.database ? [`${s.database.kind}: ${s.database.server}`] : [])))];
  if (servers.length > 0) lines.push("", `Postgres: ${servers.join("; ")}`);
  lines.push("", "Times in ms; p95 over the same questions for ours and the peers (fewer where marked [n q]).");
  return lines.join("\n");
}

/** The label of a row's backend: `files`, `postgres (PGlite)`, `postgres (server)`. */
export function backendLabel(s: SizeResult): string {
  if (s.backend !== "postgres") return "files";
  return s.database ? `postgres (${s.database.kind === "pglite" ? "PGlite" : "server"})` : "postgres";
}

/** One table row. */
export function formatRow(s: SizeResult): string {
  const mvs = s.peers.memoryVectorStore;
  const bm = s.peers.bm25Retriever;
  return (
      `| ${s.chunks.toLocaleString("en")} | ${backendLabel(s)} | ${fmt(s.ingest.chunksPerSec, 0)} | ${fmt(s.ingest.embedMs, 0)} | ${fmt(s.ingest.buildMs, 0)} | ` +
        `${fmt(s.indexBytes / 1024 ** 2, 1)} | ${fmt(s.rssMb, 0)} | ${fmt(s.loadMs, 0)} | ${fmt(s.retrievalByMode.vector.p95, 2)} | ` +
        `${fmt(s.retrievalByMode.bm25.p95, 2)} | ${fmt(s.retrieval.p50, 2)} / ${fmt(s.retrieval.p95, 2)} / ${fmt(s.retrieval.p99, 2)} | ` +
        `${fmt(s.ask.p50, 2)} / ${fmt(s.ask.p95, 2)} | ${fmt(s.hnswRecallAt10, 3)} | ` +
        `${fmt(mvs.p95, 1)} (${fmt(mvs.ratio, 0)}×, ${fmt(mvs.ratioLikeForLike, 0)}×) | ` +
        `${fmt(bm.p95, 1)} (${fmt(bm.ratio, 0)}×, ${fmt(bm.ratioLikeForLike, 0)}×)${bm.queries < s.queries ? ` [${bm.queries} q]` : ""} |`
  );
}

/** One row of the re-index table; a re-index that did not update the graph says why. */
export function formatReindexRow(chunks: number, r: ReindexFigures): string {
  const run = (x: ReindexRun) => `${fmt(x.totalMs / 1000, 1)} (${fmt(x.writeMs / 1000, 1)})${x.graph === "incremental" ? "" : ` [graph in full: ${x.graphReason ?? "?"}]`}`;
  const inFull = `${fmt(r.full.totalMs / 1000, 1)} (${fmt(r.full.writeMs / 1000, 1)})`;
  return `| ${chunks.toLocaleString("en")} | ${run(r.incremental)} | ${inFull} | ${fmt(r.incremental.rssMb, 0)} / ${fmt(r.full.rssMb, 0)} |`;
}

function fmt(value: number, decimals: number): string {
  return Number.isFinite(value) ? value.toLocaleString("en", { maximumFractionDigits: decimals, minimumFractionDigits: decimals }) : "–";
}
