// Crash-safe file replacement: write a temp file, fsync it, rename it over the target, fsync the
// folder. Without the fsyncs a power loss after the rename can leave the new name pointing at an
// empty or partial file (the rename reached the disk before the data did).
import { randomBytes } from "node:crypto";
import { type FileHandle, open, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Temp files are `<target>.<random>.tmp`: what a crash leaves behind, and what clean-up removes. */
export const TEMP_SUFFIX = ".tmp";

/** Replaces `target` with `data` atomically and durably (see the file comment); the file gets `mode` (less the umask). */
export async function writeFileDurably(target: string, data: string | Buffer | Iterable<Buffer>, mode = 0o666): Promise<void> {
  const temp = `${target}.${randomBytes(4).toString("hex")}${TEMP_SUFFIX}`;
  try {
    const handle = await open(temp, "wx", mode);
    try {
      // writeFile, not write: it retries short writes. Parts one after the other (no concatenated copy).
      for (const part of typeof data === "string" || Buffer.isBuffer(data) ? [data] : data) await handle.writeFile(part);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dirname(target));
}

/**
 * Removes the temp files left beside `targets` by writes a crash cut short (a failed write
 * removes its own); returns their paths. Only while no other process writes the targets (the
 * caller holds their folder's lock): a running write's temp file looks the same.
 */
export async function removeTempFilesOf(targets: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const target of targets) {
    const prefix = `${basename(target)}.`;
    for (const name of await readdir(dirname(target)).catch(() => [] as string[])) {
      const middle = name.slice(prefix.length, -TEMP_SUFFIX.length);
      if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX) || !/^[0-9a-f]{8}$/.test(middle)) continue;
      await rm(join(dirname(target), name), { force: true });
      removed.push(join(dirname(target), name));
    }
  }
  return removed;
}

/** fsyncs every file under `dir`, then the folders themselves (before a pointer is switched to it). */
export async function syncTree(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await syncTree(path);
    else if (entry.isFile()) await syncFile(path);
  }
  await syncFolder(dir);
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a folder's entries (a rename, a new file) durable; a no-op where folders cannot be fsynced. */
export async function syncFolder(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // Some platforms and file systems refuse fsync on a folder (EISDIR, EPERM, EINVAL).
  } finally {
    await handle?.close();
  }
}
