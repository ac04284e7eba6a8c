// Test helper: a temp seeds folder holding the project's first article plus two short,
// unrelated Ukrainian articles, so retrieval has to pick the right one.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { loadConfig, type Config } from "../../src/config/config.js";

export const SEED_ARTICLE = "000_eb2b5d22429fdfa6.txt";

export const OTHER_ARTICLES: Record<string, string> = {
  "bees.md": `---
title: Бджільництво на Поділлі
date: 2025-06-01
url: https://example.org/bees
---
Пасічники Поділля цього року зібрали рекордний урожай липового меду. Бджолярі пояснюють це теплою весною та дощами в травні.

Найбільша пасіка області налічує понад триста вуликів і розташована біля Кам'янця-Подільського.`,
  "trains.txt": `Укрзалізниця запускає новий нічний потяг зі Львова до Ужгорода. Потяг курсуватиме щодня, а квитки можна купити онлайн.

Вагони оновили: у кожному купе є розетки, а в поїзді працює вагон-ресторан.`,
};

/**
 * Creates a temp folder with `seeds/` (the three articles) and an empty `store/` path; returns
 * both, and the default configuration pointed at them.
 */
export async function makeTempSeeds(): Promise<{ root: string; seeds: string; store: string; config: Config }> {
  const root = await mkdtemp(join(tmpdir(), "rag-test-"));
  const seeds = join(root, "seeds");
  await mkdir(seeds);
  await copyFile(join("seeds", SEED_ARTICLE), join(seeds, SEED_ARTICLE));
  for (const [name, text] of Object.entries(OTHER_ARTICLES)) await writeFile(join(seeds, name), text);
  const store = join(root, "store");
  return { root, seeds, store, config: { ...loadConfig({}), seedsDir: seeds, vectorstoreDir: store } };
}

/**
 * makeTempSeeds for a test file that makes a folder for each instance it opens: every folder made
 * is removed after the file's tests, so that a test failing half-way leaves none behind.
 */
export function tempSeedsRemovedAfterAll(): typeof makeTempSeeds {
  const roots: string[] = [];
  afterAll(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true });
  });
  return async () => {
    const made = await makeTempSeeds();
    roots.push(made.root);
    return made;
  };
}

/**
 * makeTempSeeds for all of a test file's tests: made before them, removed after. Read its fields
 * inside the tests (they are set once the file's first beforeAll ran).
 */
export function useTempSeeds(): Awaited<ReturnType<typeof makeTempSeeds>> {
  const temp = {} as Awaited<ReturnType<typeof makeTempSeeds>>;
  beforeAll(async () => {
    Object.assign(temp, await makeTempSeeds());
  });
  afterAll(async () => {
    if (temp.root) await rm(temp.root, { recursive: true, force: true });
  });
  return temp;
}
