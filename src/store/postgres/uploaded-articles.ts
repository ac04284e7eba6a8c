// Articles uploaded through the bot, kept in the database so that every instance indexes them:
// each instance writes them into its own seeds folder before it builds (start-up, /reindex,
// `npm run ingest`). Without this, an instance whose folder lacks an upload would build an index
// without it and serve that to all. Articles removed through the bot are recorded the same way
// (removed_articles), and each instance deletes its copy before it builds: else an instance
// that still has the file would index it again, or a restore would bring the upload back.
import { randomBytes } from "node:crypto";
import { articleHash } from "../../articles/article-hash.js";
import { promises as fs } from "node:fs";
import path from "node:path";
import { findRemovableArticle } from "../../articles/remove-article.js";
import { sanitizeFileName } from "../../articles/save-upload.js";
import { NoSuchArticleError } from "../../shared/errors.js";
import type { Logger } from "../../shared/logger.js";
import { migrateOnce } from "./migrate.js";
import { quoteIdent } from "./namespace.js";
import { explainConnectionError, namingDatabase } from "./postgres-store.js";
import type { SqlDatabase } from "./sql-database.js";

/** Uploads shared by every process on one database (see the top of this file). */
export interface SharedArticles {
  /** Stores (or replaces) an upload that was just saved into this process's seeds folder; a removal of that name is forgotten. */
  save(fileName: string, bytes: Uint8Array): Promise<void>;
  /** Forgets the upload of `fileName` (an article id), if any, and records its removal (with what it held) for every instance. */
  remove(fileName: string, content: Uint8Array): Promise<void>;
  /**
   * Deletes the removed articles still in `seedsDir` (copies with the removed content only) and
   * writes the stored uploads missing or different there; returns the names of both, and what
   * could not be carried out (a file this user may not delete, a name edited by hand in the
   * table: the start goes on).
   */
  restore(seedsDir: string): Promise<Restored>;
}

export interface Restored {
  written: string[];
  removed: string[];
  /** "name: why" for each removed article whose copy could not be deleted, and each stored upload whose name is no article file's. */
  failed: string[];
}

/** Restores the shared articles into `seedsDir` (SharedArticles.restore) and logs what changed there. */
export async function restoreSharedArticles(shared: SharedArticles, seedsDir: string, logger: Logger): Promise<void> {
  const { written, removed, failed } = await shared.restore(seedsDir);
  if (written.length > 0) logger.info({ files: written }, "articles uploaded through the bot written into the seeds folder");
  if (removed.length > 0) logger.info({ files: removed }, "articles removed through the bot deleted from the seeds folder");
  if (failed.length > 0) logger.warn({ files: failed }, "shared articles the seeds folder could not be brought in line with (each with its reason): removed ones stay indexed here, skipped uploads are not");
}

/**
 * `database`: how to name it in messages (no password), e.g. `postgres://u@host:5432/db`.
 * `migrations`: where the schema is migrated, when `db` limits its statements (a migration may
 * rightly take longer); pgvector's version is read on `db`.
 */
export function postgresSharedArticles(db: SqlDatabase, schema: string, database: string, migrations: SqlDatabase = db): SharedArticles {
  const table = `${quoteIdent(schema)}.uploaded_articles`;
  const removals = `${quoteIdent(schema)}.removed_articles`;
  // The first use of the database at start-up (ingest restores the uploads before anything else):
  // an unreachable one is reported as such, naming DATABASE_URL, like the index store does.
  const prepared = () =>
    migrateOnce(migrations, schema, db).catch((error: unknown) => {
      throw explainConnectionError(error, database);
    });
  // A database down or gone silent later (/remove's listing, an upload, a removal) is named the
  // same way: a raw ECONNREFUSED or time-out is no message for the admin.
  return {
    save: (fileName, bytes) => namingDatabase(save(fileName, bytes), database),
    remove: (fileName, content) => namingDatabase(remove(fileName, content), database),
    restore: (seedsDir) => namingDatabase(restore(seedsDir), database),
  };

  async function save(fileName: string, bytes: Uint8Array): Promise<void> {
    await prepared();
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO ${table} (file_name, content) VALUES ($1, $2) ON CONFLICT (file_name) DO UPDATE SET content = excluded.content, uploaded_at = now()`,
        [fileName, Buffer.from(bytes)],
      );
      await tx.query(`DELETE FROM ${removals} WHERE file_name = $1`, [fileName]);
    });
  }

  async function remove(fileName: string, content: Uint8Array): Promise<void> {
    await prepared();
    await db.transaction(async (tx) => {
      await tx.query(`DELETE FROM ${table} WHERE file_name = $1`, [fileName]);
      await tx.query(
        `INSERT INTO ${removals} (file_name, content_sha256) VALUES ($1, $2)
         ON CONFLICT (file_name) DO UPDATE SET content_sha256 = excluded.content_sha256, removed_at = now()`,
        [fileName, articleHash(content)],
      );
    });
  }

  async function restore(seedsDir: string): Promise<Restored> {
    await prepared();
    // Both tables read in one transaction, so an upload and a removal of one name committed
    // meanwhile are seen together (a name is in one table at most). Names and hashes only
    // (migrations/004): an upload's content is read below, one at a time, and only when this
    // folder's copy is missing or different, not every upload's on each start and re-index.
    const { gone, rows } = await db.transaction(async (tx) => ({
      gone: (await tx.query<{ file_name: string; content_sha256: string }>(`SELECT file_name, content_sha256 FROM ${removals} ORDER BY file_name`)).rows,
      rows: (await tx.query<{ file_name: string; content_sha256: string }>(`SELECT file_name, content_sha256 FROM ${table} ORDER BY file_name`)).rows,
    }));
    const removed: string[] = [];
    const failed: string[] = [];
    for (const { file_name: name, content_sha256: removedHash } of gone) {
      try {
        // The same checks as /remove: the table can be edited by hand too.
        const file = await findRemovableArticle(seedsDir, name);
        // Other content under that name is another article (put there since): kept.
        if (articleHash(await fs.readFile(file)) !== removedHash) continue;
        await fs.unlink(file);
        removed.push(name);
      } catch (error) {
        if (error instanceof NoSuchArticleError && error.reason === "missing") continue;
        failed.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const dir = path.resolve(seedsDir);
    const written: string[] = [];
    for (const row of rows) {
      // Names were sanitized on upload; checked again, as the table can be edited by hand. A bad
      // one is skipped and named, not thrown: it would stop the start or re-index with it.
      if (!isSafeName(row.file_name)) {
        failed.push(`${row.file_name}: not an article file name (.txt or .md, no folders); skipped`);
        continue;
      }
      const target = path.join(dir, row.file_name);
      // Only a plain file is read: a symlink of that name may lead out of the folder (nothing
      // outside it is read), and left in place the loader would skip it and the upload with it.
      const isFile = await fs.lstat(target).then((info) => info.isFile(), () => false);
      const current = isFile ? await fs.readFile(target).catch(() => null) : null;
      if (current && articleHash(current) === row.content_sha256) continue;
      // Read now, after the listing: an upload removed meanwhile is not brought back (its
      // removal is carried out by the next restore), one replaced meanwhile is written as it is now.
      const fetched = (await db.query<{ content: Buffer | Uint8Array }>(`SELECT content FROM ${table} WHERE file_name = $1`, [row.file_name])).rows[0];
      if (!fetched) continue;
      const content = Buffer.from(fetched.content);
      if (current?.equals(content)) continue;
      await fs.mkdir(dir, { recursive: true });
      const temp = path.join(dir, `.upload-${randomBytes(6).toString("hex")}.tmp`);
      await fs.writeFile(temp, content);
      await fs.rename(temp, target);
      written.push(row.file_name);
    }
    return { written, removed, failed };
  }
}

/** Whether `name` is a file name an upload could have been saved under (see sanitizeFileName). */
function isSafeName(name: string): boolean {
  try {
    return sanitizeFileName(name) === name;
  } catch {
    return false;
  }
}
