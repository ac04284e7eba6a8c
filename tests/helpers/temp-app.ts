// Test helper: the app's knowledge base over a temp seeds folder holding a test's own few articles,
// so that a test states only its articles, clock and settings, not the folder set-up around them.
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AppDeps, createApp } from "../../src/app/create-app.js";
import { type Config, loadConfig } from "../../src/config/config.js";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { silentLogger } from "../../src/shared/logger.js";

export interface TempApp {
  kb: LocalKnowledgeBase;
  /** Deletes the temp folder (seeds and index). */
  remove: () => Promise<void>;
}

/**
 * createApp over a temp folder named from `prefix`: its seeds are `articles` (file name → text), or
 * a copy of the folder `articles` names; its index is built beside them. `config` and `deps` are
 * put over the default configuration and a silent logger.
 */
export async function openTempApp(
  prefix: string,
  articles: Record<string, string> | string,
  options: { config?: Partial<Config>; deps?: Omit<AppDeps, "logger"> } = {},
): Promise<TempApp> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const remove = () => rm(root, { recursive: true, force: true });
  try {
    const seeds = join(root, "seeds");
    if (typeof articles === "string") await cp(articles, seeds, { recursive: true });
    else {
      await mkdir(seeds);
      for (const [name, text] of Object.entries(articles)) await writeFile(join(seeds, name), text);
    }
    const config = { ...loadConfig({}), seedsDir: seeds, vectorstoreDir: join(root, "store"), ...options.config };
    return { kb: await createApp(config, { logger: silentLogger, ...options.deps }), remove };
  } catch (error) {
    // A build that fails leaves no folder behind (the test's afterAll has nothing to remove).
    await remove();
    throw error;
  }
}
