// The bot's start-up build (a missing or stale index) runs through the knowledge base's `rebuild`,
// in a child process for the bot, like /reindex: on the bot's thread a first build of 16,600
// chunks left /healthz (and the signal handlers) unanswered for 6.5 s, for minutes at 100,000.
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { createAnswerer } from "../../src/app/create-answerer.js";
import { createApp, createConfiguredEmbedder, createConfiguredStore } from "../../src/app/create-app.js";
import { startHealthServer } from "../../src/app/health-server.js";
import { reindexInChild } from "../../src/app/reindex-in-child.js";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import type { IngestProgress } from "../../src/ingest/ingest-summary.js";
import { openKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { silentLogger } from "../../src/shared/logger.js";
import { SUMMARY } from "../helpers/index-fixtures.js";
import { useTempSeeds } from "../helpers/temp-seeds.js";

/** How long the build holds its thread: the event loop of whichever process builds. */
const BUSY_MS = 5_000;

const temp = useTempSeeds();

async function parts(storeDir: string) {
  const cfg = { ...temp.config, vectorstoreDir: storeDir };
  return {
    seedsDir: cfg.seedsDir,
    maxArticleBytes: cfg.maxArticleBytes,
    store: createConfiguredStore(cfg, silentLogger),
    embedder: await createConfiguredEmbedder(cfg),
    answerer: await createAnswerer(cfg, silentLogger),
    logger: silentLogger,
  };
}

describe("the start-up build", () => {
  it("goes through the given rebuild, with the progress callback", async () => {
    const deps = await parts(join(temp.root, "store-rebuild"));
    const rebuild = vi.fn((onProgress?: (p: IngestProgress) => void) => buildIndex({ ...deps, store: deps.store, ...(onProgress ? { onProgress } : {}) }));
    const onProgress = vi.fn();
    const kb = await openKnowledgeBase({ ...deps, rebuild, onProgress });
    expect(rebuild).toHaveBeenCalledTimes(1);
    expect(rebuild).toHaveBeenCalledWith(onProgress);
    expect(onProgress).toHaveBeenCalled();
    expect(kb.info().articles).toBe(3);
  });

  it("that fails in its child (a stale index) still leaves the last good index serving, with the warning", async () => {
    const store = join(temp.root, "store-fallback");
    const before = (await createApp({ ...temp.config, vectorstoreDir: store }, { logger: silentLogger })).info().version;
    await writeFile(join(temp.config.seedsDir, "new.txt"), "Нова стаття про виставку квітів у Києві відкрилася в суботу.");
    try {
      const warn = vi.fn();
      const deps = await parts(store);
      const rebuild = reindexInChild({ ...temp.config, vectorstoreDir: store, seedsDir: join(temp.root, "no-such-folder") });
      const kb = await openKnowledgeBase({ ...deps, logger: { ...silentLogger, warn } as typeof silentLogger, rebuild });
      expect(kb.info().version).toBe(before);
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ err: expect.stringMatching(/no-such-folder/) }), expect.stringMatching(/could not be rebuilt; serving the last good index/));
    } finally {
      await rm(join(temp.config.seedsDir, "new.txt"));
    }
  });

  it("in a child process leaves the event loop free: /healthz answers 'starting' at once while it builds, and its progress arrives", async () => {
    // A good index, then a new article: the start finds it stale and builds.
    const store = join(temp.root, "store-child");
    await createApp({ ...temp.config, vectorstoreDir: store }, { logger: silentLogger });
    await writeFile(join(temp.config.seedsDir, "new.txt"), "Нова стаття про виставку квітів у Києві відкрилася в суботу.");
    // A worker that reports progress, then holds its thread as a long build does, and says when it let go.
    const worker = join(temp.root, "busy-worker.mjs");
    await writeFile(
      worker,
      `process.once("message", () => process.send({ type: "progress", progress: { phase: "embed", done: 0, total: 1 } }, () => {
  const until = Date.now() + ${BUSY_MS};
  while (Date.now() < until) {}
  process.send({ type: "progress", progress: { phase: "embed", done: 1, total: 1 } });
  process.send({ type: "summary", summary: ${JSON.stringify(SUMMARY)} }, () => process.disconnect());
}));\n`,
    );
    const deps = await parts(store);
    /** Whether the build has let go of its thread (whichever process it held). */
    let busyOver = false;
    // Built on this thread instead (the fault this guards against), the build would hold it as long.
    const busy: Embedder = {
      ...deps.embedder,
      embeddings: Object.assign(Object.create(deps.embedder.embeddings), {
        embedDocuments: async (texts: string[]) => {
          const until = Date.now() + BUSY_MS;
          while (Date.now() < until) {}
          busyOver = true;
          return deps.embedder.embeddings.embedDocuments(texts);
        },
      }),
    };
    const health = await startHealthServer(0, "127.0.0.1");
    try {
      let probe: Promise<{ status: number; body: string; during: boolean }> | undefined;
      const phases: string[] = [];
      const opening = openKnowledgeBase({
        ...deps,
        embedder: busy,
        rebuild: reindexInChild({ ...temp.config, vectorstoreDir: store }, { worker }),
        onProgress: (p) => {
          phases.push(p.phase);
          if (p.phase === "embed" && p.done === p.total) busyOver = true;
          // As the embedding starts: what a container's probe sees during the build.
          if (p.phase !== "embed") return;
          probe ??= (async () => {
            const response = await fetch(`http://127.0.0.1:${health.port}/healthz`);
            const body = await response.text();
            return { status: response.status, body, during: !busyOver };
          })();
        },
      });
      const kb = await opening;
      expect(phases).toContain("embed");
      const answer = await probe;
      // Answered while the build held its thread (5 s, generous for a loaded machine), so not this
      // one's: built on this thread, the answer could only come after it let go.
      expect(answer).toMatchObject({ status: 503, body: "starting\n", during: true });
      expect(kb.info().articles).toBe(3);
    } finally {
      await health.close();
      await rm(join(temp.config.seedsDir, "new.txt"));
    }
  });
});
