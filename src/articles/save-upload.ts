import { createHash, randomBytes } from "node:crypto";
import { constants, promises as fs, type Stats } from "node:fs";
import path from "node:path";
import { UploadError } from "../shared/errors.js";
import { checkArticle } from "./check-article.js";

/** Extensions accepted as articles. */
export const UPLOAD_EXTENSIONS = [".txt", ".md"] as const;


export interface SavedUpload {
  /** The sanitized name the file was saved under (directly inside the seeds folder). */
  fileName: string;
  path: string;
  /**
   * True when a file with that name existed and was replaced (or a link to one). A dangling link,
   * or one to a folder, held no article: the upload is a new one, said so to the admin.
   */
  replaced: boolean;
  /**
   * What was at that name, when asked for (`keepPrevious`): `undoUpload` puts it back. For a
   * symlink, where it leads: never read through (it may lead out of the seeds folder).
   */
  previous?: Buffer | { link: string };
}

const MAX_NAME = 100;
// A name's limit on Linux file systems (ext4, xfs, btrfs) is 255 bytes, not characters: 100
// CJK characters take 300 in UTF-8, and the upload failed with ENAMETOOLONG and an apology.
const MAX_NAME_BYTES = 255;

/** True for names that end in an accepted extension (case-insensitive). */
export function hasArticleExtension(fileName: string): boolean {
  const ext = path.extname(fileName).toLowerCase();
  return (UPLOAD_EXTENSIONS as readonly string[]).includes(ext);
}

/**
 * An uploaded file's name without its folders and without trailing spaces and dots: Windows drops
 * those from a name ("i.md." is i.md there) and a space typed after an extension is not seen, so
 * the admin sent "i.md"; read as given, it was refused as not a .txt or .md file.
 */
function uploadBaseName(fileName: string): string {
  return (fileName.split(/[/\\]/).pop() ?? "").replace(/[\s.]+$/u, "");
}

/**
 * Why an uploaded file's name cannot be an article's, or null: "no-name" for an extension alone
 * (".md", which `path.extname` reads as a hidden file with no extension), "bad-type" for any
 * other extension.
 */
export function uploadNameProblem(fileName: string): "bad-type" | "no-name" | null {
  const base = uploadBaseName(fileName);
  if ((UPLOAD_EXTENSIONS as readonly string[]).includes(base.trim().toLowerCase())) return "no-name";
  return hasArticleExtension(base) ? null : "bad-type";
}

/**
 * A file name that is safe to create inside the seeds folder: no directories (`../../x.txt` →
 * `x.txt`), no trailing spaces or dots (`x.md.` → `x.md`), no hidden files, no control or
 * shell-unfriendly characters, at most 100 characters and 255 bytes, a lowercase `.txt`/`.md`
 * extension; a name with nothing left (emoji only) becomes `article-<hash of it>`. Throws
 * `UploadError` ("bad-type" for other extensions, "no-name" for an extension alone).
 */
export function sanitizeFileName(original: string): string {
  const base = uploadBaseName(original);
  const ext = path.extname(base).toLowerCase();
  const problem = uploadNameProblem(base);
  if (problem === "no-name") throw new UploadError(`"${original}" has no name before its extension.`, "no-name");
  if (problem === "bad-type") throw new UploadError(`"${original}" is not a .txt or .md file.`, "bad-type");
  const given = base.slice(0, base.length - ext.length).normalize("NFC");
  let stem = given
    .replace(/[^\p{L}\p{N}._ -]+/gu, "_")
    .replace(/\s+/g, " ")
    .replace(/_+/g, "_")
    .replace(/^[\s._-]+/, "") // no hidden files, no leading dashes (read as options by shell tools)
    .trim();
  const chars = Array.from(stem).slice(0, MAX_NAME - ext.length);
  while (Buffer.byteLength(chars.join("") + ext) > MAX_NAME_BYTES) chars.pop();
  stem = chars.join("").trim();
  // Nothing left of the name ("🎉.md", "...txt"): one fixed name for all of them made each such
  // upload replace the one before. Named after what was given, the same file sent again still
  // replaces itself.
  return `${stem || `article-${createHash("sha256").update(given).digest("hex").slice(0, 8)}`}${ext}`;
}

/**
 * Checks an uploaded article (extension, size, non-empty, strict UTF-8) and writes it into
 * `seedsDir` under a sanitized name, atomically (temp file + rename). An existing file of the
 * same name (up to case and Unicode form) is replaced, and `replaced` says so; with `keepPrevious`,
 * what it held is read first (a file that cannot be read is then not replaced) and returned.
 */
export async function saveUpload(options: {
  seedsDir: string;
  fileName: string;
  bytes: Uint8Array;
  maxBytes: number;
  keepPrevious?: boolean;
}): Promise<SavedUpload> {
  const { seedsDir, bytes, maxBytes } = options;
  const sanitized = sanitizeFileName(options.fileName);
  checkContent(bytes, sanitized, maxBytes);

  const dir = path.resolve(seedsDir);
  await fs.mkdir(dir, { recursive: true });
  const fileName = await sameFileName(dir, sanitized);
  const target = path.join(dir, fileName);
  // Belt and braces: the sanitized name has no separators, but never write outside the folder.
  if (path.dirname(target) !== dir) throw new UploadError(`Refusing to write outside ${dir}.`, "bad-type");

  const existing = await fs.lstat(target).catch(() => null);
  const kept = existing !== null && (existing.isFile() || existing.isSymbolicLink());
  const replaced = kept && (existing.isFile() || (await leadsToFile(target)));
  // Read before the rename, which leaves nothing of it to read. A link is kept as a link: read
  // through, a link leading out of the folder had its target's content written back as an article.
  const previous = kept && options.keepPrevious ? await keptAsIs(target, existing) : undefined;
  await writeAtomically(target, bytes);
  return { fileName, path: target, replaced, ...(previous ? { previous } : {}) };
}

/** Whether a symlink leads to a file (only looked up, never read). */
function leadsToFile(link: string): Promise<boolean> {
  return fs.stat(link).then(
    (info) => info.isFile(),
    () => false,
  );
}

/** A file's bytes, or where a symlink leads (O_NOFOLLOW: a file swapped for a link since is not read through). */
async function keptAsIs(target: string, info: Stats): Promise<Buffer | { link: string }> {
  if (info.isSymbolicLink()) return { link: await fs.readlink(target) };
  return fs.readFile(target, { flag: constants.O_RDONLY | constants.O_NOFOLLOW });
}

/**
 * Leaves the folder as it was before `saveUpload`: the file it replaced put back as it was (it
 * must have been saved with `keepPrevious`), or the new file deleted.
 */
export async function undoUpload(saved: SavedUpload): Promise<void> {
  // A dangling link is put back too: not `replaced` (no article), but the folder held it.
  if (saved.previous) return writeAtomically(saved.path, saved.previous);
  if (saved.replaced) throw new Error(`What "${saved.fileName}" held before the upload was not kept: it cannot be put back.`);
  await fs.rm(saved.path, { force: true });
}

/** Writes `target` (bytes, or a symlink) through a temp file beside it: a reader sees the old content or the new, never part. */
async function writeAtomically(target: string, content: Uint8Array | { link: string }): Promise<void> {
  const temp = path.join(path.dirname(target), `.upload-${randomBytes(6).toString("hex")}.tmp`);
  try {
    if (content instanceof Uint8Array) await fs.writeFile(temp, content, { flag: "wx" });
    else await fs.symlink(content.link, temp);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/**
 * The name of the file in `dir` that `fileName` means: itself when it exists, else the one file
 * whose name differs only in case or Unicode form ("Bees.md" for bees.md, an NFC name for a file
 * named in NFD on macOS), which the upload replaces, as it would on Windows or macOS; saved beside
 * it, the old version went on being indexed and cited next to the new one. With two such files
 * which one is meant cannot be told: `fileName` itself then.
 */
async function sameFileName(dir: string, fileName: string): Promise<string> {
  const folded = (name: string): string => name.normalize("NFC").toLowerCase();
  const files = (await fs.readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  if (files.includes(fileName)) return fileName;
  const alike = files.filter((name) => folded(name) === folded(fileName));
  return alike.length === 1 && alike[0] !== undefined ? alike[0] : fileName;
}

/** Throws `UploadError` unless `bytes` would be indexed as an article (the loader's own check). */
export function checkContent(bytes: Uint8Array, fileName: string, maxBytes: number): void {
  const checked = checkArticle(bytes, fileName, maxBytes);
  if (!("reason" in checked)) return;
  // A NUL byte means binary data: for the person uploading, "not UTF-8 text".
  const problem = checked.problem === "binary" ? "not-utf8" : checked.problem;
  throw new UploadError(`The file cannot be an article: ${checked.reason}.`, problem);
}
