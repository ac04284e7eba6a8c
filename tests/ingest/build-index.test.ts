import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { IndexError } from "../../src/shared/errors.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import { isIndexCurrent } from "../../src/ingest/index-status.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import { loadIndex } from "../../src/store/hnsw/load-version.js";
import { warningText } from "../../src/texts/skip-texts.js";
import { recordingLogger } from "../helpers/recording-logger.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "articles");
const MAX = 100_000;

const localEmbedder = (): Embedder => {
  const embeddings = new LocalHashEmbeddings();
  return { id: embeddings.id, embeddings };
};

/** Counts the texts it embeds; throws once `failAfterCalls` calls have succeeded. */
function countingEmbedder(failAfterCalls = Infinity) {
  const inner = new LocalHashEmbeddings();
  let calls = 0;
  const stats = { texts: 0 };
  const embedder: Embedder = {
    id: inner.id,
    embeddings: {
      embedDocuments: async (texts: string[]) => {
        if (calls++ >= failAfterCalls) throw new Error("embedding service went away");
        stats.texts += texts.length;
        return inner.embedDocuments(texts);
      },
      embedQuery: (text: string) => inner.embedQuery(text),
    },
  };
  return { embedder, stats };
}

let root: string;
let seeds: string;
let store: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "build-index-"));
  seeds = join(root, "seeds");
  store = join(root, "store");
  await cp(FIXTURES, seeds, { recursive: true });
});
afterEach(() => rm(root, { recursive: true, force: true }));

const versions = async () => (await readdir(store)).filter((n) => n.startsWith("v-")).sort();
const current = async () => (await readFile(join(store, "CURRENT"), "utf8")).trim();

describe("buildIndex → loadIndex", () => {
  it("reports a build that was written as built when letting go of the writer lock fails afterwards, with a warning", async () => {
    const hnsw = createHnswStore(store);
    const releaseFails = {
      ...hnsw,
      lockForWriting: async (options?: Parameters<typeof hnsw.lockForWriting>[0]) => {
        const release = await hnsw.lockForWriting(options);
        return async () => {
          await release();
          throw new Error("Cannot use the database (statement timeout)");
        };
      },
    };
    const { logger, warnings } = recordingLogger();
    const summary = await buildIndex({ seedsDir: seeds, store: releaseFails, embedder: localEmbedder(), maxArticleBytes: MAX, logger });
    expect(summary).toMatchObject({ articles: 3, added: 3 });
    expect(await current()).toBe(summary.version);
    expect(warnings()).toContain("the index was built, but letting go of its writer lock failed; the next build takes it over once it goes stale");
  });

  it("round-trips: built index loads and finds a paraphrase by vector and a word by BM25", async () => {
    const embedder = localEmbedder();
    const summary = await buildIndex({ seedsDir: seeds, store: createHnswStore(store), embedder, maxArticleBytes: MAX });
    expect(summary).toMatchObject({ articles: 3, added: 3, changed: 0, removed: 0, unchanged: 0, skipped: [], embedder: "local-hash-v1:512" });
    expect(summary.embedded).toBe(summary.chunks);

    const index = await loadIndex(store, embedder);
    expect(index.version).toBe(summary.version);
    expect(index.chunks).toHaveLength(summary.chunks);
    expect(index.manifest.articles.map((a) => a.id)).toEqual(["front-matter.md", "plain.txt", "seed-format.txt"]);
    expect(index.manifest.embedder).toEqual({ id: "local-hash-v1:512", dims: 512 });

    const hits = await index.vectorSearch(await embedder.embeddings.embedQuery("solar panels installed on school roofs"), 3);
    expect(hits).toHaveLength(3);
    expect(hits[0]!.id).toBe("front-matter.md#0");
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(hits[0]!.score).toBeLessThanOrEqual(1.0001);

    const chunk = index.chunkById("front-matter.md#0")!;
    expect(chunk).toMatchObject({ articleId: "front-matter.md", title: "Solar panels on school roofs", date: "2024-05-17", n: 0 });
    expect(chunk.text).toContain("twelve public schools");

    expect(index.termIndex.search("honey harvest", 1)[0]?.id).toBe("plain.txt#0");
    expect(await index.vectorSearch(await embedder.embeddings.embedQuery("x"), 0)).toEqual([]);
  });

  it("re-indexes incrementally: counts, cache hits, nothing embedded when nothing changed", async () => {
    const first = countingEmbedder();
    const initial = await buildIndex({ seedsDir: seeds, store: createHnswStore(store), embedder: first.embedder, maxArticleBytes: MAX });
    expect(first.stats.texts).toBe(initial.chunks);

    const noop = countingEmbedder();
    const second = await buildIndex({ seedsDir: seeds, store: createHnswStore(store), embedder: noop.embedder, maxArticleBytes: MAX });
    expect(second).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: 3, embedded: 0, articles: 3, chunks: initial.chunks });
    expect(noop.stats.texts).toBe(0);
    // Nothing changed: no new version folder, the same one keeps serving.
    expect(second.version).toBe(initial.version);
    expect(await versions()).toEqual([initial.version]);

    await writeFile(join(seeds, "plain.txt"), "Beekeepers changed their story. The harvest was small after all.");
    await unlink(join(seeds, "seed-format.txt"));
    await writeFile(join(seeds, "new.txt"), "A brand new article about trams.");
    await writeFile(join(seeds, "bad.txt"), Buffer.from([0, 1, 2]));
    await writeFile(join(seeds, "bad-date.txt"), " date 2026-02-30 Trams run at night from March.");
    const third = countingEmbedder();
    const summary = await buildIndex({ seedsDir: seeds, store: createHnswStore(store), embedder: third.embedder, maxArticleBytes: MAX });
    expect(summary).toMatchObject({ articles: 4, added: 2, changed: 1, removed: 1, unchanged: 1, embedded: 3 });
    expect(summary.skipped).toEqual([{ file: "bad.txt", reason: expect.stringMatching(/binary/), code: "binary" }]);
    // An impossible date: indexed without one, and said so.
    expect(summary.warnings).toEqual([
      { file: "bad-date.txt", reason: expect.stringMatching(/^the date "2026-02-30" is not a real YYYY-MM-DD date; indexed without a date/), code: "bad-date", date: "2026-02-30" },
    ]);
    expect(third.stats.texts).toBe(3);
    // Nothing changed: the summary comes from the manifest, which kept the codes and the warning.
    const again = await buildIndex({ seedsDir: seeds, store: createHnswStore(store), embedder: third.embedder, maxArticleBytes: MAX });
    expect(again).toMatchObject({ upToDate: true, skipped: summary.skipped, warnings: summary.warnings });

    const index = await loadIndex(store, third.embedder);
    expect(index.chunks.map((c) => c.articleId)).not.toContain("seed-format.txt");
    expect(index.chunkById("new.txt#0")?.text).toBe("A brand new article about trams.");
    expect(index.chunkById("bad-date.txt#0")).toMatchObject({ date: null, text: "Trams run at night from March." });
  });

  it("warns of articles that share a title, naming their files, and indexes each all the same; also while nothing changes", async () => {
    const dir = join(root, "same-title");
    const out = join(root, "same-title-store");
    await mkdir(dir);
    await writeFile(join(dir, "trams.md"), "---\ntitle: Night trams\ndate: 2026-02-04\n---\nTrams run at night from March.\n");
    await writeFile(join(dir, "trams-2.md"), "---\ntitle: Night trams\ndate: 2026-02-05\n---\nNight trams start on 1 March.\n");
    await writeFile(join(dir, "bridge.md"), "---\ntitle: The bridge\n---\nThe bridge opens in May.\n");
    const build = () => buildIndex({ seedsDir: dir, store: createHnswStore(out), embedder: localEmbedder(), maxArticleBytes: MAX });
    const summary = await build();
    expect(summary).toMatchObject({ articles: 3, added: 3 });
    expect(summary.warnings).toEqual([
      {
        file: "trams-2.md",
        code: "duplicate-title",
        title: "Night trams",
        others: ["trams.md"],
        reason: 'the title "Night trams" is also the title of trams.md; answers, /latest and source buttons show them alike, so give each its own title',
      },
    ]);
    expect(await build()).toMatchObject({ upToDate: true, warnings: summary.warnings });
    // Told apart: the warning is gone.
    await writeFile(join(dir, "trams-2.md"), "---\ntitle: Night trams from March\ndate: 2026-02-05\n---\nNight trams start on 1 March.\n");
    expect((await build()).warnings).toEqual([]);
  });

  it("warns of a date more than a year after today or before 1800, keeping the article dated as written; also while nothing changes", async () => {
    const dir = join(root, "odd-dates");
    const out = join(root, "odd-dates-store");
    await mkdir(dir);
    await writeFile(join(dir, "typo.md"), "---\ntitle: Telescope\ndate: 9999-12-31\n---\nThe observatory got a telescope.\n");
    await writeFile(join(dir, "ancient.md"), "---\ntitle: Fortress\ndate: 0001-01-01\n---\nThe fortress was built by masons.\n");
    await writeFile(join(dir, "next-month.md"), "---\ntitle: Fair\ndate: 2026-03-04\n---\nThe fair opens in March.\n");
    await writeFile(join(dir, "old.md"), "---\ntitle: Bridge\ndate: 1800-01-01\n---\nThe bridge was built.\n");
    // 4 February 2026 in Kyiv.
    const clock = { now: () => new Date("2026-02-04T10:00:00Z") };
    const build = () => buildIndex({ seedsDir: dir, store: createHnswStore(out), embedder: localEmbedder(), maxArticleBytes: MAX, clock });
    const summary = await build();
    expect(summary.warnings).toEqual([
      { file: "ancient.md", code: "odd-date", date: "0001-01-01", reason: 'the date "0001-01-01" is before 1800; the article is dated as written, so check its year' },
      { file: "typo.md", code: "odd-date", date: "9999-12-31", reason: 'the date "9999-12-31" is more than a year after today; the article is dated as written, so check its year' },
    ]);
    expect(warningText("uk", summary.warnings[1]!)).toBe("дата «9999-12-31» більш ніж на рік пізніша за сьогодні; статтю датовано як написано, тож перевірте рік");
    const index = await loadIndex(out, localEmbedder());
    expect(index.chunkById("typo.md#0")?.date).toBe("9999-12-31");
    expect(await build()).toMatchObject({ upToDate: true, warnings: summary.warnings });
  });

  it("keeps the last two versions and switches CURRENT to the newest", async () => {
    const embedder = localEmbedder();
    const builds = [];
    for (let i = 0; i < 3; i++) {
      await writeFile(join(seeds, "changing.txt"), `Version ${i} of an article that changes between builds.`);
      builds.push(await buildIndex({ seedsDir: seeds, store: createHnswStore(store), embedder, maxArticleBytes: MAX }));
    }
    expect(await versions()).toEqual([builds[1]!.version, builds[2]!.version].sort());
    expect(await current()).toBe(builds[2]!.version);
  });

  it("leaves the serving index untouched when a build fails midway", async () => {
    const embedder = localEmbedder();
    const good = await buildIndex({ seedsDir: seeds, store: createHnswStore(store), embedder, maxArticleBytes: MAX });
    const before = await loadIndex(store, embedder);

    for (let i = 0; i < 20; i++) await writeFile(join(seeds, `more-${i}.txt`), `Extra article number ${i} about ferries and bridges.`);
    const failing = countingEmbedder(1);
    await expect(
      buildIndex({ seedsDir: seeds, store: createHnswStore(store), embedder: failing.embedder, maxArticleBytes: MAX, batchSize: 4 }),
    ).rejects.toThrow(/went away/);

    expect(await current()).toBe(good.version);
    expect(await versions()).toEqual([good.version]); // the partial folder is gone
    const after = await loadIndex(store, embedder);
    expect(after.manifest).toEqual(before.manifest);
    expect(after.chunks).toEqual(before.chunks);

    // What was embedded before the failure is cached: the retry embeds only the rest.
    const retry = countingEmbedder();
    const summary = await buildIndex({ seedsDir: seeds, store: createHnswStore(store), embedder: retry.embedder, maxArticleBytes: MAX });
    expect(summary.added).toBe(20);
    expect(retry.stats.texts).toBe(16);
  });

  it("throws IndexError when no article is usable, leaving CURRENT as it was", async () => {
    const embedder = localEmbedder();
    const good = await buildIndex({ seedsDir: seeds, store: createHnswStore(store), embedder, maxArticleBytes: MAX });
    const empty = join(root, "empty-seeds");
    await cp(FIXTURES, empty, { recursive: true });
    for (const f of await readdir(empty)) await writeFile(join(empty, f), "");
    const error = await buildIndex({ seedsDir: empty, store: createHnswStore(store), embedder, maxArticleBytes: MAX }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexError);
    expect((error as Error).message).toMatch(/No usable .*empty file/);
    expect(await current()).toBe(good.version);
  });
});

describe("build progress", () => {
  it("reports reading in files read, not a single 0/1 step", async () => {
    const seen: string[] = [];
    await buildIndex({
      seedsDir: seeds,
      store: createHnswStore(store),
      embedder: localEmbedder(),
      maxArticleBytes: MAX,
      onProgress: (p) => seen.push(`${p.phase} ${p.done}/${p.total}`),
    });
    const files = (await readdir(seeds)).length;
    expect(seen.filter((s) => s.startsWith("load"))).toEqual(Array.from({ length: files + 1 }, (_, i) => `load ${i}/${files}`));
  });
});

describe("loadIndex refusals", () => {
  it("refuses an index built by another embedder, saying to re-index", async () => {
    await buildIndex({ seedsDir: seeds, store: createHnswStore(store), embedder: localEmbedder(), maxArticleBytes: MAX });
    const other = new LocalHashEmbeddings({ dims: 256 });
    const error = await loadIndex(store, { id: other.id, embeddings: other }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexError);
    expect((error as Error).message).toMatch(/local-hash-v1:512.*local-hash-v1:256.*npm run ingest/);
  });

  it("refuses a missing index, another format version and a corrupt manifest", async () => {
    await expect(loadIndex(store, localEmbedder())).rejects.toThrow(/No index.*npm run ingest/);
    const { version } = await buildIndex({ seedsDir: seeds, store: createHnswStore(store), embedder: localEmbedder(), maxArticleBytes: MAX });
    const manifestFile = join(store, version, "manifest.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, formatVersion: 999 }));
    await expect(loadIndex(store, localEmbedder())).rejects.toThrow(/format 999.*re-index/);
    await writeFile(manifestFile, "{ not json");
    await expect(loadIndex(store, localEmbedder())).rejects.toThrow(IndexError);
    await writeFile(manifestFile, JSON.stringify(manifest));
    await unlink(join(store, version, "hnswlib.index"));
    await expect(loadIndex(store, localEmbedder())).rejects.toThrow(/cannot be read.*re-index/);
  });
});

describe("isIndexCurrent", () => {
  it("is false when missing, true after a build, false after an edit, an addition or another embedder", async () => {
    const embedder = localEmbedder();
    const opts = { seedsDir: seeds, store: createHnswStore(store), embedder, maxArticleBytes: MAX };
    expect(await isIndexCurrent(opts)).toBe(false);
    await buildIndex(opts);
    expect(await isIndexCurrent(opts)).toBe(true);

    // Same bytes rewritten (new mtime): still current.
    const plain = join(seeds, "plain.txt");
    const text = await readFile(plain);
    await writeFile(plain, text);
    expect(await isIndexCurrent(opts)).toBe(true);

    const other = new LocalHashEmbeddings({ dims: 128 });
    expect(await isIndexCurrent({ ...opts, embedder: { id: other.id, embeddings: other } })).toBe(false);
    expect(await isIndexCurrent({ ...opts, maxArticleBytes: 10 })).toBe(false);

    await writeFile(plain, "Changed.");
    expect(await isIndexCurrent(opts)).toBe(false);
    await buildIndex(opts);
    expect(await isIndexCurrent(opts)).toBe(true);
    await writeFile(join(seeds, "added.md"), "New.");
    expect(await isIndexCurrent(opts)).toBe(false);
  });

  it("sees an article replaced by a FIFO or a link to nothing without opening the FIFO, and the build lists both as skipped, not only removed", async () => {
    const opts = { seedsDir: seeds, store: createHnswStore(store), embedder: localEmbedder(), maxArticleBytes: MAX };
    await buildIndex(opts);
    const pipe = join(seeds, "plain.txt");
    await unlink(pipe);
    execFileSync("mkfifo", [pipe]); // opened, it would wait for a writer: the run would hang
    await unlink(join(seeds, "seed-format.txt"));
    await symlink("gone.txt", join(seeds, "seed-format.txt"));
    const opened: string[] = [];
    const recording = async (path: string) => {
      opened.push(path);
      if (path === pipe) throw new Error("opened the FIFO");
      return readFile(path);
    };

    expect(await isIndexCurrent({ ...opts, readFile: recording })).toBe(false);
    const summary = await buildIndex({ ...opts, readFile: recording });
    expect(opened).not.toContain(pipe);
    expect(summary).toMatchObject({ removed: 2, articles: 1 });
    expect(summary.skipped).toEqual(
      expect.arrayContaining([
        { file: "plain.txt", code: "not-regular", reason: expect.stringMatching(/^not a regular file/) },
        { file: "seed-format.txt", code: "dangling-link", reason: expect.stringMatching(/^a symlink to nothing/) },
      ]),
    );
    // Listed alike at the next start: current, nothing rebuilt.
    expect(await isIndexCurrent({ ...opts, readFile: recording })).toBe(true);
    expect(opened).not.toContain(pipe);
  });

  it("is false once a file skipped as unreadable can be read (a mode fixed changes no mtime), and true while it cannot", async () => {
    // Root reads a file whatever its mode: the failing read is injected, as EACCES for mode 000.
    const locked = join(seeds, "locked.txt");
    await writeFile(locked, "Трамваї у Львові їздитимуть до півночі.");
    const denied = async (path: string) => {
      if (path === locked) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: "EACCES" });
      return readFile(path);
    };
    const opts = { seedsDir: seeds, store: createHnswStore(store), embedder: localEmbedder(), maxArticleBytes: MAX };
    const first = await buildIndex({ ...opts, readFile: denied });
    expect(first.skipped).toContainEqual(expect.objectContaining({ file: "locked.txt", code: "unreadable" }));
    // Still unreadable: no rebuild at every start.
    expect(await isIndexCurrent({ ...opts, readFile: denied })).toBe(true);

    // `chmod 644 locked.txt`: same size, same mtime, readable now.
    expect(await isIndexCurrent(opts)).toBe(false);
    const second = await buildIndex(opts);
    expect(second).toMatchObject({ added: 1, articles: first.articles + 1 });
    expect(second.skipped.map((s) => s.file)).not.toContain("locked.txt");
  });
});
