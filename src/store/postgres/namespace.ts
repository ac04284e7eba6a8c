import { createHash } from "node:crypto";
import { basename, resolve } from "node:path";

/** The bot's namespace (Postgres schema) when DATABASE_SCHEMA is not set. */
export const DEFAULT_SCHEMA = "article_qa";

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Whether `name` is a schema name the store accepts (lower-case, unquoted-safe, at most 63 bytes),
 * and not the server's own: Postgres refuses to create a `pg_…` schema, and `information_schema`
 * holds its catalog views.
 */
export function isSchemaName(name: string): boolean {
  return SCHEMA_NAME.test(name) && !name.startsWith("pg_") && name !== "information_schema";
}

/** `name` quoted as an identifier (only names that passed `isSchemaName` reach here). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The namespace `npm run eval` uses for an articles folder: `eval_<folder>_<hash of its path>`,
 * so each dev set has its own index and never touches the bot's.
 */
export function evalSchemaName(articlesDir: string): string {
  const path = resolve(articlesDir);
  // "…/uk-squad/articles" says less than "uk-squad": name it after the parent in that case.
  const base = basename(path) === "articles" ? basename(resolve(path, "..")) : basename(path);
  const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40) || "articles";
  const hash = createHash("sha256").update(path).digest("hex").slice(0, 8);
  return `eval_${slug}_${hash}`;
}
