// A bot following the file store's serving version, when CURRENT names a version this binary
// cannot load (another embedder, a newer index format written by newer code): it keeps serving
// the version it holds and says so once per such version, not at every check (every 5 s).
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createExtractiveAnswerer } from "../../src/answers/extractive-answerer.js";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { followServingVersion } from "../../src/knowledge-base/follow-serving-version.js";
import { openKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import { writeCurrent } from "../../src/store/hnsw/store-layout.js";
import type { IndexStore, SearchableIndex } from "../../src/store/index-store.js";
import { MANIFEST_FILE } from "../../src/store/manifest.js";
import { makeTempSeeds, SEED_ARTICLE } from "../helpers/temp-seeds.js";
import { recordingLogger } from "../helpers/recording-logger.js";

const INTERVAL_MS = 20;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const embeddings = new LocalHashEmbeddings({ dims: 64 });
const embedder: Embedder = { id: embeddings.id, embeddings };

describe("a serving version this process cannot load", () => {
  let root: string;
  let seeds: string;
  let dir: string;
  beforeAll(async () => {
    ({ root, seeds, store: dir } = await makeTempSeeds());
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  /** Copies the serving version to `name` with its manifest changed by `edit`, and makes it serving. */
  async function serveUnloadable(from: string, name: string, edit: (manifest: Record<string, unknown>) => void): Promise<void> {
    await cp(join(dir, from), join(dir, name), { recursive: true });
    const manifest = JSON.parse(await readFile(join(dir, name, MANIFEST_FILE), "utf8"));
    edit(manifest);
    await writeFile(join(dir, name, MANIFEST_FILE), JSON.stringify(manifest));
    await writeCurrent(dir, name);
  }

  it("is warned about once per version while the held version answers", async () => {
    const { logger, warnings } = recordingLogger();
    const kb = await openKnowledgeBase({
      seedsDir: seeds,
      maxArticleBytes: 1_000_000,
      store: createHnswStore(dir),
      embedder,
      answerer: createExtractiveAnswerer(),
      logger,
      followVersions: { intervalMs: INTERVAL_MS },
    });
    const held = kb.info().version;
    const askSeveral = async () => {
      for (let i = 0; i < 5; i++) {
        await pause(INTERVAL_MS + 5);
        const answer = await kb.ask("Хто такий Серджіо Гор?");
        expect(answer.citations[0]?.articleId).toBe(SEED_ARTICLE);
      }
    };

    await serveUnloadable(held, "v-29990101T000000000Z-aaaaaa", (m) => {
      m.embedder = { ...(m.embedder as object), id: "another-embedder" };
    });
    await askSeveral();
    expect(kb.info().version).toBe(held);
    expect(warnings()).toEqual([expect.stringMatching(/v-29990101T000000000Z-aaaaaa/)]);

    // Another unloadable version (a newer format): warned about once again.
    await serveUnloadable(held, "v-29990102T000000000Z-bbbbbb", (m) => {
      m.formatVersion = 999;
    });
    await askSeveral();
    expect(kb.info().version).toBe(held);
    expect(warnings()).toHaveLength(2);
    expect(warnings()[1]).toMatch(/v-29990102T000000000Z-bbbbbb/);
  });
});

describe("the warning about an unloadable version", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is repeated after a long quiet spell while the version is still served", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { logger, warnings } = recordingLogger();
    let held = { version: "v1" } as SearchableIndex;
    let loads = 0;
    const store = {
      servingVersion: async () => "v2",
      load: async () => {
        loads++;
        throw new Error("built with another embedder");
      },
    } as unknown as IndexStore;
    const check = followServingVersion({
      store,
      embedder,
      logger,
      intervalMs: INTERVAL_MS,
      current: () => held,
      swap: (next) => {
        held = next;
      },
      busy: () => false,
    });
    const later = async (ms: number) => {
      vi.setSystemTime(Date.now() + ms);
      await check();
    };
    await later(INTERVAL_MS);
    await later(INTERVAL_MS);
    await later(30 * 60_000);
    expect(warnings()).toHaveLength(1);
    await later(31 * 60_000);
    expect(warnings()).toHaveLength(2);
    expect(loads).toBe(4); // still tried at each check: a fault that passes is caught up with
    expect(held.version).toBe("v1");
  });
});
