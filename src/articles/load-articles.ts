import { articleHash } from "./article-hash.js";
import { readFile } from "node:fs/promises";
import { type Article, type ArticleWarning, MAX_URL, type SkipCode, type SkippedFile } from "./article.js";
import { listingOf, listSeedFiles, type NotRead, type SeedFile, type SeedsListing, type SeedsSetting } from "./list-article-files.js";
import { checkArticle } from "./check-article.js";
import { cleanDisplayText } from "./parse-article.js";

// Seed files read at once.
const READS_AT_ONCE = 16;

// Longest header value (date, url) quoted in a warning.
const MAX_QUOTED = 40;

/** What one pass over the seeds folder produced. */
export interface LoadedArticles {
  articles: Article[];
  skipped: SkippedFile[];
  /** Articles indexed with a problem in their header (an impossible date, a url that is no link). */
  warnings: ArticleWarning[];
  /** Every file seen (articles and skipped), for the staleness check. */
  files: SeedFile[];
}

// Why an entry that is no file to read is skipped (see SeedFile.notRead).
const NOT_READ_REASONS: Record<NotRead, string> = {
  "dangling-link": "a symlink to nothing: its target does not exist",
  "link-loop": "a symlink loop: the links lead back to each other, never to a file",
  "not-regular": "not a regular file (a pipe, socket or device; not read)",
};

/** Reads a seed file's bytes (`readFile`; tests inject one that fails, as for a file with mode 000 not read as root). */
export type ReadSeedFile = (path: string) => Promise<Buffer>;

/** Reads every `.txt`/`.md` under `seedsDir`; bad files are skipped with a one-line reason, never fatal. */
export async function loadArticles(
  seedsDir: string,
  opts: { maxBytes: number; onProgress?: (done: number, total: number) => void; readFile?: ReadSeedFile } & SeedsListing & SeedsSetting,
): Promise<LoadedArticles> {
  const files = await listSeedFiles(seedsDir, listingOf(opts));
  opts.onProgress?.(0, files.length);
  // A few files read at once: one at a time, each read's open, stat, read and close waited on in
  // turn, reading 33,000 small files took ~7 s of waiting at 100,000 chunks, half as much this way.
  // Parsing stays one file at a time, and the results in the files' order.
  const results: Awaited<ReturnType<typeof readArticle>>[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const reader = async () => {
    while (next < files.length) {
      const i = next++;
      results[i] = await readArticle(files[i]!, opts.maxBytes, opts.readFile);
      opts.onProgress?.(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, files.length) }, reader));
  const articles: Article[] = [];
  const skipped: SkippedFile[] = [];
  const warnings: ArticleWarning[] = [];
  for (const result of results) {
    if ("reason" in result) {
      skipped.push(result);
    } else {
      articles.push(result.article);
      warnings.push(...result.warnings);
    }
  }
  return { articles, skipped, warnings, files };
}

/** Reads and parses one seed file (with what is wrong in its header), or says why it cannot be indexed. */
export async function readArticle(file: SeedFile, maxBytes: number, read: ReadSeedFile = readFile): Promise<{ article: Article; warnings: ArticleWarning[] } | SkippedFile> {
  const skip = (code: SkipCode, reason: string, details: Pick<SkippedFile, "size" | "limit" | "error"> = {}): SkippedFile => ({ file: file.id, reason, code, ...details });
  if (file.outside) return skip("outside", "a symlink to outside the seeds folder (not read)");
  if (file.hiddenTarget) return skip("hidden", "a symlink to a hidden file or folder of the seeds folder (not read)");
  if (file.notRead) return skip(file.notRead, NOT_READ_REASONS[file.notRead]);
  if (file.unresolvedLink) {
    // As a file that cannot be read is skipped ("unreadable: EACCES"), saying it is a link's target.
    const why = file.unresolvedLink;
    return skip("unreadable", `unreadable: ${why} (a symlink whose target this process cannot reach; not read)`, { error: why });
  }
  if (file.unreadableFolder) {
    const why = file.unreadableFolder;
    return skip("unreadable", `cannot read the folder (${why}); the articles indexed from it before are kept`, { error: why });
  }
  if (!file.isArticle) return skip("not-article", "not a .txt or .md file");
  if (file.size > maxBytes) return skip("too-large", `too large: ${file.size} bytes, the limit is ${maxBytes} (MAX_ARTICLE_BYTES)`, { size: file.size, limit: maxBytes });
  let bytes: Buffer;
  try {
    bytes = await read(file.path);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return skip("unreadable", `unreadable: ${why}`, { error: why });
  }
  const checked = checkArticle(bytes, file.id, maxBytes);
  if ("reason" in checked) return skip(checked.problem, checked.reason, checked.problem === "too-large" ? { size: bytes.byteLength, limit: maxBytes } : {});
  const { unreadDate, unreadUrl, unreadHeader, ...parsed } = checked.parsed;
  const article = { id: file.id, ...parsed, hash: articleHash(bytes) };
  const warnings: ArticleWarning[] = [];
  if (unreadDate !== undefined) warnings.push(dateWarning(file.id, unreadDate));
  if (unreadHeader !== undefined) warnings.push(headerWarning(file.id, unreadHeader.line));
  if (unreadUrl !== undefined) warnings.push(urlWarning(file.id, unreadUrl));
  return { article, warnings };
}

function dateWarning(file: string, given: string): ArticleWarning {
  const date = quote(given);
  const undated = "indexed without a date, so it is missing from /latest and questions about dates";
  const reason = date ? `the date "${date}" is not a real YYYY-MM-DD date; ${undated}` : `the date is empty (write it as YYYY-MM-DD); ${undated}`;
  return { file, reason, code: "bad-date", date };
}

function urlWarning(file: string, given: string): ArticleWarning {
  const url = quote(given);
  const reason = `the url "${url}" is not an http:// or https:// link of at most ${MAX_URL} characters; indexed without a link`;
  return { file, reason, code: "bad-url", url };
}

function headerWarning(file: string, badLine: string | undefined): ArticleWarning {
  const indexed = "indexed as plain text, without its date and link";
  if (badLine === undefined) return { file, reason: `the header is not read: it has no closing "---" line; ${indexed}`, code: "unread-header" };
  const line = quote(badLine);
  return { file, reason: `the header between the "---" lines is not read: its line "${line}" is no "key: value" line; ${indexed}`, code: "unread-header", line };
}

// A header value as a warning quotes it: one line, cut short (a front matter value can be a whole sentence).
function quote(given: string): string {
  const value = cleanDisplayText(given);
  return value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
}
