// Articles uploaded through the bot, kept in the database so that every instance indexes them:
// each instance writes them into its own seeds folder before it builds (start-up, /reindex,
// `npm run ingest`). Without this, an instance whose folder lacks an upload would build an index
// without it and serve that to all.
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { sanitizeFileName } from "../../articles/save-upload.js";
import { migrateOnce } from "./migrate.js";
import { quoteIdent } from "./namespace.js";
import { explainConnectionError } from "./postgres-store.js";
import type { SqlDatabase } from "./sql-database.js";

/** Uploads shared by every process on one database (see the top of this file). */
export interface SharedArticles {
  /** Stores (or replaces) an upload that was just saved into this process's seeds folder. */
  save(fileName: string, bytes: Uint8Array): Promise<void>;
  /** Writes the stored uploads missing or different in `seedsDir`; returns their names. */
  restore(seedsDir: string): Promise<string[]>;
}

/** `database`: how to name it in messages (no password), e.g. `postgres://u@host:5432/db`. */
export function postgresSharedArticles(db: SqlDatabase, schema: string, database: string): SharedArticles {
  const table = `${quoteIdent(schema)}.uploaded_articles`;
  // The first use of the database at start-up (ingest restores the uploads before anything else):
  // an unreachable one is reported as such, naming DATABASE_URL, like the index store does.
  const prepared = () =>
    migrateOnce(db, schema).catch((error: unknown) => {
      throw explainConnectionError(error, database);
    });
  return {
    async save(fileName, bytes) {
      await prepared();
      await db.query(
        `INSERT INTO ${table} (file_name, content) VALUES ($1, $2) ON CONFLICT (file_name) DO UPDATE SET content = excluded.content, uploaded_at = now()`,
        [fileName, Buffer.from(bytes)],
      );
    },
    async restore(seedsDir) {
      await prepared();
      const { rows } = await db.query<{ file_name: string; content: Buffer | Uint8Array }>(`SELECT file_name, content FROM ${table} ORDER BY file_name`);
      const dir = path.resolve(seedsDir);
      const written: string[] = [];
      for (const row of rows) {
        // Names were sanitized on upload; checked again, as the table can be edited by hand.
        if (sanitizeFileName(row.file_name) !== row.file_name) continue;
        const target = path.join(dir, row.file_name);
        const content = Buffer.from(row.content);
        const current = await fs.readFile(target).catch(() => null);
        if (current?.equals(content)) continue;
        await fs.mkdir(dir, { recursive: true });
        const temp = path.join(dir, `.upload-${randomBytes(6).toString("hex")}.tmp`);
        await fs.writeFile(temp, content);
        await fs.rename(temp, target);
        written.push(row.file_name);
      }
      return written;
    },
  };
}
