// Test helper: a knowledge base of one instance sharing a Postgres database (PGlite) with others,
// over its own seeds folder, as the bot opens one with DATABASE_URL.
import { createAnswerer } from "../../src/app/create-answerer.js";
import { loadConfig } from "../../src/config/config.js";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { openKnowledgeBase, type LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { silentLogger } from "../../src/shared/logger.js";
import { createPostgresStore } from "../../src/store/postgres/postgres-store.js";
import type { SqlDatabase } from "../../src/store/postgres/sql-database.js";
import { postgresSharedArticles, type SharedArticles } from "../../src/store/postgres/uploaded-articles.js";

const embeddings = new LocalHashEmbeddings();
const embedder: Embedder = { id: embeddings.id, embeddings };

/** An instance on `schema` of `db` over `seedsDir`; `shared` replaces its uploads' store (to make it fail). */
export async function openSharedInstance(
  db: SqlDatabase,
  seedsDir: string,
  schema: string,
  shared: SharedArticles = postgresSharedArticles(db, schema, "pglite"),
): Promise<LocalKnowledgeBase> {
  return openKnowledgeBase({
    seedsDir,
    maxArticleBytes: 100_000,
    store: createPostgresStore({ db, schema, database: "pglite" }),
    embedder,
    answerer: await createAnswerer(loadConfig({}), silentLogger),
    logger: silentLogger,
    sharedArticles: shared,
  });
}
