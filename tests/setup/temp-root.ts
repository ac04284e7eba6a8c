import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Vitest global setup: every temporary folder a test run makes (theirs, the bots they spawn,
 * the eval caches) goes under one folder of its own, removed when the run ends; the tests need
 * not each clean up, and a run leaves nothing behind in the system temp folder.
 * Workers and the processes they spawn inherit TMPDIR, which os.tmpdir() reads.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), "article-qa-tests-"));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return async () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    await rm(root, { recursive: true, force: true });
  };
}
