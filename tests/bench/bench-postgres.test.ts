// `npm run bench -- --backend postgres`: each size on the files and then on Postgres (PGlite in
// the bench process when DATABASE_URL is unset), one row each.
import { join } from "node:path";
import { expect, it } from "vitest";
import type { BenchReport } from "../../src/bench/report.js";
import { formatTable } from "../../src/bench/report.js";
import { startPgliteServer } from "../helpers/pglite.js";
import { lastLine, OFFLINE_ENV, REPO_ROOT, runCliInProcess } from "../helpers/run-cli.js";

// The repository's own dated fixture as the sentence pool and questions: the tests need no ../shared.
const FIXTURES = join(REPO_ROOT, "tests", "fixtures");

it("measures the Postgres backend beside the files, on the same corpus", { timeout: 180_000 }, async () => {
  const env = { ...process.env, ...OFFLINE_ENV, DATABASE_URL: "" };
  const { code, stdout, stderr } = await runCliInProcess(
    "bench",
    ["--sizes", "150", "--eval", FIXTURES, "--json", "--queries", "10", "--peer-budget-ms", "500", "--backend", "postgres"],
    { env },
  );
  expect(code, stderr).toBe(0);
  expect(stderr).toContain("using PGlite");
  const report = JSON.parse(lastLine(stdout)) as BenchReport;
  expect(report.sizes.map((s) => s.backend)).toEqual(["files", "postgres"]);
  expect(report.sizes[1]?.database?.kind).toBe("pglite");
  expect(report.sizes[1]?.database?.server).toMatch(/PGlite.*pgvector \d/);
  const [files, pg] = report.sizes as [BenchReport["sizes"][0], BenchReport["sizes"][0]];
  expect(pg.chunks).toBe(files.chunks);
  expect(pg.ingest.chunksPerSec).toBeGreaterThan(0);
  expect(pg.indexBytes).toBeGreaterThan(pg.chunks * 512); // at least the vectors' worth
  expect(pg.retrievalByMode.vector.p50).toBeGreaterThan(0);
  expect(pg.ask.p95).toBeGreaterThan(0);
  expect(pg.hnswRecallAt10).toBeGreaterThan(0.9);
});

it("measures a server (--database-url) and PGlite in one run, each row labelled", { timeout: 180_000 }, async () => {
  // A second PGlite over its socket stands in for the real server here (scripts/real-postgres.sh
  // starts a real one for the figures in docs/benchmarks.md).
  const server = await startPgliteServer();
  try {
    const env = { ...process.env, ...OFFLINE_ENV, DATABASE_URL: "" };
    const { code, stdout, stderr } = await runCliInProcess(
      "bench",
      ["--sizes", "120", "--eval", FIXTURES, "--json", "--queries", "5", "--peer-budget-ms", "200", "--backend", "pglite,postgres", "--database-url", server.url],
      { env },
    );
    expect(code, stderr).toBe(0);
    const report = JSON.parse(lastLine(stdout)) as BenchReport;
    expect(report.sizes.map((s) => `${s.backend}/${s.database?.kind ?? "-"}`)).toEqual(["files/-", "postgres/server", "postgres/pglite"]);
    expect(new Set(report.sizes.map((s) => s.chunks)).size).toBe(1);
    // Each row is logged when it is done, so a run stopped by hand keeps what it measured.
    expect(stderr.match(/\[bench\] done: \| 1\d\d \| /g)).toHaveLength(3);
    const table = formatTable(report);
    expect(table).toContain("| postgres (server) |");
    expect(table).toContain("| postgres (PGlite) |");
    expect(table).toMatch(/Postgres: server: PostgreSQL .*pgvector/);
  } finally {
    await server.stop();
  }
});

it("refuses an unknown --backend and a --database-url that is not Postgres", async () => {
  const { code, stderr } = await runCliInProcess("bench", ["--backend", "mysql"]);
  expect(code).toBe(2);
  expect(stderr).toContain("--backend must be files, postgres or pglite");
  const bad = await runCliInProcess("bench", ["--backend", "postgres", "--database-url", "mysql://x"]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("--database-url (or DATABASE_URL) must be a postgres:// URL");
});
