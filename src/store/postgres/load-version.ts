import type { Chunk } from "../../chunks/chunk.js";
import type { Embedder } from "../../embeddings/create-embedder.js";
import { IndexError } from "../../shared/errors.js";
import { TERM_INDEX_VERSION, termIndexFromBytes, type TermIndex } from "../../terms/term-index.js";
import { indexMismatch } from "../compatibility.js";
import type { ScoredId, SearchableIndex } from "../index-store.js";
import { FORMAT_VERSION, parseManifest, type Manifest } from "../manifest.js";
import { chunkLookup, isEmptyFilter, type SearchFilter } from "../search-filter.js";
import { PGVECTOR_HNSW } from "./pgvector-params.js";
import type { SqlDatabase } from "./sql-database.js";
import type { Tables } from "./tables.js";
import { vectorLiteral } from "./write-version.js";

const REINDEX = "run `npm run ingest` to re-index";
// The files did not change, so only a forced build embeds them again (the embedder now gives another length).
const REINDEX_OTHER_DIMS = "the embeddings server now gives vectors of another length; run `npm run ingest -- --force` to re-index";

interface ChunkRow {
  id: string;
  article_id: string;
  chunk: number;
  start_offset: number;
  end_offset: number;
  title: string;
  date: string | null;
  url: string | null;
  text: string;
}

/**
 * Loads the serving version: chunks (without vectors) and the BM25 term index into memory, so
 * term search, IDF and chunk lookups work exactly as with files; vector search stays in the
 * database (pgvector HNSW, filters in SQL). Throws IndexError (saying to re-index) when the
 * version is missing or was built differently.
 */
export async function loadPostgresIndex(db: SqlDatabase, t: Tables, location: string, embedder: Embedder): Promise<SearchableIndex> {
  const { rows } = await db.query<{ id: string; dims: number; manifest: unknown; terms_meta: string | null; terms_data: Uint8Array | null }>(
    `SELECT id, dims, manifest, terms_meta, terms_data FROM ${t.versions} WHERE current`,
  );
  const row = rows[0];
  if (!row) throw new IndexError(`No index in ${location}; run \`npm run ingest\` to build it.`);
  const version = row.id;
  let manifest: Manifest;
  let termIndex: TermIndex;
  try {
    manifest = parseManifest(typeof row.manifest === "string" ? JSON.parse(row.manifest) : row.manifest);
    termIndex = termIndexFromBytes(row.terms_meta ?? "", row.terms_data ?? new Uint8Array());
  } catch (error) {
    throw new IndexError(`The index ${version} in ${location} is corrupt (${(error as Error).message}); ${REINDEX}.`);
  }
  const mismatch = indexMismatch(manifest, { formatVersion: FORMAT_VERSION, embedderId: embedder.id, termIndexVersion: TERM_INDEX_VERSION });
  if (mismatch) {
    const hint = manifest.embedder.id !== embedder.id ? " (or set EMBEDDINGS_PROVIDER/EMBEDDINGS_MODEL back)" : "";
    throw new IndexError(`The index in ${location} ${mismatch}; ${REINDEX}${hint}.`);
  }
  const chunkRows = await db.query<ChunkRow>(
    `SELECT id, article_id, chunk, start_offset, end_offset, title, date, url, text FROM ${t.chunks} WHERE version = $1 ORDER BY n`,
    [version],
  );
  const chunks: Chunk[] = chunkRows.rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    title: r.title,
    date: r.date,
    url: r.url,
    n: Number(r.chunk),
    start: Number(r.start_offset),
    end: Number(r.end_offset),
    text: r.text,
  }));
  const dims = Number(row.dims);
  if (chunks.length !== manifest.chunks || dims !== manifest.embedder.dims) {
    throw new IndexError(`The index ${version} in ${location} does not match its manifest; ${REINDEX}.`);
  }
  const { chunkById, acceptsId } = chunkLookup(chunks);

  return {
    manifest,
    version,
    chunks,
    termIndex,
    chunkById,
    termSearch: (query, k, filter) => termIndex.search(query, k, isEmptyFilter(filter) ? undefined : acceptsId(filter!)),
    async vectorSearch(queryVector, k, filter) {
      if (queryVector.length !== dims) {
        throw new IndexError(`Query vector has ${queryVector.length} dimensions, the index ${dims}; ${REINDEX_OTHER_DIMS}.`);
      }
      const n = Math.min(Math.floor(k), chunks.length);
      if (n <= 0) return [];
      if (filter?.articleIds && filter.articleIds.size === 0) return [];
      return searchVectors(db, t, version, dims, queryVector, n, filter);
    },
  };
}

// `version` is inlined (our own name, checked by Tables) so the planner can use that version's
// partial HNSW index; the filter goes in WHERE, and iterative scans keep walking the graph until
// k rows pass it (pgvector ≥ 0.8), as hnswlib's filtered search does.
async function searchVectors(
  db: SqlDatabase,
  t: Tables,
  version: string,
  dims: number,
  vector: number[],
  k: number,
  filter: SearchFilter | undefined,
): Promise<ScoredId[]> {
  const query = vectorSearchQuery(t, version, dims, vector, k, filter);
  const rows = await db.transaction(async (tx) => {
    await tx.exec(query.settings);
    return (await tx.query<{ id: string; distance: number }>(query.sql, query.params)).rows;
  });
  return rows.map((r) => ({ id: r.id, score: 1 - Number(r.distance) })).sort((a, b) => b.score - a.score);
}

/**
 * The vector search: SET LOCAL settings for its transaction, the statement and its parameters.
 *
 * Unfiltered, sorting is disabled so the planner walks the HNSW index. Left to itself, a real
 * PostgreSQL 15 (pgvector 0.8.0) sorted every row of the version instead at 10k chunks: with
 * ef_search 400 the index's estimated cost exceeds a sequential scan's, whose true cost (detoasting
 * and casting each 2 KB vector) the planner does not see: 90–150 ms a search instead of a few ms.
 * Filtered searches keep the planner's choice: a few articles or a narrow date range are read
 * exactly through the b-tree indexes, which beats walking the graph for them.
 */
export function vectorSearchQuery(
  t: Tables,
  version: string,
  dims: number,
  vector: readonly number[],
  k: number,
  filter: SearchFilter | undefined,
): { settings: string; sql: string; params: unknown[] } {
  t.hnswIndexName(version); // validates the name before it is inlined
  const params: unknown[] = [vectorLiteral(vector), k];
  const where = [`version = '${version}'`];
  if (filter?.articleIds) {
    params.push([...filter.articleIds]);
    where.push(`article_id = ANY($${params.length}::text[])`);
  }
  if (filter?.dateFrom !== undefined) {
    params.push(filter.dateFrom.slice(0, 10));
    where.push(`date IS NOT NULL AND substr(date, 1, 10) >= $${params.length}`);
  }
  if (filter?.dateTo !== undefined) {
    params.push(filter.dateTo.slice(0, 10));
    where.push(`date IS NOT NULL AND substr(date, 1, 10) <= $${params.length}`);
  }
  const { type, cosineDistance } = t.vector;
  const distance = `embedding::${type}(${dims}) ${cosineDistance} $1::${type}(${dims})`;
  const efSearch = Math.min(1000, Math.max(PGVECTOR_HNSW.efSearch, k));
  const settings = [`SET LOCAL hnsw.ef_search = ${efSearch}`, "SET LOCAL hnsw.iterative_scan = strict_order"];
  if (where.length === 1) settings.push("SET LOCAL enable_sort = off");
  return {
    settings: settings.join("; "),
    sql: `SELECT id, ${distance} AS distance FROM ${t.chunks} WHERE ${where.join(" AND ")} ORDER BY ${distance} LIMIT $2`,
    params,
  };
}
