import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * The index folder `npm run eval` builds for an articles folder when no --store is given, and
 * `npm run train` reads the same sets through: one per folder under the temp dir, reused between
 * runs (and between the two commands), never the project's vectorstore/.
 */
export function evalStoreDir(articlesDir: string): string {
  const key = createHash("sha256").update(resolve(articlesDir)).digest("hex").slice(0, 12);
  return join(tmpdir(), "article-qa-eval", key);
}
