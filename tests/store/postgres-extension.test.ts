// Creating pgvector when several processes start at once on a fresh database, and refusing a
// pgvector too old for the store. The race itself needs a real server (seen with four pools
// migrating a fresh database at once: three failed with "duplicate key value violates unique
// constraint pg_extension_name_index"); here PGlite plays the loser's view of it: no extension at
// the first look, then CREATE EXTENSION fails because the other process's commit landed first.
import { rm } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import { IndexError } from "../../src/shared/errors.js";
import { compareVersions, migrate, migrateOnce, readMigrations } from "../../src/store/postgres/migrate.js";
import { createPostgresStore } from "../../src/store/postgres/postgres-store.js";
import type { SqlDatabase } from "../../src/store/postgres/sql-database.js";
import { createPglite, pgliteDatabase } from "../helpers/pglite.js";
import { makeTempSeeds } from "../helpers/temp-seeds.js";

let lite: PGlite;
beforeEach(async () => {
  lite = await createPglite();
}, 30_000);
afterEach(async () => {
  await lite.close();
});

/** The database with its answers to the extension queries replaced. */
function intercept(db: SqlDatabase, answer: (text: string, real: () => Promise<{ rows: unknown[] }>) => Promise<{ rows: unknown[] }> | null): SqlDatabase {
  return {
    ...db,
    query: async <R>(text: string, params?: readonly unknown[]) => {
      const real = () => db.query(text, params) as Promise<{ rows: unknown[] }>;
      const replaced = answer(text, real);
      return (replaced ? await replaced : await real()) as { rows: R[] };
    },
  };
}

describe("pgvector on first start", () => {
  it("goes on when another process created the extension at the same moment", async () => {
    let looks = 0;
    const db = intercept(pgliteDatabase(lite), (text, real) => {
      if (/FROM pg_extension/.test(text) && looks++ === 0) return Promise.resolve({ rows: [] }); // not there yet
      if (/CREATE EXTENSION/.test(text)) {
        // The other process wins: the extension exists, our statement fails as on a real server.
        return real().then(() => {
          throw Object.assign(new Error('duplicate key value violates unique constraint "pg_extension_name_index"'), { code: "23505" });
        });
      }
      return null;
    });
    const migrations = await readMigrations();
    expect(await migrate(db, "ns", migrations)).toEqual(migrations.map((m) => m.version));
    expect(looks).toBeGreaterThan(1); // it looked again instead of giving up
  }, 30_000);

  it("still says to install pgvector when the extension really cannot be created", async () => {
    const db = intercept(pgliteDatabase(lite), (text) => {
      if (/FROM pg_extension/.test(text)) return Promise.resolve({ rows: [] });
      if (/CREATE EXTENSION/.test(text)) return Promise.reject(new Error('could not open extension control file "vector.control"'));
      return null;
    });
    await expect(migrate(db, "ns", await readMigrations())).rejects.toThrow(/no pgvector extension.*vector\.control.*install pgvector/s);
  });

  it("refuses a pgvector older than 0.8 with what to do", async () => {
    const db = intercept(pgliteDatabase(lite), (text) =>
      /FROM pg_extension/.test(text) ? Promise.resolve({ rows: [{ extversion: "0.7.4" }] }) : null,
    );
    const error = await migrate(db, "ns", await readMigrations()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexError);
    expect((error as Error).message).toMatch(/pgvector 0\.7\.4.*0\.8\.0 or newer.*ALTER EXTENSION vector UPDATE/);
  });

  it("migrates once per database and schema, and tries again after a failure (a database that was down)", async () => {
    await lite.exec("CREATE EXTENSION vector"); // so each run looks at pg_extension once
    let down = true;
    let runs = 0;
    const db = intercept(pgliteDatabase(lite), (text) => {
      if (!/FROM pg_extension/.test(text)) return null;
      runs++;
      return down ? Promise.reject(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })) : null;
    });
    await expect(migrateOnce(db, "ns")).rejects.toThrow(/ECONNREFUSED/);
    down = false;
    await Promise.all([migrateOnce(db, "ns"), migrateOnce(db, "ns")]);
    await migrateOnce(db, "ns");
    expect(runs).toBe(2); // the failed run, then one for the three calls
    await migrateOnce(db, "other");
    expect(runs).toBe(3); // another namespace has its own
    expect((await lite.query<{ n: number }>("SELECT count(*)::int AS n FROM ns.schema_migrations")).rows[0]?.n).toBeGreaterThan(0);
  }, 30_000);

  it("migrates when pgvector was created in a schema of its own (Supabase's `extensions`), on that server's search_path", async () => {
    await lite.exec('CREATE SCHEMA extensions; CREATE EXTENSION vector SCHEMA extensions; SET search_path TO "$user", public, extensions');
    const migrations = await readMigrations();
    expect(await migrate(pgliteDatabase(lite), "ns", migrations)).toEqual(migrations.map((m) => m.version));
    const { rows } = await lite.query<{ type: string }>(
      "SELECT format_type(atttypid, NULL) AS type FROM pg_attribute WHERE attrelid = 'ns.chunks'::regclass AND attname = 'embedding'",
    );
    expect(rows[0]?.type).toBe("vector");
  }, 30_000);

  it("builds and searches when DATABASE_URL's search_path leaves out the schema pgvector lives in", async () => {
    // e.g. `?options=-c%20search_path%3Dmyapp` with vector in public: the build failed with 'type "vector" does not exist'.
    await lite.exec("CREATE EXTENSION vector; CREATE SCHEMA myapp; SET search_path TO myapp");
    const { root, seeds } = await makeTempSeeds();
    try {
      const embeddings = new LocalHashEmbeddings();
      const embedder = { id: embeddings.id, embeddings };
      const store = createPostgresStore({ db: pgliteDatabase(lite), schema: "ns", database: "pglite" });
      await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: 100_000 });
      const index = await store.load(embedder);
      const hits = await index.vectorSearch(await embeddings.embedQuery("нічний потяг зі Львова"), 3);
      expect(index.chunkById(hits[0]!.id)?.articleId).toBe("trains.txt");
      expect((await lite.query<{ p: string }>("SELECT current_setting('search_path') AS p")).rows[0]?.p).toBe("myapp"); // left as the operator set it
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 60_000);

  it("compares versions by number", () => {
    expect(compareVersions("0.10.0", "0.8.0")).toBeGreaterThan(0);
    expect(compareVersions("0.8.0", "0.8.0")).toBe(0);
    expect(compareVersions("0.7.4", "0.8.0")).toBeLessThan(0);
    expect(compareVersions("0.8", "0.8.0")).toBe(0);
  });
});
