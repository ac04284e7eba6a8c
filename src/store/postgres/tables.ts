import { isSchemaName, quoteIdent } from "./namespace.js";

/**
 * Qualified names of one namespace's tables and per-version indexes, and of pgvector's type,
 * cosine distance operator and operator class: qualified with the schema the extension lives in,
 * so they resolve whatever search_path DATABASE_URL sets (unqualified when it is not given).
 */
export interface Tables {
  schema: string;
  vector: { type: string; cosineDistance: string; cosineOps: string };
  versions: string;
  chunks: string;
  embeddingCache: string;
  locks: string;
  /** The HNSW index of one version, unqualified (for CREATE INDEX). */
  hnswIndexName(version: string): string;
  hnswIndexQualified(version: string): string;
}

const VERSION = /^v-[\w-]+$/;

export function tablesOf(schema: string, vectorSchema?: string): Tables {
  if (!isSchemaName(schema)) throw new Error(`bad schema name "${schema}"`);
  const s = quoteIdent(schema);
  const v = vectorSchema === undefined ? "" : `${quoteIdent(vectorSchema)}.`;
  const indexName = (version: string) => {
    // Versions are our own names (v-<time>-<hex>), inlined into DDL and partial-index predicates.
    if (!VERSION.test(version)) throw new Error(`bad version name "${version}"`);
    return `chunks_hnsw_${version.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`;
  };
  return {
    schema,
    vector: { type: `${v}vector`, cosineDistance: v ? `OPERATOR(${v}<=>)` : "<=>", cosineOps: `${v}vector_cosine_ops` },
    versions: `${s}.versions`,
    chunks: `${s}.chunks`,
    embeddingCache: `${s}.embedding_cache`,
    locks: `${s}.locks`,
    hnswIndexName: indexName,
    hnswIndexQualified: (version) => `${s}.${indexName(version)}`,
  };
}
