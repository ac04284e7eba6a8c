import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../../src/config/config.js";
import { createApp } from "../../src/app/create-app.js";
import { silentLogger } from "../../src/shared/logger.js";
import { makeTempSeeds } from "../helpers/temp-seeds.js";

// The reader's threshold is its articles' script's; a caller's notFoundThreshold overrides it.
let root: string;
let config: Config;
beforeAll(async () => {
  const temp = await makeTempSeeds();
  root = temp.root;
  config = { ...loadConfig({}), seedsDir: temp.seeds, vectorstoreDir: temp.store };
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("notFoundThreshold", () => {
  const uncovered = "Хто виграв чемпіонат світу з футболу?";
  const covered = "Хто такий Серджіо Гор?";

  it("unset, the trained threshold refuses what the articles do not cover", async () => {
    const kb = await createApp(config, { logger: silentLogger });
    expect((await kb.ask(uncovered)).notFound).toBe(true);
    expect((await kb.ask(covered)).notFound).toBe(false);
  });

  it("0 never refuses, 1 always does, whatever the script's threshold", async () => {
    const never = await createApp(config, { logger: silentLogger, notFoundThreshold: 0 });
    expect((await never.ask(uncovered)).notFound).toBe(false);
    const always = await createApp(config, { logger: silentLogger, notFoundThreshold: 1 });
    expect((await always.ask(covered)).notFound).toBe(true);
  });
});
