// With the default file store, a running bot serves what a separate `npm run ingest` built
// (CURRENT switched to a new version folder), without a restart or /reindex.
import { execFileSync } from "node:child_process";
import { open, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createApp, ingest } from "../../src/app/create-app.js";
import { silentLogger } from "../../src/shared/logger.js";
import { useTempSeeds } from "../helpers/temp-seeds.js";

const temp = useTempSeeds();

const QUESTION = "Коли відкрили новий міст через Дніпро?";

describe("a bot on the file store", () => {
  it("serves an article a separate ingest added, once the follow interval passed", async () => {
    expect(temp.config.databaseUrl).toBeFalsy();
    const kb = await createApp(temp.config, { logger: silentLogger, followVersionsMs: 50 });
    const before = kb.info().version;
    expect((await kb.ask(QUESTION)).notFound).toBe(true);

    await writeFile(join(temp.config.seedsDir, "bridge.txt"), " date 2026-03-01 Новий міст через Дніпро відкрили першого березня. Міст має шість смуг руху.");
    // `npm run ingest`: its own store object on the same folder, as another process has.
    const summary = await ingest(temp.config, { logger: silentLogger });
    expect(summary.added).toBe(1);
    expect(summary.version).not.toBe(before);

    await new Promise((r) => setTimeout(r, 80));
    const answer = await kb.ask(QUESTION);
    expect(kb.info().version).toBe(summary.version);
    expect(answer.notFound).toBe(false);
    expect(answer.citations.map((c) => c.articleId)).toContain("bridge.txt");
  });

  // A store folder on a network disk gone silent: reading CURRENT never ends (a FIFO with no
  // writer blocks the same way). Questions are answered from the version held in memory.
  it("answers from the version it holds when reading CURRENT hangs, after a few seconds at most", async () => {
    const kb = await createApp(temp.config, { logger: silentLogger, followVersionsMs: 50 });
    const before = kb.info().version;
    const current = join(temp.config.vectorstoreDir, "CURRENT");
    const fifo = join(temp.config.vectorstoreDir, "CURRENT.fifo");
    execFileSync("mkfifo", [fifo]);
    await rename(fifo, current);
    try {
      await new Promise((r) => setTimeout(r, 80));
      const started = Date.now();
      const answer = await Promise.race([kb.ask(QUESTION), new Promise<"hung">((r) => setTimeout(() => r("hung"), 12_000))]);
      expect(answer).not.toBe("hung");
      expect(Date.now() - started).toBeLessThan(8_000);
      expect(kb.info().version).toBe(before);
    } finally {
      // Lets the blocked read end (EOF), then puts CURRENT back.
      await (await open(current, "w")).close();
      await rm(current);
      await writeFile(current, `${before}\n`);
    }
  }, 20_000);
});
