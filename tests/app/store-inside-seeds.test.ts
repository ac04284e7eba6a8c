// An index folder inside the articles folder (SEEDS_DIR=/data, VECTORSTORE_DIR=/data/index, one
// volume) had its own files listed as articles: each build's new version made the index stale
// again, so every start, ask and ingest built it anew, and listed the index's files as skipped.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../src/app/create-app.js";
import { loadConfig } from "../../src/config/config.js";
import { ConfigError } from "../../src/shared/errors.js";
import { silentLogger } from "../../src/shared/logger.js";
import { useTempSeeds } from "../helpers/temp-seeds.js";

const temp = useTempSeeds();

describe("an index folder inside the articles folder", () => {
  it("is refused before anything is built, naming both settings", async () => {
    const store = join(temp.seeds, "index");
    const config = { ...loadConfig({ SEEDS_DIR: temp.seeds, VECTORSTORE_DIR: store }) };
    const run = ingest(config, { logger: silentLogger });
    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(`VECTORSTORE_DIR "${store}" is inside the articles folder (SEEDS_DIR "${temp.seeds}")`);
    await expect(ingest({ ...config, vectorstoreDir: temp.seeds }, { logger: silentLogger })).rejects.toThrow(/is inside the articles folder/);
  });

  it("beside it, or with a name that only starts like it, is fine", async () => {
    await mkdir(join(temp.root, "seeds-index"), { recursive: true });
    await writeFile(join(temp.seeds, "extra.txt"), "Extra article\n\nSome words here.");
    const summary = await ingest(loadConfig({ SEEDS_DIR: temp.seeds, VECTORSTORE_DIR: `${temp.seeds}-index` }), { logger: silentLogger });
    expect(summary.articles).toBeGreaterThan(0);
  });
});
