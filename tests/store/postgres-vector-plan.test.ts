// The vector search's plan: unfiltered, it walks the version's HNSW index. A real PostgreSQL 15
// with pgvector 0.8.0 chose a sequential scan and a sort of every row at 10k chunks (its cost
// model does not see the cost of detoasting each vector), 90–150 ms a search instead of ~18 ms;
// PGlite's planner makes the same choice on this small index, so the plan is checked here.
import { cp, rm } from "node:fs/promises";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import { vectorSearchQuery } from "../../src/store/postgres/load-version.js";
import { createPostgresStore } from "../../src/store/postgres/postgres-store.js";
import { tablesOf } from "../../src/store/postgres/tables.js";
import { createPglite, pgliteDatabase } from "../helpers/pglite.js";
import { makeTempSeeds } from "../helpers/temp-seeds.js";

const embeddings = new LocalHashEmbeddings();
const embedder: Embedder = { id: embeddings.id, embeddings };
let lite: PGlite;
let root: string;
let version: string;
let dims: number;
const t = tablesOf("plan", "public"); // pgvector qualified, as the store names it

beforeAll(async () => {
  lite = await createPglite();
  const made = await makeTempSeeds();
  root = made.root;
  const seeds = made.seeds;
  await cp(join(import.meta.dirname, "..", "fixtures", "articles"), seeds, { recursive: true });
  const store = createPostgresStore({ db: pgliteDatabase(lite), schema: "plan", database: "pglite" });
  version = (await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: 100_000 })).version;
  dims = (await store.load(embedder)).manifest.embedder.dims;
}, 60_000);
afterAll(async () => {
  await lite?.close();
  await rm(root, { recursive: true, force: true });
});

async function plan(query: ReturnType<typeof vectorSearchQuery>, settings = query.settings): Promise<string> {
  return lite.transaction(async (tx) => {
    await tx.exec(settings);
    const { rows } = await tx.query<{ "QUERY PLAN": string }>(`EXPLAIN ${query.sql}`, query.params);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

describe("vector search plan", () => {
  it("walks the HNSW index when nothing filters the search", async () => {
    const query = vectorSearchQuery(t, version, dims, await embeddings.embedQuery("honey harvest"), 10, undefined);
    expect(await plan(query)).toContain(`Index Scan using ${t.hnswIndexName(version)}`);
    // Without the setting the planner sorts every row instead (what the fix is for).
    expect(await plan(query, query.settings.replace(/; SET LOCAL enable_sort = off/, ""))).not.toContain("hnsw");
  });

  it("leaves filtered searches to the planner (exact through the b-tree for a few articles)", async () => {
    const query = vectorSearchQuery(t, version, dims, await embeddings.embedQuery("honey harvest"), 10, { articleIds: new Set(["plain.txt"]) });
    expect(query.settings).not.toContain("enable_sort");
    expect(await plan(query)).toMatch(/Scan/);
  });
});
