import { articleHash } from "./article-hash.js";
import { readFile } from "node:fs/promises";
import type { Article, SkipCode, SkippedFile } from "./article.js";
import { listSeedFiles, type SeedFile } from "./list-article-files.js";
import { checkArticle } from "./check-article.js";

/** What one pass over the seeds folder produced. */
export interface LoadedArticles {
  articles: Article[];
  skipped: SkippedFile[];
  /** Every file seen (articles and skipped), for the staleness check. */
  files: SeedFile[];
}

/** Reads every `.txt`/`.md` under `seedsDir`; bad files are skipped with a one-line reason, never fatal. */
export async function loadArticles(
  seedsDir: string,
  opts: { maxBytes: number; onProgress?: (done: number, total: number) => void },
): Promise<LoadedArticles> {
  const files = await listSeedFiles(seedsDir);
  const articles: Article[] = [];
  const skipped: SkippedFile[] = [];
  opts.onProgress?.(0, files.length);
  for (const [i, file] of files.entries()) {
    const result = await readArticle(file, opts.maxBytes);
    if ("reason" in result) skipped.push(result);
    else articles.push(result);
    opts.onProgress?.(i + 1, files.length);
  }
  return { articles, skipped, files };
}

/** Reads and parses one seed file, or says why it cannot be indexed. */
export async function readArticle(file: SeedFile, maxBytes: number): Promise<Article | SkippedFile> {
  const skip = (code: SkipCode, reason: string, details: Pick<SkippedFile, "size" | "limit" | "error"> = {}): SkippedFile => ({ file: file.id, reason, code, ...details });
  if (file.outside) return skip("outside", "a symlink to outside the seeds folder (not read)");
  if (!file.isArticle) return skip("not-article", "not a .txt or .md file");
  if (file.size > maxBytes) return skip("too-large", `too large: ${file.size} bytes, the limit is ${maxBytes} (MAX_ARTICLE_BYTES)`, { size: file.size, limit: maxBytes });
  let bytes: Buffer;
  try {
    bytes = await readFile(file.path);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return skip("unreadable", `unreadable: ${why}`, { error: why });
  }
  const checked = checkArticle(bytes, file.id, maxBytes);
  if ("reason" in checked) return skip(checked.problem, checked.reason, checked.problem === "too-large" ? { size: bytes.byteLength, limit: maxBytes } : {});
  return { id: file.id, ...checked.parsed, hash: articleHash(bytes) };
}
