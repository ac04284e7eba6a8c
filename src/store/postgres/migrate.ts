import { readdir, readFile } from "node:fs/promises";
import { IndexError } from "../../shared/errors.js";
import { quoteIdent } from "./namespace.js";
import type { SqlDatabase } from "./sql-database.js";

/** The numbered SQL files (`001_index.sql`, …), at the project root: the same path from src/ and dist/. */
export const MIGRATIONS_DIR = new URL("../../../migrations/", import.meta.url);

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Reads `NNN_name.sql` files in version order. */
export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for (const file of (await readdir(dir)).sort()) {
    const match = /^(\d+)_([\w-]+)\.sql$/.exec(file);
    if (!match) continue;
    migrations.push({ version: Number(match[1]), name: match[2]!, sql: await readFile(new URL(file, dir), "utf8") });
  }
  return migrations;
}

/**
 * Creates the schema and applies the migrations it has not had yet, each recorded in
 * `<schema>.schema_migrations`, all in one transaction (so a failed one leaves nothing half
 * done). Returns the versions applied now.
 */
export async function migrate(db: SqlDatabase, schema: string, migrations: readonly Migration[]): Promise<number[]> {
  const s = quoteIdent(schema);
  await ensureVectorExtension(db);
  return db.transaction(async (tx) => {
    // Two processes starting at once on a real server: the second waits here, then sees the work done.
    // (PGlite has one session, where this lock is always granted; its transactions run one at a time anyway.)
    await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`article-qa-migrate:${schema}`]);
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${s}; CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await tx.query<{ version: number }>(`SELECT version FROM ${s}.schema_migrations`)).rows.map((r) => Number(r.version)),
    );
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      // Unqualified names in the files land in this schema; `vector` resolves from public.
      await tx.exec(`SET LOCAL search_path TO ${s}, public`);
      await tx.exec(migration.sql);
      await tx.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}

async function ensureVectorExtension(db: SqlDatabase): Promise<void> {
  const { rows } = await db.query("SELECT 1 FROM pg_extension WHERE extname = 'vector'");
  if (rows.length > 0) return;
  try {
    await db.query("CREATE EXTENSION IF NOT EXISTS vector");
  } catch (error) {
    throw new IndexError(
      `The database has no pgvector extension and it could not be created (${(error as Error).message}); ` +
        "install pgvector (e.g. the pgvector/pgvector image) and run CREATE EXTENSION vector as a superuser.",
    );
  }
}
