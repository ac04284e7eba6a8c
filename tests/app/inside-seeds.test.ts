// An index folder inside the articles folder (SEEDS_DIR=/data, VECTORSTORE_DIR=/data/index, one
// volume) had its own files listed as articles: each build's new version made the index stale
// again, so every start, ask and ingest built it anew, and listed the index's files as skipped.
// The bot's state folder as well (below).
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../src/app/create-app.js";
import { listSeedFiles } from "../../src/articles/list-article-files.js";
import { refuseFoldersInsideSeeds } from "../../src/app/inside-seeds.js";
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

// A link on either path (a mounted volume's alias, a symlinked data folder) names the same folder.
describe("a folder reached through a symbolic link", () => {
  const folders = (seeds: string, store: string, state = join(temp.root, "state")) => ({ seedsDir: seeds, vectorstoreDir: store, stateDir: state, databaseUrl: null });

  it("is refused when it lies inside the articles folder once the links are followed, made yet or not", async () => {
    const link = join(temp.root, "articles-link");
    await symlink(temp.seeds, link);
    expect(() => refuseFoldersInsideSeeds(folders(link, join(temp.seeds, "index")))).toThrow(/^VECTORSTORE_DIR .* is inside the articles folder/);
    expect(() => refuseFoldersInsideSeeds(folders(temp.seeds, join(link, "index", "v2")))).toThrow(/^VECTORSTORE_DIR .* is inside the articles folder/);
    expect(() => refuseFoldersInsideSeeds(folders(link, join(temp.root, "store"), join(temp.seeds, "state")))).toThrow(/^STATE_DIR .* is inside the articles folder/);
    // A link beside the articles to a hidden folder inside them is taken, as that folder is.
    await mkdir(join(temp.seeds, ".index"));
    await symlink(join(temp.seeds, ".index"), join(temp.root, "index-link"));
    expect(() => refuseFoldersInsideSeeds(folders(link, join(temp.root, "index-link")))).not.toThrow();
  });
});

// A hidden folder inside the articles folder is never listed (list-article-files.ts): nothing in
// it is read as an article nor makes the index stale.
describe("a folder inside the articles folder that the listing never reads", () => {
  const folders = (store: string, state = join(temp.root, "state")) => ({ seedsDir: temp.seeds, vectorstoreDir: store, stateDir: state, databaseUrl: null });

  it("is taken when hidden, at any depth ('..x' too: a hidden name inside, not the way up)", () => {
    expect(() => refuseFoldersInsideSeeds(folders(join(temp.seeds, "x..")))).toThrow(/is inside the articles folder/);
    expect(() => refuseFoldersInsideSeeds(folders(join(temp.seeds, "..x", "index")))).not.toThrow();
    expect(() => refuseFoldersInsideSeeds(folders(join(temp.seeds, "..")))).not.toThrow();
    expect(() => refuseFoldersInsideSeeds(folders(join(temp.seeds, ".index")))).not.toThrow();
    expect(() => refuseFoldersInsideSeeds(folders(join(temp.seeds, "notes", ".index")))).not.toThrow();
    expect(() => refuseFoldersInsideSeeds(folders(join(temp.root, "store"), join(temp.seeds, ".state")))).not.toThrow();
  });

  it("hidden, holds the index, whose files are not listed with the articles", async () => {
    const store = join(temp.seeds, ".index");
    const summary = await ingest(loadConfig({ SEEDS_DIR: temp.seeds, VECTORSTORE_DIR: store, STATE_DIR: join(temp.seeds, ".state") }), { logger: silentLogger });
    expect(summary.articles).toBeGreaterThan(0);
    expect((await listSeedFiles(temp.seeds)).filter((f) => f.id.startsWith("."))).toEqual([]);
  });
});

// The bot writes bot-state.json and updates/ in STATE_DIR as it runs: inside the articles folder,
// each start found them changed, built the index anew and listed them as skipped articles.
describe("a bot state folder inside the articles folder", () => {
  it("is refused before anything is built, naming both settings", async () => {
    const state = join(temp.seeds, "state");
    const config = loadConfig({ SEEDS_DIR: temp.seeds, VECTORSTORE_DIR: join(temp.root, "store"), STATE_DIR: state });
    const run = ingest(config, { logger: silentLogger });
    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(`STATE_DIR "${state}" is inside the articles folder (SEEDS_DIR "${temp.seeds}"): the bot's state files would be read as articles`);
    await expect(ingest({ ...config, stateDir: temp.seeds }, { logger: silentLogger })).rejects.toThrow(/^STATE_DIR .* is inside the articles folder/);
  });

  it("is the database's concern with DATABASE_URL (no state files then), and fine beside the articles", async () => {
    const config = loadConfig({ SEEDS_DIR: temp.seeds, VECTORSTORE_DIR: join(temp.root, "store"), STATE_DIR: `${temp.seeds}-state` });
    expect((await ingest(config, { logger: silentLogger })).articles).toBeGreaterThan(0);
    expect(() => refuseFoldersInsideSeeds({ ...config, stateDir: join(temp.seeds, "state"), databaseUrl: "postgres://db/x" })).not.toThrow();
  });
});

// The articles' listing skips hidden entries: an index or state folder under one is never read.
describe("a hidden folder inside the articles folder", () => {
  it("holds the index and the bot's state as before, none of their files listed nor the index built again", async () => {
    const config = loadConfig({ SEEDS_DIR: temp.seeds, VECTORSTORE_DIR: join(temp.seeds, ".index"), STATE_DIR: join(temp.seeds, ".bot", "state") });
    const first = await ingest(config, { logger: silentLogger });
    expect(first).toMatchObject({ skipped: [] });
    expect(first.articles).toBeGreaterThan(0);
    expect(await ingest(config, { logger: silentLogger })).toMatchObject({ upToDate: true, skipped: [] });
  });
});
