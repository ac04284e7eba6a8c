import { readdir, readFile } from "node:fs/promises";
import { IndexError } from "../../shared/errors.js";
import { quoteIdent } from "./namespace.js";
import type { SqlDatabase, SqlQueryable } from "./sql-database.js";

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
  return (await migrateSchema(db, schema, migrations)).applied;
}

/**
 * `migrate`, also returning the schema pgvector lives in (the store qualifies its names with it).
 * `checks`: where pgvector's version is read, one row each, with a short time limit; `db` (a
 * generous one) waits for another process's migration and runs the schema's statements.
 */
async function migrateSchema(
  db: SqlDatabase,
  schema: string,
  migrations: readonly Migration[],
  checks: SqlQueryable = db,
): Promise<{ applied: number[]; vectorSchema: string | undefined }> {
  const s = quoteIdent(schema);
  await ensureVectorExtension(db, checks);
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
    // Unqualified names in the files land in this schema; `vector` resolves from the schema the
    // extension was created in: public by default, `extensions` on Supabase and other managed
    // servers (with public alone there, the first migration failed: type "vector" does not exist).
    const vectorSchema = await vectorSchemaOf(tx);
    const searchPath = [s, ...(vectorSchema && vectorSchema !== "public" ? [quoteIdent(vectorSchema)] : []), "public"].join(", ");
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.exec(`SET LOCAL search_path TO ${searchPath}`);
      await tx.exec(migration.sql);
      await tx.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return { applied, vectorSchema };
  });
}

/**
 * What `migrate` would apply to `schema` (every migration when it was never created), and the
 * schema pgvector lives in; reads only. For a reader that must create nothing in a shared database
 * (`npm run ask`).
 */
export async function pendingMigrations(db: SqlQueryable, schema: string): Promise<{ pending: number[]; vectorSchema: string | undefined }> {
  const all = await readMigrations();
  const s = quoteIdent(schema);
  const { rows } = await db.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [`${s}.schema_migrations`]);
  const done = rows[0]?.t
    ? new Set((await db.query<{ version: number }>(`SELECT version FROM ${s}.schema_migrations`)).rows.map((r) => Number(r.version)))
    : new Set<number>();
  return { pending: all.map((m) => m.version).filter((v) => !done.has(v)), vectorSchema: await vectorSchemaOf(db) };
}

async function vectorSchemaOf(db: SqlQueryable): Promise<string | undefined> {
  const { rows } = await db.query<{ schema: string }>(
    "SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'vector'",
  );
  return rows[0]?.schema;
}

const migrated = new WeakMap<SqlDatabase, Map<string, Promise<string | undefined>>>();

/**
 * `migrate` with the project's migrations, once per database handle and schema in this process:
 * the index store, the bot's state and the shared uploads each need the schema, and at start-up
 * each ran the whole check again (extension, advisory lock, schema_migrations), three times in
 * all. A failure is forgotten, so a database that was down is tried again on the next call.
 * Resolves to the schema pgvector lives in. `db` runs the migration and `checks` its one-row reads
 * (see migrateSchema): a database gone silent fails at their time limits instead of never.
 */
export function migrateOnce(db: SqlDatabase, schema: string, checks: SqlQueryable = db): Promise<string | undefined> {
  const schemas = migrated.get(db) ?? new Map<string, Promise<string | undefined>>();
  migrated.set(db, schemas);
  let done = schemas.get(schema);
  if (!done) {
    done = readMigrations().then(async (migrations) => (await migrateSchema(db, schema, migrations, checks)).vectorSchema);
    schemas.set(schema, done);
    const tried = done;
    tried.catch(() => {
      if (schemas.get(schema) === tried) schemas.delete(schema);
    });
  }
  return done;
}

/** The oldest pgvector the store runs on: vector search sets `hnsw.iterative_scan` (added in 0.8.0). */
export const MIN_PGVECTOR = "0.8.0";

async function ensureVectorExtension(db: SqlDatabase, checks: SqlQueryable): Promise<void> {
  let version = await vectorVersion(checks);
  if (version === null) {
    try {
      await db.query("CREATE EXTENSION IF NOT EXISTS vector");
    } catch (error) {
      // Several processes starting at once on a fresh database (a deployment's instances, or the
      // bot and an ingest) all see no extension and all create it; IF NOT EXISTS does not cover
      // that race on a real server: the losers fail with a unique violation in pg_extension once
      // the winner commits. The extension is there then, which is all we need.
      if ((await vectorVersion(checks)) === null) {
        throw new IndexError(
          `The database has no pgvector extension and it could not be created (${(error as Error).message}); ` +
            "install pgvector (e.g. the pgvector/pgvector image) and run CREATE EXTENSION vector as a superuser.",
        );
      }
    }
    version = await vectorVersion(checks);
  }
  if (version !== null && compareVersions(version, MIN_PGVECTOR) < 0) {
    throw new IndexError(
      `The database has pgvector ${version}; the index needs ${MIN_PGVECTOR} or newer. ` +
        "Install a newer pgvector on the server, then run ALTER EXTENSION vector UPDATE in this database.",
    );
  }
}

async function vectorVersion(db: SqlQueryable): Promise<string | null> {
  const { rows } = await db.query<{ extversion: string }>("SELECT extversion FROM pg_extension WHERE extname = 'vector'");
  return rows[0]?.extversion ?? null;
}

/** Compares dotted version strings numerically ("0.10.0" > "0.8.0"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split(".").map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
