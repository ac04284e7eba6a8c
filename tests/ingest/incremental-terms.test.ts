// A re-index takes the terms of unchanged chunks from the serving version's term index instead of
// tokenizing every chunk again (src/terms/term-index.ts): what it writes must be what a `--force`
// build of the same articles writes, byte for byte, and a serving term index it cannot use (damaged)
// only costs the tokenizing.
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRandom, pick } from "../../src/bench/prng.js";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import type { IndexStore } from "../../src/store/index-store.js";
import { migrate, readMigrations } from "../../src/store/postgres/migrate.js";
import { createPostgresStore } from "../../src/store/postgres/postgres-store.js";
import { createPglite, pgliteDatabase } from "../helpers/pglite.js";

// Counts the texts tokenized for the term index (the cost the reuse saves).
// `count`: the texts the last term index build tokenized; `all`: every text tokenized.
const tokenized = vi.hoisted(() => ({ count: 0, all: 0 }));
vi.mock("../../src/terms/term-index.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/terms/term-index.js")>();
  return {
    ...real,
    buildTermIndex: (...args: Parameters<typeof real.buildTermIndex>) => {
      const before = tokenized.all;
      const index = real.buildTermIndex(...args);
      tokenized.count = tokenized.all - before;
      return index;
    },
  };
});
vi.mock("../../src/terms/tokenize.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/terms/tokenize.js")>();
  return {
    ...real,
    tokenize: (text: string) => {
      tokenized.all++;
      return real.tokenize(text);
    },
  };
});

const MAX = 100_000;
const embeddings = new LocalHashEmbeddings();
const embedder: Embedder = { id: embeddings.id, embeddings };
const WORDS = "river bridge council budget school teacher harvest grain port ship train station museum painting concert theatre hospital doctor vaccine forest fire rain storm energy solar wind factory worker salary market price bread honey village mayor election court judge road річка міст рада бюджет школа вчитель урожай порт".split(" ");

function article(seed: number, extra = ""): string {
  const random = createRandom(seed);
  const sentence = () => `${Array.from({ length: 8 + Math.floor(random() * 6) }, () => pick(random, WORDS)).join(" ")}.`;
  const paragraphs = Array.from({ length: 2 + Math.floor(random() * 2) }, () => Array.from({ length: 5 }, sentence).join(" "));
  return `---\ntitle: Story ${seed} headline\ndate: 2025-03-${String(1 + (seed % 28)).padStart(2, "0")}\n---\n${paragraphs.join("\n\n")}${extra}\n`;
}
const file = (i: number) => `a${String(i).padStart(2, "0")}.md`;

let root: string;
let seeds: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "incremental-terms-"));
  seeds = join(root, "seeds");
  await mkdir(seeds);
  for (let i = 0; i < 20; i++) await writeFile(join(seeds, file(i)), article(i));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const store = () => createHnswStore(join(root, "store"));
const buildIn = (into: IndexStore, force = false) => buildIndex({ seedsDir: seeds, store: into, embedder, maxArticleBytes: MAX, ...(force ? { force: true } : {}) });
const build = (force = false) => buildIn(store(), force);
const termFiles = async (version: string) => {
  const dir = join(root, "store", version, "terms");
  return { meta: await readFile(join(dir, "terms.json"), "utf8"), data: (await readFile(join(dir, "terms.bin"))).toString("base64") };
};

/** Adds one article, changes one (a paragraph more), removes one. */
async function editSeeds(): Promise<void> {
  await writeFile(join(seeds, "new.md"), article(1000));
  await writeFile(join(seeds, file(3)), article(3, "\n\nA new paragraph about the river port and the harvest festival, added later."));
  await unlink(join(seeds, file(7)));
}

describe("a re-index's term index", () => {
  it("tokenizes only the new and changed chunks, and is byte for byte the one a --force build writes; both search the same", async () => {
    const first = await build();
    expect(tokenized.count).toBe(first.chunks);
    await editSeeds();
    const updated = await build();
    expect(updated).toMatchObject({ added: 1, changed: 1, removed: 1 });
    const changedChunks = (await store().load(embedder)).chunks.filter((c) => c.articleId === "new.md" || c.articleId === file(3)).length;
    // The changed article's chunks before its new paragraph have the texts they had: reused too.
    expect(tokenized.count).toBeGreaterThan(0);
    expect(tokenized.count).toBeLessThanOrEqual(changedChunks);
    const updatedIndex = await store().load(embedder);

    const forced = await build(true);
    expect(tokenized.count).toBe(forced.chunks);
    expect(await termFiles(updated.version)).toEqual(await termFiles(forced.version));
    const forcedIndex = await store().load(embedder);
    for (const q of ["river port harvest festival", "election court judge", "річка міст бюджет", "Story 1000 headline"]) {
      expect(updatedIndex.termSearch(q, 10)).toEqual(forcedIndex.termSearch(q, 10));
    }
    for (const term of forcedIndex.termIndex.vocabulary) expect(updatedIndex.termIndex.documentFrequency(term)).toBe(forcedIndex.termIndex.documentFrequency(term));
  });

  it("is built whole, the same, when the serving version's term index is damaged", async () => {
    const first = await build();
    await writeFile(join(root, "store", first.version, "terms", "terms.bin"), "damaged");
    await editSeeds();
    const updated = await build();
    expect(tokenized.count).toBe(updated.chunks);
    const forced = await build(true);
    expect(await termFiles(updated.version)).toEqual(await termFiles(forced.version));
  });

  it("in Postgres too: only the new and changed chunks tokenized, the same bytes as a --force build", async () => {
    const lite = await createPglite();
    try {
      const db = pgliteDatabase(lite);
      await migrate(db, "terms", await readMigrations());
      const pg = createPostgresStore({ db, schema: "terms", database: "pglite" });
      const first = await buildIn(pg);
      expect(tokenized.count).toBe(first.chunks);
      await editSeeds();
      const updated = await buildIn(pg);
      expect(tokenized.count).toBeGreaterThan(0);
      expect(tokenized.count).toBeLessThan(updated.chunks / 4);
      const forced = await buildIn(pg, true);
      expect(tokenized.count).toBe(forced.chunks);
      const terms = async (version: string) => {
        const { rows } = await db.query<{ terms_meta: string; terms_data: Uint8Array }>("SELECT terms_meta, terms_data FROM terms.versions WHERE id = $1", [version]);
        return { meta: rows[0]!.terms_meta, data: Buffer.from(rows[0]!.terms_data).toString("base64") };
      };
      expect(await terms(updated.version)).toEqual(await terms(forced.version));
    } finally {
      await lite.close();
    }
  }, 60_000);
});
