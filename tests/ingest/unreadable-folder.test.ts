// A seeds subfolder the process cannot read (chmod 000) is no deleted folder: it is skipped with
// its reason, and the articles indexed from it before stay in the index. Tests run as root in CI,
// where chmod 000 stops nothing: the failing `readdir` is injected.
import type { Dirent } from "node:fs";
import { chmod, lstat, mkdir, mkdtemp, readdir, realpath, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listSeedFiles, type ListFolder, type ResolvePath, type SeedsListing, type StatPath } from "../../src/articles/list-article-files.js";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import { isIndexCurrent } from "../../src/ingest/index-status.js";
import { ConfigError } from "../../src/shared/errors.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";

const embeddings = new LocalHashEmbeddings();
const embedder: Embedder = { id: embeddings.id, embeddings };
const MAX = 100_000;

let root: string;
let seeds: string;
let storeDir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "unreadable-folder-"));
  seeds = join(root, "seeds");
  storeDir = join(root, "store");
  await mkdir(join(seeds, "kyiv"), { recursive: true });
  await writeFile(join(seeds, "bees.txt"), "Пасічники Поділля цього року зібрали рекордний урожай липового меду.");
  await writeFile(join(seeds, "kyiv", "bridge.txt"), " date 2026-03-01 Новий міст через Дніпро відкрили першого березня. Міст має шість смуг руху.");
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** `readdir`, failing with EACCES for `blocked` (as for a folder with mode 000, not run as root). */
const denying =
  (blocked: string): ListFolder =>
  async (dir, options) => {
    if (dir === blocked) throw Object.assign(new Error(`EACCES: permission denied, scandir '${dir}'`), { code: "EACCES" });
    return (await readdir(dir, options)) as Dirent[];
  };

/** `stat`, failing with EACCES under `blocked` (a folder listed but not entered: mode 644, not run as root). */
const notEntering =
  (blocked: string): StatPath =>
  async (path) => {
    if (path.startsWith(`${blocked}/`)) throw Object.assign(new Error(`EACCES: permission denied, stat '${path}'`), { code: "EACCES" });
    return stat(path);
  };

/** `realpath`, failing with EACCES for the links in `blocked` (a link through a folder it may not enter, not run as root). */
const notResolving =
  (...blocked: string[]): ResolvePath =>
  async (path) => {
    if (blocked.includes(path)) throw Object.assign(new Error(`EACCES: permission denied, realpath '${path}'`), { code: "EACCES" });
    return realpath(path);
  };

describe("the build and its staleness check list the seeds folder alike", () => {
  it("take the same realpath: a link it cannot resolve is skipped by the build, and the check then finds the index current", async () => {
    await symlink("kyiv/bridge.txt", join(seeds, "bridge.txt"));
    const store = createHnswStore(storeDir);
    expect(await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX })).toMatchObject({ articles: 3, skipped: [] });
    const resolveDenied = notResolving(join(seeds, "bridge.txt"));
    // The link can no longer be followed: the index, which holds its article, is stale.
    expect(await isIndexCurrent({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX, realpath: resolveDenied })).toBe(false);
    const summary = await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX, realpath: resolveDenied });
    expect(summary).toMatchObject({ articles: 2, removed: 1, upToDate: false });
    expect(summary.skipped).toEqual([expect.objectContaining({ file: "bridge.txt", code: "unreadable", error: "EACCES" })]);
    // Still unresolvable: current (no rebuild at every start); resolvable again: stale, and built again.
    expect(await isIndexCurrent({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX, realpath: resolveDenied })).toBe(true);
    expect(await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX, realpath: resolveDenied })).toMatchObject({ upToDate: true });
    expect(await isIndexCurrent({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX })).toBe(false);
    expect(await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX })).toMatchObject({ articles: 3, added: 1, skipped: [] });
  });
});

describe("a seeds folder that cannot be read", () => {
  it("is skipped with its reason, and its articles indexed before are kept (not removed)", async () => {
    const store = createHnswStore(storeDir);
    const first = await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX });
    expect(first.articles).toBe(2);

    const readdirDenied = denying(join(seeds, "kyiv"));
    // Changed elsewhere, so the run does build: the kept article must survive a real build.
    await writeFile(join(seeds, "bees.txt"), "Пасічники Поділля цього року зібрали рекордний урожай гречаного меду.");
    const summary = await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX, readdir: readdirDenied });
    expect(summary).toMatchObject({ articles: 2, added: 0, changed: 1, removed: 0, unchanged: 1 });
    expect(summary.skipped).toEqual([expect.objectContaining({ file: "kyiv", code: "unreadable", error: "EACCES" })]);
    expect(summary.skipped[0]!.reason).toMatch(/cannot read the folder \(EACCES\)/);

    const index = await store.load(embedder);
    expect(index.manifest.articles.map((a) => a.id).sort()).toEqual(["bees.txt", "kyiv/bridge.txt"]);
    expect(index.chunks.some((c) => c.articleId === "kyiv/bridge.txt" && c.text.includes("шість смуг"))).toBe(true);

    // Still unreadable: the index is current (no rebuild at every start); readable again: rebuilt from the files.
    expect(await isIndexCurrent({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX, readdir: readdirDenied })).toBe(true);
    expect(await isIndexCurrent({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX })).toBe(false);
    const again = await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX });
    expect(again).toMatchObject({ articles: 2, removed: 0, unchanged: 2, skipped: [] });
  });

  it("a subfolder listed but not entered (chmod -R 644) is skipped too, and its articles kept, not removed", async () => {
    const store = createHnswStore(storeDir);
    await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX });
    const statDenied = notEntering(join(seeds, "kyiv"));
    await writeFile(join(seeds, "bees.txt"), "Пасічники Поділля цього року зібрали рекордний урожай гречаного меду.");
    const summary = await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX, stat: statDenied });
    expect(summary).toMatchObject({ articles: 2, removed: 0, unchanged: 1 });
    expect(summary.skipped).toEqual([expect.objectContaining({ file: "kyiv", code: "unreadable", error: "EACCES" })]);
    expect((await store.load(embedder)).manifest.articles.map((a) => a.id).sort()).toEqual(["bees.txt", "kyiv/bridge.txt"]);
    const rootDenied = await listSeedFiles(seeds, { stat: notEntering(seeds) }).catch((e: unknown) => e);
    expect((rootDenied as Error).message).toMatch(/Cannot read the articles folder ".*seeds" \(EACCES\); let this process read it, or point SEEDS_DIR at another folder\.$/);
  });

  it("a subfolder listed but not entered that holds only symlinks is skipped too, and the articles indexed through them kept", async () => {
    await mkdir(join(seeds, "links"));
    await symlink("../kyiv/bridge.txt", join(seeds, "links", "bridge.txt"));
    const store = createHnswStore(storeDir);
    expect(await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX })).toMatchObject({ articles: 3 });
    // Not entered: every lookup under it fails, the link's own (lstat) as its target's (realpath, stat).
    const blocked = join(seeds, "links");
    const under = (path: string) => path.startsWith(`${blocked}/`);
    const denied = (call: string, path: string) => Object.assign(new Error(`EACCES: permission denied, ${call} '${path}'`), { code: "EACCES" });
    const listing: SeedsListing = {
      stat: notEntering(blocked),
      lstat: async (path) => {
        if (under(path)) throw denied("lstat", path);
        return lstat(path);
      },
      realpath: async (path) => {
        if (under(path)) throw denied("realpath", path);
        return realpath(path);
      },
    };
    expect(await listSeedFiles(seeds, listing)).toContainEqual(expect.objectContaining({ id: "links", unreadableFolder: "EACCES" }));
    await writeFile(join(seeds, "bees.txt"), "Пасічники Поділля цього року зібрали рекордний урожай гречаного меду.");
    const summary = await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX, ...listing });
    expect(summary).toMatchObject({ articles: 3, removed: 0, changed: 1, unchanged: 2 });
    expect(summary.skipped).toEqual([expect.objectContaining({ file: "links", code: "unreadable", error: "EACCES" })]);
    expect((await store.load(embedder)).manifest.articles.map((a) => a.id).sort()).toEqual(["bees.txt", "kyiv/bridge.txt", "links/bridge.txt"]);
    expect(await isIndexCurrent({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX, ...listing })).toBe(true);
    // The seeds folder itself, holding only links: cannot be read, not "no usable article".
    const rootDenied = await listSeedFiles(blocked, { lstat: listing.lstat!, realpath: async (path) => (path === blocked ? path : listing.realpath!(path)) }).catch((e: unknown) => e);
    expect((rootDenied as Error).message).toMatch(/^Cannot read the articles folder ".*links" \(EACCES\)/);
  });

  it("a subfolder with mode 644 holding only symlinks is skipped, its articles kept (not run as root)", async (ctx) => {
    if (process.getuid?.() === 0) ctx.skip(); // root enters folders whatever their mode
    await mkdir(join(seeds, "links"));
    await symlink("../kyiv/bridge.txt", join(seeds, "links", "bridge.txt"));
    const store = createHnswStore(storeDir);
    await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX });
    await chmod(join(seeds, "links"), 0o644);
    try {
      await writeFile(join(seeds, "bees.txt"), "Пасічники Поділля цього року зібрали рекордний урожай гречаного меду.");
      const summary = await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX });
      expect(summary).toMatchObject({ articles: 3, removed: 0 });
      expect(summary.skipped).toEqual([expect.objectContaining({ file: "links", code: "unreadable", error: "EACCES" })]);
    } finally {
      await chmod(join(seeds, "links"), 0o755);
    }
  });

  it("a folder symlink whose target cannot be reached (EACCES) keeps the articles indexed through it; one to nothing (its folder gone) loses them", async () => {
    // city -> private/archive: the walk reaches the folder through the link (the link's target is
    // looked up first: `private` is held back), so its article is indexed as city/old.txt.
    await mkdir(join(seeds, "private", "archive"), { recursive: true });
    await writeFile(join(seeds, "private", "archive", "old.txt"), "Старий порт на Подолі закрили восени. Його склади стали музеєм.");
    await symlink("private/archive", join(seeds, "city"));
    const linkFirst: StatPath = async (path) => {
      if (path === join(seeds, "private")) await new Promise((resolve) => setTimeout(resolve, 50));
      return stat(path);
    };
    const store = createHnswStore(storeDir);
    const ids = async () => (await store.load(embedder)).manifest.articles.map((a) => a.id).sort();
    await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX, stat: linkFirst });
    expect(await ids()).toEqual(["bees.txt", "city/old.txt", "kyiv/bridge.txt"]);

    // `private` at mode 000 (not run as root): it cannot be listed, nor the link resolved through it.
    const denied = { readdir: denying(join(seeds, "private")), realpath: notResolving(join(seeds, "city")) };
    await writeFile(join(seeds, "bees.txt"), "Пасічники Поділля цього року зібрали рекордний урожай гречаного меду.");
    const summary = await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX, ...denied });
    expect(summary).toMatchObject({ articles: 3, removed: 0, changed: 1, unchanged: 2 });
    expect(summary.skipped.map((s) => [s.file, s.code, s.error])).toEqual([
      ["city", "unreadable", "EACCES"],
      ["private", "unreadable", "EACCES"],
    ]);
    expect(await ids()).toEqual(["bees.txt", "city/old.txt", "kyiv/bridge.txt"]);
    expect(await isIndexCurrent({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX, ...denied })).toBe(true);

    // Its target deleted: the link leads nowhere, so the folder is gone, and what was indexed through it too.
    await rm(join(seeds, "private"), { recursive: true });
    const gone = await buildIndex({ seedsDir: seeds, store, embedder, maxArticleBytes: MAX });
    expect(gone).toMatchObject({ articles: 2, removed: 1 });
    expect(gone.skipped).toEqual([expect.objectContaining({ file: "city", code: "dangling-link" })]);
    expect(await ids()).toEqual(["bees.txt", "kyiv/bridge.txt"]);
  });

  it("the seeds folder itself: says it cannot be read (a bad setting, exit 2), not 'no usable article'", async () => {
    const error = await listSeedFiles(seeds, { readdir: denying(seeds) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/Cannot read the articles folder ".*seeds" \(EACCES\); let this process read it, or point SEEDS_DIR at another folder\.$/);
    // A command with a --seeds flag names it too.
    await expect(buildIndex({ seedsDir: seeds, store: createHnswStore(storeDir), embedder, maxArticleBytes: MAX, readdir: denying(seeds), seedsSetting: "--seeds (or SEEDS_DIR)" })).rejects.toThrow(
      /Cannot read the articles folder .*, or point --seeds \(or SEEDS_DIR\) at another folder\.$/,
    );
  });
});
