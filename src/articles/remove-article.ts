import { lstat, unlink } from "node:fs/promises";
import path from "node:path";
import { NoSuchArticleError } from "../shared/errors.js";
import { isInside, listSeedFiles, type SeedFile } from "./list-article-files.js";
import { hasArticleExtension } from "./save-upload.js";

/** The longest name looked up for removal (a path relative to the seeds folder). */
export const MAX_ARTICLE_NAME = 300;

/**
 * The article files that may be removed: `.txt`/`.md` files under the seeds folder, neither
 * hidden nor reached through a symlink (a link's name is not the file it would delete), with a
 * name `/remove` accepts.
 */
export async function removableArticleFiles(seedsDir: string): Promise<SeedFile[]> {
  return (await listSeedFiles(seedsDir)).filter((f) => f.isArticle && !f.linked && f.id.length <= MAX_ARTICLE_NAME);
}

/**
 * Where the article file `fileName` (an id: the path relative to the seeds folder) lies, checked
 * part by part on disk: only a `.txt`/`.md` file inside the folder, with no hidden part and no
 * symlink on the way, is ever returned. The name comes from a chat message, or from a database
 * row that can be edited by hand. Throws `NoSuchArticleError` otherwise.
 */
export async function findRemovableArticle(seedsDir: string, fileName: string): Promise<string> {
  const refuse = (why: string) => new NoSuchArticleError(`Not removing that file: ${why}.`, "not-allowed");
  if (fileName.length > MAX_ARTICLE_NAME) throw refuse(`the name is longer than ${MAX_ARTICLE_NAME} characters`);
  const parts = fileName.split("/");
  // "." and ".." start with a dot too: no way up, and no hidden file, without touching the disk.
  if (/[\\\p{Cc}]/u.test(fileName) || parts.some((part) => part === "" || part.startsWith("."))) {
    throw refuse("only a path inside the seeds folder, with no hidden parts, can be removed");
  }
  if (!hasArticleExtension(fileName)) throw refuse("not a .txt or .md file");
  const root = path.resolve(seedsDir);
  let current = root;
  for (const [i, part] of parts.entries()) {
    current = path.join(current, part);
    const info = await lstat(current).catch(() => null);
    const last = i === parts.length - 1;
    if (info?.isSymbolicLink()) throw refuse("a symbolic link");
    if (!info || (last ? !info.isFile() : !info.isDirectory())) {
      throw new NoSuchArticleError(`There is no article file "${fileName}" in the seeds folder.`, "missing");
    }
  }
  // Belt and braces: every part was checked above, but never delete outside the folder.
  if (current === root || !isInside(root, current)) throw refuse("outside the seeds folder");
  return current;
}

/** Deletes the article file `fileName` names after `findRemovableArticle`'s checks. Does not re-index. */
export async function removeArticleFile(seedsDir: string, fileName: string): Promise<void> {
  await deleteArticleFile(await findRemovableArticle(seedsDir, fileName), fileName);
}

/** Deletes `file`, which `findRemovableArticle` returned for `fileName`. */
export async function deleteArticleFile(file: string, fileName: string): Promise<void> {
  await unlink(file).catch((error: unknown) => {
    // Deleted by someone else since the check (two admins, or the server's own hands).
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new NoSuchArticleError(`There is no article file "${fileName}" in the seeds folder.`, "missing");
    throw error;
  });
}
