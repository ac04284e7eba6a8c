// `npm run bench -- --backend postgres`: each size on the files and then on Postgres (PGlite in
// the bench process when DATABASE_URL is unset), one row each.
import { expect, it } from "vitest";
import type { BenchReport } from "../../src/bench/report.js";
import { lastLine, OFFLINE_ENV, runCliInProcess } from "../helpers/run-cli.js";

it("measures the Postgres backend beside the files, on the same corpus", { timeout: 180_000 }, async () => {
  const env = { ...process.env, ...OFFLINE_ENV, DATABASE_URL: "" };
  const { code, stdout, stderr } = await runCliInProcess(
    "bench",
    ["--sizes", "150", "--json", "--queries", "10", "--peer-budget-ms", "500", "--backend", "postgres"],
    { env },
  );
  expect(code, stderr).toBe(0);
  expect(stderr).toContain("using PGlite");
  const report = JSON.parse(lastLine(stdout)) as BenchReport;
  expect(report.sizes.map((s) => s.backend)).toEqual(["files", "postgres"]);
  const [files, pg] = report.sizes as [BenchReport["sizes"][0], BenchReport["sizes"][0]];
  expect(pg.chunks).toBe(files.chunks);
  expect(pg.ingest.chunksPerSec).toBeGreaterThan(0);
  expect(pg.indexBytes).toBeGreaterThan(pg.chunks * 512); // at least the vectors' worth
  expect(pg.retrievalByMode.vector.p50).toBeGreaterThan(0);
  expect(pg.ask.p95).toBeGreaterThan(0);
  expect(pg.hnswRecallAt10).toBeGreaterThan(0.9);
});

it("refuses an unknown --backend", async () => {
  const { code, stderr } = await runCliInProcess("bench", ["--backend", "mysql"]);
  expect(code).toBe(2);
  expect(stderr).toContain("--backend must be files or postgres");
});
