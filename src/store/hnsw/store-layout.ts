import { randomBytes } from "node:crypto";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { writeFileDurably } from "../../shared/durable-write.js";
import { MANIFEST_FILE, parseManifest, type Manifest } from "../manifest.js";

// <store>/CURRENT names the serving version folder; <store>/v-*/ are versions; <store>/cache/ holds embeddings.
const CURRENT = "CURRENT";
const VERSION_DIR = /^v-[\w-]+$/;

/** Subfolder of a version that holds the term index. */
export const TERMS_DIR = "terms";

/** A new, unique, chronologically sortable version folder name. */
export function newVersionName(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.(\d+)Z$/, "$1Z");
  return `v-${stamp}-${randomBytes(3).toString("hex")}`;
}

/** The serving version's folder name, or null when there is none. */
export async function readCurrent(storeDir: string): Promise<string | null> {
  try {
    const name = (await readFile(join(storeDir, CURRENT), "utf8")).trim();
    return VERSION_DIR.test(name) ? name : null;
  } catch {
    return null;
  }
}

/** Points CURRENT at `version` atomically and durably (temp file, fsync, rename over CURRENT, fsync the folder). */
export async function writeCurrent(storeDir: string, version: string): Promise<void> {
  await writeFileDurably(join(storeDir, CURRENT), `${version}\n`);
}

/** Reads and validates a version folder's manifest (throws on missing or invalid). */
export async function readManifest(versionDir: string): Promise<Manifest> {
  return parseManifest(JSON.parse(await readFile(join(versionDir, MANIFEST_FILE), "utf8")));
}

/** The manifest of the serving version, or null when there is none or it cannot be read. */
export async function readServingManifest(storeDir: string): Promise<{ version: string; manifest: Manifest } | null> {
  const version = await readCurrent(storeDir);
  if (!version) return null;
  try {
    return { version, manifest: await readManifest(join(storeDir, version)) };
  } catch {
    return null;
  }
}

/**
 * Deletes version folders older than the newest in `keep` and not in it (old versions and
 * leftovers of crashed builds); newer folders may belong to a build still running elsewhere.
 */
export async function pruneVersions(storeDir: string, keep: ReadonlySet<string>): Promise<void> {
  const newest = [...keep].sort().at(-1) ?? "";
  const entries = await readdir(storeDir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.isDirectory() && VERSION_DIR.test(entry.name) && !keep.has(entry.name) && entry.name < newest) {
      await rm(join(storeDir, entry.name), { recursive: true, force: true });
    }
  }
}
