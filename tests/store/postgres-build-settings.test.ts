// The HNSW build's own settings (SET LOCAL in its transaction): no statement timeout, and enough
// maintenance_work_mem for the graph on a real server, left alone on PGlite.
import { describe, expect, it } from "vitest";
import type { SqlQueryable } from "../../src/store/postgres/sql-database.js";
import { prepareIndexBuild } from "../../src/store/postgres/write-version.js";

function fakeTx(version: string, maintenanceWorkMemKb: number): { tx: SqlQueryable; statements: string[] } {
  const statements: string[] = [];
  const tx: SqlQueryable = {
    query: async <R>(text: string) => {
      statements.push(text);
      return { rows: [{ kb: String(maintenanceWorkMemKb), v: version }] as R[] };
    },
    exec: async (text) => {
      statements.push(text);
    },
  };
  return { tx, statements };
}

const SERVER = "PostgreSQL 15.20 (Debian 15.20-0+deb12u1) on x86_64-pc-linux-gnu";
const sets = (statements: string[]) => statements.filter((s) => s.startsWith("SET LOCAL"));

describe("prepareIndexBuild", () => {
  it("raises maintenance_work_mem to fit 100k chunks of 512 dims on a server at the 64 MB default", async () => {
    const { tx, statements } = fakeTx(SERVER, 65_536);
    await prepareIndexBuild(tx, 100_000, 512);
    expect(sets(statements)).toEqual(["SET LOCAL statement_timeout = 0", "SET LOCAL maintenance_work_mem = '326MB'"]);
  });

  it("never lowers it, and caps it at 1 GB", async () => {
    const small = fakeTx(SERVER, 65_536);
    await prepareIndexBuild(small.tx, 10_000, 512);
    expect(sets(small.statements)).toEqual(["SET LOCAL statement_timeout = 0"]);
    const huge = fakeTx(SERVER, 65_536);
    await prepareIndexBuild(huge.tx, 5_000_000, 1536);
    expect(sets(huge.statements)).toContain("SET LOCAL maintenance_work_mem = '1024MB'");
    const generous = fakeTx(SERVER, 2 * 1024 * 1024);
    await prepareIndexBuild(generous.tx, 100_000, 512);
    expect(sets(generous.statements)).toEqual(["SET LOCAL statement_timeout = 0"]);
  });

  it("leaves PGlite's memory alone", async () => {
    const { tx, statements } = fakeTx("PostgreSQL 18.6 (PGlite 0.5.14) on wasm32-unknown-emscripten", 65_536);
    await prepareIndexBuild(tx, 100_000, 512);
    expect(sets(statements)).toEqual(["SET LOCAL statement_timeout = 0"]);
  });
});
