import { DatabaseTimeoutError, IndexError, ReindexInProgressError } from "../../shared/errors.js";
import { TERM_INDEX_VERSION } from "../../terms/term-index.js";
import type { IndexStore } from "../index-store.js";
import { FORMAT_VERSION, parseManifest } from "../manifest.js";
import { openPostgresEmbeddingCache } from "./embedding-cache.js";
import { loadPostgresIndex } from "./load-version.js";
import { migrateOnce, pendingMigrations, readMigrations } from "./migrate.js";
import type { SqlDatabase, SqlQueryable } from "./sql-database.js";
import { tablesOf, type Tables } from "./tables.js";
import { deleteVersions, writeVersion } from "./write-version.js";
import { acquireRowLock, lockHolder, WRITER_LOCK, type RowLease, type RowLockOptions } from "./write-lock.js";

export interface PostgresStoreOptions {
  db: SqlDatabase;
  /**
   * Where the store's one-row statements run, with a time limit (PgDatabase.withTimeout): the
   * writer lock (taken, renewed, let go), who holds it, the serving version and its manifest, a
   * read-only store's check of its tables. A database gone silent then fails /reindex's "building
   * elsewhere?" check, the build's lock and `npm run ask` with the one-line database message
   * instead of holding them until the connection drops. Not
   * the bulk statements (a version's chunks written or loaded, old versions deleted, the embedding
   * cache), which run on `db`: 100,000 chunks rightly take minutes. Default `db`.
   */
  checks?: SqlQueryable;
  /**
   * Where what a crashed build left unfinished is deleted (as a build takes the writer lock, and
   * at the start), with a time limit a real delete fits in: a database gone silent at that moment
   * otherwise held the re-index child until its no-progress kill. Default `db`.
   */
  leftovers?: SqlQueryable;
  /**
   * Where the schema is created and migrated (pgvector's version read on `checks`), with a time
   * limit a migration fits in, waiting for another process's included. Default `db`.
   */
  migrations?: SqlDatabase;
  /** The namespace: a Postgres schema of its own (the bot's, or one per eval articles folder). */
  schema: string;
  /** How to name the database in messages (no password), e.g. `postgres://u@host:5432/db`. */
  database: string;
  onPruneError?: (error: unknown) => void;
  /** Lease and polling of the writer lock (tests shorten them). */
  lock?: Pick<RowLockOptions, "leaseMs" | "pollMs" | "timeoutMs">;
  /**
   * Only read: the schema is neither created nor migrated (none yet: "No index … run npm run
   * ingest"). For `npm run ask` on a shared database, which must leave it as it found it.
   */
  readOnly?: boolean;
}

/**
 * The index in Postgres + pgvector, one schema per namespace: versions, chunks with vectors
 * (HNSW, cosine), the BM25 term index per version, the embedding cache and a writer lock row.
 * The schema is created and migrated on first use (migrations/NNN_*.sql).
 */
export function createPostgresStore(opts: PostgresStoreOptions): IndexStore {
  const { db } = opts;
  const checks = opts.checks ?? db;
  const leftovers = opts.leftovers ?? db;
  const t = tablesOf(opts.schema);
  const location = `${opts.database} (schema ${opts.schema})`;
  const prepared = (): Promise<Tables> =>
    (opts.readOnly ? migrated() : migrateOnce(opts.migrations ?? db, opts.schema, checks)).then(
      (vectorSchema) => tablesOf(opts.schema, vectorSchema),
      (error: unknown) => {
        throw explainConnectionError(error, opts.database);
      },
    );
  // The reader's check: the tables as this code needs them, or the one line saying to run ingest.
  // Its few one-row reads are time-limited: `npm run ask` on a database gone silent otherwise waited here for ever.
  const migrated = async (): Promise<string | undefined> => {
    const { pending, vectorSchema } = await pendingMigrations(checks, opts.schema);
    if (pending.length === 0) return vectorSchema;
    const missing = pending.length === (await readMigrations()).length;
    throw new IndexError(
      missing
        ? `No index in ${location}; run \`npm run ingest\` to build it.`
        : `The index tables in ${location} are older than this code; run \`npm run ingest\` to update them.`,
    );
  };
  const lock = (options: RowLockOptions) => acquireRowLock(checks, t.locks, WRITER_LOCK, { ...opts.lock, ...options });
  // The build's lease while it holds the writer lock: its version is published only while the lease is still its own.
  let writing: RowLease | null = null;

  const store: IndexStore = {
    location,
    format: { formatVersion: FORMAT_VERSION, termIndexVersion: TERM_INDEX_VERSION },
    async serving() {
      await prepared();
      const { rows } = await checks.query<{ id: string; manifest: unknown }>(`SELECT id, manifest FROM ${t.versions} WHERE current`);
      const row = rows[0];
      if (!row) return null;
      try {
        return { version: row.id, manifest: parseManifest(typeof row.manifest === "string" ? JSON.parse(row.manifest) : row.manifest) };
      } catch {
        return null;
      }
    },
    async servingVersion() {
      await prepared();
      const { rows } = await checks.query<{ id: string }>(`SELECT id FROM ${t.versions} WHERE current`);
      return rows[0]?.id ?? null;
    },
    write: async (build) => writeVersion(db, await prepared(), build, opts.onPruneError ?? (() => {}), writing ?? undefined),
    load: async (embedder) => loadPostgresIndex(db, await prepared(), location, embedder),
    embeddingCache: async (embedderId) => openPostgresEmbeddingCache(db, (await prepared()).embeddingCache, embedderId),
    async lockForWriting(options = {}) {
      await prepared();
      // Refusing, one try: a running lease is a live holder (a crashed one's runs out within a
      // minute, and is then taken over by the try).
      const lease = await lock({ ...(options.onWait ? { onWait: options.onWait } : {}), ...(options.ifHeld === "refuse" ? { wait: false } : {}) });
      if (!lease) throw new ReindexInProgressError(true);
      try {
        await removeUnfinished(leftovers, t);
      } catch (error) {
        await lease.release();
        throw error;
      }
      writing = lease;
      return async () => {
        if (writing === lease) writing = null;
        await lease.release();
      };
    },
    async stillWriter() {
      writing?.check();
    },
    async writerHolder() {
      await prepared();
      return lockHolder(checks, t.locks, WRITER_LOCK);
    },
    async removeLeftovers() {
      await prepared();
      const lease = await lock({ wait: false });
      if (!lease) return []; // a build is running: its rows look like leftovers
      try {
        return await removeUnfinished(leftovers, t);
      } finally {
        await lease.release();
      }
    },
  };
  // A database down or gone silent after the start (a /reindex, a version check) fails with the
  // one line naming DATABASE_URL, as at the start: a raw ECONNREFUSED is no message for the admin.
  const named = <T>(work: Promise<T>): Promise<T> => namingDatabase(work, opts.database);
  return {
    ...store,
    serving: () => named(store.serving()),
    servingVersion: () => named(store.servingVersion!()),
    write: (build) => named(store.write(build)),
    load: (embedder) => named(store.load(embedder)),
    embeddingCache: (embedderId) => named(store.embeddingCache(embedderId)),
    lockForWriting: async (options) => {
      const release = await named(store.lockForWriting(options));
      return () => named(release());
    },
    writerHolder: () => named(store.writerHolder!()),
    removeLeftovers: () => named(store.removeLeftovers()),
  };
}

/** Deletes versions a crashed writer left unfinished (only call it holding the writer lock). */
async function removeUnfinished(db: SqlQueryable, t: Tables): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM ${t.versions} WHERE NOT complete AND NOT current`);
  const ids = rows.map((r) => r.id);
  await deleteVersions(db, t, ids);
  return ids;
}

/**
 * Codes of a database that cannot be used at this URL: the network's, a refused login or database
 * (28P01, 28000, 3D000), the connection classes (08…), and a server starting up, shutting down or
 * restarting (57P01-57P03).
 */
const CONNECTION_CODES = /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|28P01|28000|3D000|08\w{3}|57P0[123])$/;
/** pg's own errors, which carry no code: a host that never answered (connectionTimeoutMillis), or closed the connection. */
const PG_CONNECTION_LOST = /^Connection terminated( unexpectedly| due to connection timeout)?$|^timeout expired$/;

/**
 * A failure to prepare the tables as an `IndexError`: a refused or failed connection names
 * DATABASE_URL. `database` is how to name it in messages (no password).
 */
export function explainConnectionError(error: unknown, database: string): unknown {
  if (error instanceof IndexError) return error;
  return unusableDatabase(error, database) ?? new IndexError(`Preparing the index tables in ${database} failed: ${errorMessage(error)}.`);
}

/**
 * A refused or lost connection, or a statement past its time limit (a database gone silent), as
 * the one-line `IndexError` naming DATABASE_URL; null for any other error (the caller's own).
 */
export function unusableDatabase(error: unknown, database: string): IndexError | null {
  const code = (error as { code?: string }).code ?? "";
  const message = error instanceof DatabaseTimeoutError ? `no answer within ${error.timeoutMs} ms` : errorMessage(error);
  // A Unix socket's connect fails with the file system's codes too (`?host=/nonexistent`: ENOENT).
  const connectFailed = (error as { syscall?: string }).syscall === "connect";
  if (!(error instanceof DatabaseTimeoutError) && !connectFailed && !CONNECTION_CODES.test(code) && !PG_CONNECTION_LOST.test(message)) return null;
  return new IndexError(`Cannot use the database ${database} (DATABASE_URL): ${message}. Check that Postgres runs there and the URL is right.`);
}

/** `work`, failing with unusableDatabase's error when the database is down or gone silent (any other failure as it is). */
export function namingDatabase<T>(work: Promise<T>, database: string): Promise<T> {
  return work.catch((error: unknown) => {
    throw unusableDatabase(error, database) ?? error;
  });
}

/**
 * What went wrong, in words: a connection refused on each of a host's addresses ("localhost" as
 * 127.0.0.1 and ::1) is Node's AggregateError, whose own message is empty; its first one says it.
 */
function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message || !(error instanceof AggregateError)) return error.message;
  const first = (error.errors as unknown[])[0];
  return first instanceof Error ? first.message : String(error);
}
