// Restoring the uploads shared through the database into a seeds folder (start-up and every
// re-index): names and hashes are listed, and only the uploads whose copy here is missing or
// different are read, one at a time, not every upload's content each time.
import { lstat, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { articleHash } from "../../src/articles/article-hash.js";
import { migrate, readMigrations } from "../../src/store/postgres/migrate.js";
import type { SqlDatabase, SqlQueryable } from "../../src/store/postgres/sql-database.js";
import { postgresSharedArticles } from "../../src/store/postgres/uploaded-articles.js";
import { createPglite, pgliteDatabase } from "../helpers/pglite.js";

const SCHEMA = "uploads";

let lite: PGlite;
let seeds: string;
beforeEach(async () => {
  lite = await createPglite();
  seeds = await mkdtemp(join(tmpdir(), "rag-uploads-"));
}, 30_000);
afterEach(async () => {
  await lite.close();
  await rm(seeds, { recursive: true, force: true });
});

/** `db` with every statement it runs (transactions included) recorded in `statements`. */
function recording(db: SqlDatabase): { db: SqlDatabase; statements: string[] } {
  const statements: string[] = [];
  const watch = (q: SqlQueryable): SqlQueryable => ({
    query: (text, params) => {
      statements.push(text);
      return q.query(text, params);
    },
    exec: (text) => {
      statements.push(text);
      return q.exec(text);
    },
  });
  return { db: { ...db, ...watch(db), transaction: (work) => db.transaction((tx) => work(watch(tx))) }, statements };
}

/** The statements that read uploads' content (a column list naming `content` itself). */
const readsContent = (statements: string[]) => statements.filter((text) => /\bSELECT\b[^;]*?\bcontent\s*(,|\bFROM\b)/i.test(text));

const encode = (text: string) => new TextEncoder().encode(text);
const ARTICLES: Record<string, string> = {
  "Міст.txt": "Новий міст через Дніпро відкрили першого березня.",
  "Порт.txt": "Новий річковий порт у Херсоні прийняв перше судно.",
  "Школа.md": "# Школа\n\nУ Сумах відкрили нову школу з укриттям.",
};

async function uploadAll(db: SqlDatabase): Promise<void> {
  const shared = postgresSharedArticles(db, SCHEMA, "pglite");
  for (const [name, text] of Object.entries(ARTICLES)) await shared.save(name, encode(text));
}

describe("restoring the shared uploads", () => {
  it("reads no upload's content when every copy in the folder is already identical", async () => {
    const base = pgliteDatabase(lite);
    await uploadAll(base);
    for (const [name, text] of Object.entries(ARTICLES)) await writeFile(join(seeds, name), text);
    const { db, statements } = recording(base);
    const restored = await postgresSharedArticles(db, SCHEMA, "pglite").restore(seeds);
    expect(restored).toEqual({ written: [], removed: [], failed: [] });
    expect(statements.some((text) => /content_sha256 FROM\s+"uploads"\.uploaded_articles/.test(text))).toBe(true);
    expect(readsContent(statements)).toEqual([]);
  });

  it("writes a missing upload and rewrites a changed copy, reading only those two", async () => {
    const base = pgliteDatabase(lite);
    await uploadAll(base);
    await writeFile(join(seeds, "Міст.txt"), ARTICLES["Міст.txt"]!);
    await writeFile(join(seeds, "Порт.txt"), "Стара версія статті про порт.");
    const { db, statements } = recording(base);
    const restored = await postgresSharedArticles(db, SCHEMA, "pglite").restore(seeds);
    expect(restored.written).toEqual(["Порт.txt", "Школа.md"]);
    for (const [name, text] of Object.entries(ARTICLES)) expect(await readFile(join(seeds, name), "utf8")).toBe(text);
    expect(readsContent(statements)).toHaveLength(2);
    expect((await readdir(seeds)).filter((name) => name.startsWith("."))).toEqual([]); // no temp file left
    // Written once: the next restore finds them all identical.
    statements.length = 0;
    expect((await postgresSharedArticles(db, SCHEMA, "pglite").restore(seeds)).written).toEqual([]);
    expect(readsContent(statements)).toEqual([]);
  });

  it("still deletes a removed article's copy, and does not bring back an upload removed after the listing", async () => {
    const base = pgliteDatabase(lite);
    await uploadAll(base);
    const shared = postgresSharedArticles(base, SCHEMA, "pglite");
    await writeFile(join(seeds, "Міст.txt"), ARTICLES["Міст.txt"]!);
    await shared.remove("Міст.txt", encode(ARTICLES["Міст.txt"]!));
    // Порт.txt is removed on another instance between the listing and the read of its content.
    const racing: SqlDatabase = {
      ...base,
      query: async (text, params) => {
        if (/SELECT content FROM/.test(text) && params?.[0] === "Порт.txt") await shared.remove("Порт.txt", encode(ARTICLES["Порт.txt"]!));
        return base.query(text, params);
      },
    };
    const restored = await postgresSharedArticles(racing, SCHEMA, "pglite").restore(seeds);
    expect(restored).toEqual({ written: ["Школа.md"], removed: ["Міст.txt"], failed: [] });
    expect((await readdir(seeds)).sort()).toEqual(["Школа.md"]);
  });

  it("skips and names a row whose file name was edited into no article's (its start or re-index goes on)", async () => {
    const base = pgliteDatabase(lite);
    await uploadAll(base);
    await base.query(`UPDATE "${SCHEMA}".uploaded_articles SET file_name = 'run.exe' WHERE file_name = 'Порт.txt'`);
    await base.query(`UPDATE "${SCHEMA}".uploaded_articles SET file_name = '../up.txt' WHERE file_name = 'Міст.txt'`);
    const restored = await postgresSharedArticles(base, SCHEMA, "pglite").restore(seeds);
    expect(restored.written).toEqual(["Школа.md"]);
    expect(restored.failed).toEqual([expect.stringMatching(/^\.\.\/up\.txt: not an article file name/), expect.stringMatching(/^run\.exe: not an article file name/)]);
    expect(await readdir(seeds)).toEqual(["Школа.md"]);
  });

  it("never reads through a symlink in the folder that bears an upload's name: the link is replaced by the upload", async () => {
    const base = pgliteDatabase(lite);
    await uploadAll(base);
    // Outside the seeds folder, with the upload's very content: read, it looked like the copy,
    // and the link stayed, which the loader skips as leading outside, so the upload went unindexed.
    const outside = await mkdtemp(join(tmpdir(), "rag-outside-"));
    try {
      await writeFile(join(outside, "secret.txt"), ARTICLES["Міст.txt"]!);
      await symlink(join(outside, "secret.txt"), join(seeds, "Міст.txt"));
      const restored = await postgresSharedArticles(base, SCHEMA, "pglite").restore(seeds);
      expect(restored.written).toContain("Міст.txt");
      expect((await lstat(join(seeds, "Міст.txt"))).isSymbolicLink()).toBe(false);
      expect(await readFile(join(seeds, "Міст.txt"), "utf8")).toBe(ARTICLES["Міст.txt"]);
      expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe(ARTICLES["Міст.txt"]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("fills in the hash of the uploads stored before it had one (migration 004)", async () => {
    const db = pgliteDatabase(lite);
    const migrations = await readMigrations();
    await migrate(db, SCHEMA, migrations.filter((m) => m.version < 4)); // a database from before 004
    const bytes = encode(ARTICLES["Порт.txt"]!);
    await db.query(`INSERT INTO "${SCHEMA}".uploaded_articles (file_name, content) VALUES ($1, $2)`, ["Порт.txt", Buffer.from(bytes)]);
    expect(await migrate(db, SCHEMA, migrations.filter((m) => m.version <= 4))).toEqual([4]);
    const hashOf = async () =>
      (await db.query<{ content_sha256: string }>(`SELECT content_sha256 FROM "${SCHEMA}".uploaded_articles WHERE file_name = $1`, ["Порт.txt"])).rows[0]
        ?.content_sha256;
    expect(await hashOf()).toBe(articleHash(bytes));
    // And kept right by a write that does not name it (an instance of an earlier version).
    const changed = encode("Порт прийняв друге судно.");
    await db.query(`UPDATE "${SCHEMA}".uploaded_articles SET content = $2 WHERE file_name = $1`, ["Порт.txt", Buffer.from(changed)]);
    expect(await hashOf()).toBe(articleHash(changed));
  });
});
