import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import type { BenchReport } from "../../src/bench/report.js";
import { runCliInProcess } from "../helpers/run-cli.js";

const root = join(import.meta.dirname, "../..");
// The repository's own dated fixture as the sentence pool and questions: the tests need no ../shared.
const FIXTURES = join(root, "tests", "fixtures");
let out = "";
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/bench.ts", ...args], { cwd: root });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// The spawned smoke test: `npm run bench` as a user runs it.
it("prints the --json contract for a tiny corpus, with sane values", { timeout: 180_000 }, async () => {
  out = await mkdtemp(join(os.tmpdir(), "bench-smoke-"));
  const { code, stdout, stderr } = await run(["--sizes", "200", "--eval", FIXTURES, "--json", "--queries", "20", "--peer-budget-ms", "2000", "--out", out, "--reindex"]);
  expect(code, stderr).toBe(0);
  const report = JSON.parse(stdout.trim().split("\n").pop() ?? "") as BenchReport;

  expect(report.machine.cores).toBeGreaterThan(0);
  expect(report.machine.memoryGb).toBeGreaterThan(0);
  expect(report.machine.node).toBe(process.version);
  expect(typeof report.machine.cpu).toBe("string");
  expect(typeof report.machine.os).toBe("string");
  expect(report.sizes).toHaveLength(1);
  const size = report.sizes[0]!;
  expect(size.chunks).toBe(200);
  expect(size.ingest.chunksPerSec).toBeGreaterThan(0);
  expect(size.ingest.embedMs).toBeGreaterThanOrEqual(0);
  expect(size.ingest.buildMs).toBeGreaterThan(0);
  expect(size.indexBytes).toBeGreaterThan(200 * 512); // at least the vectors' worth
  expect(size.rssMb).toBeGreaterThan(10);
  expect(size.loadMs).toBeGreaterThan(0);
  for (const p of [size.retrieval, size.retrievalByMode.vector, size.retrievalByMode.bm25]) {
    expect(p.p50).toBeGreaterThan(0);
    expect(p.p50).toBeLessThanOrEqual(p.p95);
    expect(p.p95).toBeLessThanOrEqual(p.p99);
  }
  expect(size.ask.p50).toBeGreaterThan(0);
  expect(size.ask.p50).toBeLessThanOrEqual(size.ask.p95);
  // 200 chunks: the graph finds the exact neighbours; less means the exact search ran over other
  // texts than the index holds (a first chunk is indexed with its headline).
  expect(size.hnswRecallAt10).toBe(1);
  for (const peer of [size.peers.memoryVectorStore, size.peers.bm25Retriever]) {
    expect(peer.p95).toBeGreaterThan(0);
    expect(peer.ratio).toBeCloseTo(peer.p95 / size.retrieval.p95, 0);
    expect(peer.queries).toBeGreaterThanOrEqual(5);
  }
  // --reindex: one article changed, its chunks embedded; the serving graph updated, then built in full.
  const { incremental, full, article } = size.reindex!;
  expect(incremental).toMatchObject({ graph: "incremental" });
  expect(incremental.embedded).toBeGreaterThan(0);
  expect(full).toMatchObject({ graph: "full", graphReason: "forced (--force)", embedded: 0 });
  for (const r of [incremental, full]) expect(r.writeMs).toBeGreaterThan(0);
  expect(await readFile(join(out, "size-200", "seeds", article), "utf8")).not.toContain("Update:"); // put back

  // --out keeps the corpus and the index for inspection.
  expect((await readdir(join(out, "size-200", "seeds"))).length).toBe(size.articles);
});

it("refuses a bad size with the usage text (in process)", async () => {
  const { code, stderr } = await runCliInProcess("bench", ["--sizes", "ten"]);
  expect(code).toBe(2);
  expect(stderr).toContain("--sizes must be a positive whole number");
  expect(stderr).toContain("Usage: npm run bench");
});
