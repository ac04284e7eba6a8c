import { searchableText, type Chunk } from "../../chunks/chunk.js";
import { buildTermIndex, TERM_INDEX_VERSION, termIndexFromBytes, termIndexToBytes, type TermIndex } from "../../terms/term-index.js";
import { newVersionName } from "../hnsw/store-layout.js";
import type { IndexBuild } from "../index-store.js";
import { FORMAT_VERSION, type Manifest } from "../manifest.js";
import { PGVECTOR_HNSW } from "./pgvector-params.js";
import type { SqlQueryable } from "./sql-database.js";
import type { Tables } from "./tables.js";
import type { RowLease } from "./write-lock.js";

/** Chunk rows per INSERT (12 parameters each). */
const BATCH = 200;

/**
 * Writes a new version (chunks with vectors in multi-row INSERTs, its HNSW index, the term index,
 * the manifest), then makes it the serving one in one short transaction: readers keep the old
 * version until that commit. Rows go in outside one long transaction on purpose: PGlite runs one
 * transaction at a time for all its clients, and a long one would stall every question. A
 * failed build deletes its rows (or, if the process died, `removeLeftovers` does later); then
 * versions older than the previous serving one are pruned. With the writer's `lease`, a build that
 * lost it stops at the next step, and the switch commits only with the lock row still its own.
 */
export async function writeVersion(
  db: SqlQueryable & { transaction: <T>(work: (tx: SqlQueryable) => Promise<T>) => Promise<T> },
  t: Tables,
  build: IndexBuild,
  onPruneError: (error: unknown) => void,
  lease?: Pick<RowLease, "check" | "confirm">,
): Promise<string> {
  lease?.check();
  const { rows: before } = await db.query<{ id: string }>(`SELECT id FROM ${t.versions} WHERE current`);
  const previous = before[0]?.id ?? null;
  const version = newVersionName();
  const dims = build.embedder.dims;
  await db.query(`INSERT INTO ${t.versions} (id, dims) VALUES ($1, $2)`, [version, dims]);
  try {
    for (let i = 0; i < build.chunks.length; i += BATCH) {
      lease?.check();
      await insertChunks(db, t, version, build.chunks.slice(i, i + BATCH), build.vectors.slice(i, i + BATCH), i, dims);
    }
    build.vectors.length = 0; // the database has them now (the caller does not use them again)
    lease?.check();
    await db.transaction(async (tx) => {
      await prepareIndexBuild(tx, build.chunks.length, dims);
      await tx.query(
        `CREATE INDEX ${t.hnswIndexName(version)} ON ${t.chunks} USING hnsw ((embedding::${t.vector.type}(${dims})) ${t.vector.cosineOps})
         WITH (m = ${PGVECTOR_HNSW.m}, ef_construction = ${PGVECTOR_HNSW.efConstruction}) WHERE version = '${version}'`,
      );
    });
    // Fresh statistics, so the planner walks the HNSW index at scale instead of sorting every row.
    await db.query(`ANALYZE ${t.chunks}`);
    lease?.check();
    const reuse = previous && !build.fromScratch ? await servingTerms(db, t, previous) : undefined;
    const terms = termIndexToBytes(buildTermIndex(build.chunks.map((c) => ({ id: c.id, text: searchableText(c) })), reuse));
    const manifest: Manifest = {
      formatVersion: FORMAT_VERSION,
      embedder: build.embedder,
      chunker: build.chunker,
      termIndexVersion: TERM_INDEX_VERSION,
      hnsw: { space: "cosine", m: PGVECTOR_HNSW.m, efConstruction: PGVECTOR_HNSW.efConstruction },
      maxArticleBytes: build.maxArticleBytes,
      articles: build.articles,
      skipped: build.skipped,
      warnings: build.warnings,
      files: build.files,
      chunks: build.chunks.length,
      builtAt: new Date().toISOString(),
    };
    await db.query(`UPDATE ${t.versions} SET manifest = $2, terms_meta = $3, terms_data = $4, built_at = $5 WHERE id = $1`, [
      version,
      JSON.stringify(manifest),
      terms.meta,
      terms.data,
      manifest.builtAt,
    ]);
    await db.transaction(async (tx) => {
      await lease?.confirm(tx);
      await tx.query(`UPDATE ${t.versions} SET current = false WHERE current`);
      await tx.query(`UPDATE ${t.versions} SET current = true, complete = true WHERE id = $1`, [version]);
    });
  } catch (error) {
    await deleteVersions(db, t, [version]).catch(() => {});
    throw error;
  }
  await pruneVersions(db, t, [version, ...(previous ? [previous] : [])]).catch(onPruneError);
  return version;
}

/**
 * The serving version's term index, for unchanged chunks to take their terms from instead of being
 * tokenized again (the same result); undefined when it cannot be read or is of another version.
 */
async function servingTerms(db: SqlQueryable, t: Tables, version: string): Promise<TermIndex | undefined> {
  try {
    const { rows } = await db.query<{ terms_meta: string | null; terms_data: Uint8Array | null }>(`SELECT terms_meta, terms_data FROM ${t.versions} WHERE id = $1`, [version]);
    const row = rows[0];
    return row?.terms_meta && row.terms_data ? termIndexFromBytes(row.terms_meta, row.terms_data) : undefined;
  } catch {
    return undefined;
  }
}

/** Bytes pgvector's HNSW build holds per row in memory beyond the vector (measured: 64 MB held 23,703 rows of 512 dims, m 16). */
const HNSW_BYTES_PER_ROW = 800;
const MAX_BUILD_MEMORY_MB = 1024;

/**
 * Settings for this build's transaction only (SET LOCAL). No statement timeout: a server-wide one
 * (common on managed Postgres) would kill a build that takes minutes at 100k chunks. And enough
 * maintenance_work_mem for the whole graph: at the default 64 MB (the pgvector image's) the graph
 * stops fitting at about 24k chunks of 512 dims and pgvector finishes on disk, many times slower.
 * Raised, never lowered, up to 1 GB. Not on PGlite, whose WebAssembly heap is the process's own.
 */
export async function prepareIndexBuild(tx: SqlQueryable, rows: number, dims: number): Promise<void> {
  await tx.exec("SET LOCAL statement_timeout = 0");
  const { rows: settings } = await tx.query<{ kb: string; v: string }>(
    "SELECT setting AS kb, version() AS v FROM pg_settings WHERE name = 'maintenance_work_mem'",
  );
  const currentMb = Number(settings[0]?.kb ?? 0) / 1024;
  if (/PGlite/i.test(settings[0]?.v ?? "")) return;
  const neededMb = Math.min(MAX_BUILD_MEMORY_MB, Math.ceil((rows * (dims * 4 + HNSW_BYTES_PER_ROW) * 1.2) / 1024 ** 2));
  if (neededMb > currentMb) await tx.exec(`SET LOCAL maintenance_work_mem = '${neededMb}MB'`);
}

async function insertChunks(db: SqlQueryable, t: Tables, version: string, chunks: readonly Chunk[], vectors: readonly Float32Array[], first: number, dims: number): Promise<void> {
  const params: unknown[] = [version];
  const values = chunks.map((chunk, i) => {
    const vector = vectors[i];
    if (!vector || vector.length !== dims) throw new Error(`chunk ${chunk.id} has a vector of ${vector?.length ?? 0} dimensions, expected ${dims}`);
    params.push(first + i, chunk.id, chunk.articleId, chunk.n, chunk.start, chunk.end, chunk.title, chunk.date, chunk.url, chunk.text, vectorLiteral(vector));
    const p = params.length;
    return `($1, ${Array.from({ length: 11 }, (_, j) => `$${p - 10 + j}`).join(", ")}::${t.vector.type})`;
  });
  await db.query(
    `INSERT INTO ${t.chunks} (version, n, id, article_id, chunk, start_offset, end_offset, title, date, url, text, embedding) VALUES ${values.join(", ")}`,
    params,
  );
}

/** pgvector's text form, `[0.1,0.2,…]`. */
export function vectorLiteral(vector: readonly number[] | Float32Array): string {
  return `[${vector.join(",")}]`;
}

/** Deletes versions with their chunks and HNSW indexes. */
export async function deleteVersions(db: SqlQueryable, t: Tables, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    await db.query(`DROP INDEX IF EXISTS ${t.hnswIndexQualified(id)}`);
    await db.query(`DELETE FROM ${t.versions} WHERE id = $1`, [id]);
  }
}

/** Deletes complete versions older than the newest kept one and not kept (the last two stay). */
async function pruneVersions(db: SqlQueryable, t: Tables, keep: readonly string[]): Promise<void> {
  const newest = [...keep].sort().at(-1) ?? "";
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM ${t.versions} WHERE complete AND NOT current AND id < $1 AND NOT (id = ANY($2::text[]))`,
    [newest, keep],
  );
  await deleteVersions(db, t, rows.map((r) => r.id));
}
