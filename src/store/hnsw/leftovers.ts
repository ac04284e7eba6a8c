import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { TEMP_SUFFIX } from "../../shared/durable-write.js";
import { MANIFEST_FILE } from "../manifest.js";
import { readCurrent } from "./store-layout.js";

const VERSION_DIR = /^v-[\w-]+$/;

/**
 * Removes what crashed writers left in a store folder: temp files (`CURRENT.*.tmp`,
 * `cache/*.tmp`) and version folders without a manifest (the manifest is written last) that
 * CURRENT does not name. Only call it holding the write lock: a running writer's files look the
 * same. Returns the removed names, relative to the store.
 */
export async function removeLeftovers(storeDir: string): Promise<string[]> {
  const removed: string[] = [];
  const current = await readCurrent(storeDir);
  for (const entry of await readdir(storeDir, { withFileTypes: true }).catch(() => [])) {
    if (entry.isFile() && entry.name.endsWith(TEMP_SUFFIX)) {
      await rm(join(storeDir, entry.name), { force: true });
      removed.push(entry.name);
    } else if (entry.isDirectory() && VERSION_DIR.test(entry.name) && entry.name !== current) {
      const files = await readdir(join(storeDir, entry.name)).catch(() => [] as string[]);
      if (!files.includes(MANIFEST_FILE)) {
        await rm(join(storeDir, entry.name), { recursive: true, force: true });
        removed.push(`${entry.name}/`);
      }
    }
  }
  for (const name of await readdir(join(storeDir, "cache")).catch(() => [] as string[])) {
    if (!name.endsWith(TEMP_SUFFIX)) continue;
    await rm(join(storeDir, "cache", name), { force: true });
    removed.push(`cache/${name}`);
  }
  return removed;
}
