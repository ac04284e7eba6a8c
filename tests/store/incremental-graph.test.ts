// A re-index updates the serving HNSW graph instead of rebuilding it (src/store/hnsw/write-graph.ts):
// what it serves must be exactly what a full build of the same chunks serves. On a graph this small
// (fewer points than efSearch) hnswlib's search is exhaustive, so "exactly" is checked literally.
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRandom, pick } from "../../src/bench/prng.js";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import { type GraphLabels, LABELS_FILE, readLabels } from "../../src/store/hnsw/graph-labels.js";
import hnswlib from "hnswlib-node";
import { HNSW_PARAMS } from "../../src/store/hnsw/hnsw-params.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import type { GraphWrite } from "../../src/store/hnsw/write-graph.js";
import { IndexError } from "../../src/shared/errors.js";
import type { ScoredId, SearchableIndex, SearchFilter } from "../../src/store/index-store.js";

// The store's graph files, as hnswlib-node is asked to read and write them; a write can be made to fail.
// `silent`: the write resolves true having written nothing, or a file cut short, as hnswlib-node's
// does when it cannot open the file or the disk fills (its std::ofstream is not checked).
const graphFiles = vi.hoisted(() => ({
  reads: [] as string[],
  writes: [] as string[],
  writeError: null as Error | null,
  silent: null as "nothing" | "cut" | null,
  made: [] as { getMaxElements(): number }[],
}));
vi.mock("hnswlib-node", async (importOriginal) => {
  const real = (await importOriginal<{ default: typeof import("hnswlib-node") }>()).default;
  class RecordedHierarchicalNSW extends real.HierarchicalNSW {
    constructor(space: import("hnswlib-node").SpaceName, dims: number) {
      super(space, dims);
      graphFiles.made.push(this);
    }
    override readIndex(file: string, allowReplaceDeleted?: boolean): Promise<boolean> {
      graphFiles.reads.push(file);
      return super.readIndex(file, allowReplaceDeleted);
    }
    override writeIndex(file: string): Promise<boolean> {
      graphFiles.writes.push(file);
      if (graphFiles.writeError) return Promise.reject(graphFiles.writeError);
      if (graphFiles.silent === "nothing") return Promise.resolve(true);
      if (graphFiles.silent === "cut") {
        return super.writeIndex(file).then(async (ok) => {
          await truncate(file, 4096);
          return ok;
        });
      }
      return super.writeIndex(file);
    }
  }
  return { default: { ...real, HierarchicalNSW: RecordedHierarchicalNSW } };
});

const MAX = 100_000;
const ARTICLES = 25;
const embeddings = new LocalHashEmbeddings();
const embedder: Embedder = { id: embeddings.id, embeddings };

const WORDS = (
  "river bridge council budget school teacher harvest grain port ship train station museum " +
  "painting concert theatre hospital doctor vaccine forest fire rain storm energy solar wind " +
  "factory worker salary market price bread honey village mayor election court judge road"
).split(" ");

/** An article of 2–3 paragraphs of made-up sentences; `seed` decides its words, `day` its date. */
function article(seed: number, day: number, extra = ""): string {
  const random = createRandom(seed);
  const sentence = () => {
    const words = Array.from({ length: 8 + Math.floor(random() * 6) }, () => pick(random, WORDS));
    return `${words.join(" ").replace(/^./, (c) => c.toUpperCase())}.`;
  };
  const paragraphs = Array.from({ length: 2 + Math.floor(random() * 2) }, () => Array.from({ length: 5 }, sentence).join(" "));
  return `---\ntitle: Story ${seed}\ndate: 2025-03-${String(day).padStart(2, "0")}\n---\n${paragraphs.join("\n\n")}${extra}\n`;
}
const file = (i: number) => `a${String(i).padStart(2, "0")}.md`;

let root: string;
let seeds: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "incremental-graph-"));
  seeds = join(root, "seeds");
  await mkdir(seeds);
  for (let i = 0; i < ARTICLES; i++) await writeFile(join(seeds, file(i)), article(i, 1 + i));
});
afterEach(async () => {
  Object.assign(graphFiles, { reads: [], writes: [], writeError: null, silent: null, made: [] });
  await rm(root, { recursive: true, force: true });
});

/** Builds `store` from the seeds; returns the summary and what the store did with the graph. */
async function build(store: string, opts: { force?: boolean; embedder?: Embedder } = {}) {
  const writes: GraphWrite[] = [];
  const hnsw = createHnswStore(join(root, store), { onGraph: (w) => writes.push(w) });
  const summary = await buildIndex({ seedsDir: seeds, store: hnsw, embedder: opts.embedder ?? embedder, maxArticleBytes: MAX, ...(opts.force ? { force: true } : {}) });
  return { summary, graph: writes[0], load: () => hnsw.load(opts.embedder ?? embedder) };
}
const versionDir = async (store: string) => join(root, store, (await readFile(join(root, store, "CURRENT"), "utf8")).trim());

/** Adds one article, changes one (a paragraph more), removes one. */
async function editSeeds(): Promise<void> {
  await writeFile(join(seeds, "new.md"), article(1000, 28));
  await writeFile(join(seeds, file(3)), article(3, 4, "\n\nA new paragraph about the river port and the harvest festival, added later."));
  await unlink(join(seeds, file(7)));
}

const ranked = (hits: ScoredId[]) => [...hits].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));

/** Vector searches (several queries, filters and k) answer the same ids with the same scores. */
async function expectSameSearches(actual: SearchableIndex, expected: SearchableIndex): Promise<void> {
  expect(actual.chunks).toEqual(expected.chunks);
  const articleIds = [...new Set(expected.chunks.map((c) => c.articleId))];
  const filters: (SearchFilter | undefined)[] = [
    undefined,
    { articleIds: new Set(articleIds.filter((_, i) => i % 4 === 0)) },
    { dateFrom: "2025-03-05", dateTo: "2025-03-12" },
  ];
  const queries = ["river port harvest festival", "election court judge", "solar energy factory salary", ...expected.chunks.filter((_, i) => i % 6 === 0).map((c) => c.text)];
  for (const query of queries) {
    const vector = await embeddings.embedQuery(query);
    for (const filter of filters) {
      for (const k of [5, expected.chunks.length]) {
        const got = ranked(await actual.vectorSearch(vector, k, filter));
        expect(got.length).toBeGreaterThan(0);
        expect(got).toEqual(ranked(await expected.vectorSearch(vector, k, filter)));
      }
    }
  }
}

describe("a re-index updates the serving HNSW graph", () => {
  it("after an article is added, one changed and one removed, it searches exactly as a full build of the same chunks, filters too", async () => {
    await build("store");
    await editSeeds();
    const { summary, graph, load } = await build("store");
    expect(summary).toMatchObject({ added: 1, changed: 1, removed: 1 });
    expect(graph).toMatchObject({ mode: "incremental" });
    expect(graph!.added).toBeGreaterThan(0);
    expect(graph!.deleted).toBeGreaterThan(0);
    // Only the new and changed chunks were added: the graph kept every other point.
    expect(graph!.added).toBeLessThan(summary.chunks / 4);
    const labels = (await readLabels(await versionDir("store")))!;
    expect(labels.size).toBe(summary.chunks + graph!.deleted);

    const full = await build("fresh");
    expect(full.graph).toMatchObject({ mode: "full", reason: "there is no serving version" });
    await expectSameSearches(await load(), await full.load());
  });

  it("never returns a removed or changed chunk, nor one of them twice, in any later version", async () => {
    const first = await build("store");
    const before = await first.load();
    const oldChanged = before.chunks.filter((c) => c.articleId === file(3));
    await editSeeds();
    await build("store");
    // One more update on top of the first (labels already sparse), and a removed article added back.
    await writeFile(join(seeds, file(7)), article(7, 8));
    const again = await build("store");
    expect(again.graph).toMatchObject({ mode: "incremental" });
    const index = await again.load();
    const all = index.chunks.length;

    for (const chunk of [...oldChanged, ...before.chunks.filter((c) => c.articleId === file(7))]) {
      const hits = await index.vectorSearch(await embeddings.embedQuery(chunk.text), all);
      expect(hits).toHaveLength(all);
      expect(new Set(hits.map((h) => h.id)).size).toBe(all); // each chunk once: no old copy beside the new one
      // What each hit names is what the version holds now (no changed chunk's old text behind its id).
      const texts = hits.map((h) => index.chunkById(h.id)!.text);
      expect(texts).toEqual(hits.map((h) => index.chunks.find((c) => c.id === h.id)!.text));
    }
    // The changed article's old last chunk text is gone from every search.
    const oldText = oldChanged.at(-1)!.text;
    const hits = await index.vectorSearch(await embeddings.embedQuery(oldText), all, { articleIds: new Set([file(3)]) });
    expect(hits.map((h) => index.chunkById(h.id)!.articleId)).toEqual(hits.map(() => file(3)));
    expect(hits.every((h) => h.score < 1 - 1e-6 || index.chunkById(h.id)!.text === oldText)).toBe(true);
    await expectSameSearches(index, await (await build("fresh")).load());
  });

  it("a failed incremental write leaves the serving version serving, its files untouched", async () => {
    await build("store");
    const serving = await versionDir("store");
    const files = async () => {
      const entries = (await readdir(serving, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
      return Promise.all(entries.map(async (e) => [join(e.parentPath, e.name), await readFile(join(e.parentPath, e.name))] as const));
    };
    const filesBefore = await files();
    const before = await createHnswStore(join(root, "store")).load(embedder);
    await editSeeds();
    graphFiles.writeError = new Error("ENOSPC: no space left on device, write");
    graphFiles.reads = [];
    graphFiles.writes = [];
    graphFiles.made = [];
    const error = await build("store").catch((e: unknown) => e);
    // What the admin sees (an IndexError is shown in the chat too): the new version's folder and the cause.
    expect(error).toBeInstanceOf(IndexError);
    expect((error as Error).message).toMatch(/^Could not write the HNSW graph in the new version's folder ".*\/store\/v-[^/"]+": ENOSPC: no space left on device, write; the serving version is unchanged\.$/);
    // The graph's memory is let go of at once, not when the garbage collector gets to it.
    expect(graphFiles.made.map((g) => g.getMaxElements())).toEqual([1]);
    // It failed updating the serving graph, which it read but wrote elsewhere (the new version's folder).
    expect(graphFiles.reads).toEqual([join(serving, "hnswlib.index")]);
    expect(graphFiles.writes).toHaveLength(1);
    expect(graphFiles.writes[0]).not.toContain(serving);

    expect(await versionDir("store")).toBe(serving);
    expect((await readdir(join(root, "store"))).filter((n) => n.startsWith("v-"))).toEqual([serving.split("/").at(-1)]);
    expect(await files()).toEqual(filesBefore);
    await expectSameSearches(await createHnswStore(join(root, "store")).load(embedder), before);

    // The next try updates the same serving graph.
    graphFiles.writeError = null;
    expect((await build("store")).graph).toMatchObject({ mode: "incremental" });
  });
  it.each([
    { silent: "nothing" as const, cause: /no file was written \(ENOENT\)/ },
    { silent: "cut" as const, cause: /4096 bytes were written, its \d+ points need at least \d+ \(is the disk full\?\)/ },
  ])("a graph write that says it succeeded but left $silent is refused: nothing is published", async ({ silent, cause }) => {
    await build("store");
    const before = await createHnswStore(join(root, "store")).load(embedder);
    await editSeeds();
    graphFiles.silent = silent;
    const error = await build("store").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexError);
    expect((error as Error).message).toMatch(/^Could not write the HNSW graph in the new version's folder ".*\/store\/v-[^/"]+": /);
    expect((error as Error).message).toMatch(cause);
    expect(await versionDir("store")).toBe(join(root, "store", before.version));
    expect((await readdir(join(root, "store"))).filter((n) => n.startsWith("v-"))).toEqual([before.version]);
    graphFiles.silent = null;
    expect((await build("store")).graph).toMatchObject({ mode: "incremental" });
  });
});

describe("the graph's memory", () => {
  it("is let go of once the graph is written, built in full or updated (not when the garbage collector gets to it)", async () => {
    await build("store");
    await editSeeds();
    expect((await build("store")).graph).toMatchObject({ mode: "incremental" });
    expect(graphFiles.made).toHaveLength(2);
    // A graph of one element is what is left of each (the ingest's next step, the term index, is its memory peak).
    expect(graphFiles.made.map((g) => g.getMaxElements())).toEqual([1, 1]);
  });
});

describe("the graph is built in full instead", () => {
  it("once deleted labels would pass a fifth of the graph, and then it holds no deleted label", async () => {
    await build("store");
    const modes: GraphWrite[] = [];
    // One article changed per re-index: each deletes its old points, until the bound.
    for (let round = 0; round < ARTICLES && !modes.some((m) => m.mode === "full"); round++) {
      await writeFile(join(seeds, file(round)), article(round, 1 + round, `\n\nRevision ${round}: the council changed the road budget again.`));
      modes.push((await build("store")).graph!);
    }
    const full = modes.at(-1)!;
    expect(modes.length).toBeGreaterThan(2);
    expect(modes.slice(0, -1).every((m) => m.mode === "incremental" && m.deletedShare <= 0.2)).toBe(true);
    expect(modes.at(-2)!.deletedShare).toBeGreaterThan(0.1);
    expect(full).toMatchObject({ mode: "full", deleted: 0, deletedShare: 0 });
    expect(full.reason).toMatch(/^\d+\.\d % of the graph's labels would be deleted ones \(more than 20 %\)$/);
    const labels = (await readLabels(await versionDir("store")))!;
    expect(labels.size).toBe(labels.labels.length);
    expect(labels.labels).toEqual(labels.labels.map((_, i) => i));
  });

  it("when a changed HNSW setting, another embedder or --force made or asks for the serving graph", async () => {
    await build("store");
    const manifestFile = join(await versionDir("store"), "manifest.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, hnsw: { ...manifest.hnsw, m: 32 } }));
    await editSeeds();
    expect((await build("store")).graph).toMatchObject({ mode: "full", reason: "the serving version has a graph of cosine M 32 efConstruction 200, now cosine M 16 efConstruction 200" });

    const other = new LocalHashEmbeddings({ dims: 256 });
    const otherEmbedder: Embedder = { id: other.id, embeddings: other };
    expect((await build("store", { embedder: otherEmbedder })).graph).toMatchObject({
      mode: "full",
      reason: "the serving version was built with embedder local-hash-v1:512, but local-hash-v1:256 is configured",
    });
    await writeFile(join(seeds, "another.md"), article(2000, 20));
    expect((await build("store", { embedder: otherEmbedder })).graph).toMatchObject({ mode: "incremental" });
    expect((await build("store", { embedder: otherEmbedder, force: true })).graph).toMatchObject({ mode: "full", reason: "forced (--force)" });
  });
});

describe("a damaged serving version", () => {
  it("with an unreadable labels.json or graph is refused by the loader, and the next build makes the graph in full", async () => {
    await build("store");
    const serving = await versionDir("store");
    await writeFile(join(serving, LABELS_FILE), '{"size": 3, "labels": [0, 1, 7], "vectors": ["a", "b", "c"]}');
    await expect(createHnswStore(join(root, "store")).load(embedder)).rejects.toThrow(/cannot be read \(labels\.json is invalid: .*\); run `npm run ingest` to re-index/);
    const repaired = await build("store"); // the seeds did not change: rebuilt because the serving version does not load
    expect(repaired.graph).toMatchObject({ mode: "full" });
    expect(repaired.graph!.reason).toMatch(/^the serving version's labels cannot be read \(labels\.json is invalid/);
    await expectSameSearches(await repaired.load(), await (await build("fresh")).load());

    await writeFile(join(await versionDir("store"), "hnswlib.index"), "half a graph");
    await expect(createHnswStore(join(root, "store")).load(embedder)).rejects.toThrow(/cannot be read/);
    const again = await build("store");
    expect(again.graph).toMatchObject({ mode: "full" });
    expect(again.graph!.reason).toMatch(/^the serving graph cannot be read \(/);
    await expectSameSearches(await again.load(), await (await build("fresh")).load());
  });

  it("with a manifest that cannot be read is rebuilt in full, the reason naming the manifest and its error (not \"there is no serving version\")", async () => {
    await build("store");
    await unlink(join(await versionDir("store"), "manifest.json"));
    const missing = await build("store");
    expect(missing.graph).toMatchObject({ mode: "full", reason: "the serving version's manifest cannot be read (ENOENT)" });
    await expectSameSearches(await missing.load(), await (await build("fresh")).load());

    await writeFile(join(await versionDir("store"), "manifest.json"), '{"formatVersion": ');
    const corrupt = await build("store");
    expect(corrupt.graph).toMatchObject({ mode: "full" });
    expect(corrupt.graph!.reason).toMatch(/^the serving version's manifest cannot be read \(.*JSON/);
    await expectSameSearches(await corrupt.load(), await (await build("fresh")).load());
  });

  it("whose graph lacks a label its labels.json lists (the counts agreeing) is refused by the loader, and the next build makes the graph in full", async () => {
    await build("store");
    const serving = await versionDir("store");
    const { size, labels } = (await readLabels(serving))!;
    // The same points, the last chunk's under a label past labels.json's size: as many points, one label missing.
    const read = new hnswlib.HierarchicalNSW(HNSW_PARAMS.space, embeddings.dims);
    await read.readIndex(join(serving, "hnswlib.index"));
    const moved = new hnswlib.HierarchicalNSW(HNSW_PARAMS.space, embeddings.dims);
    moved.initIndex(size + 1, HNSW_PARAMS.m, HNSW_PARAMS.efConstruction, HNSW_PARAMS.randomSeed);
    const last = labels.at(-1)!;
    for (const label of labels) moved.addPoint(read.getPoint(label), label === last ? size : label);
    await moved.writeIndex(join(serving, "hnswlib.index"));
    expect(moved.getCurrentCount()).toBe(size);

    await expect(createHnswStore(join(root, "store")).load(embedder)).rejects.toThrow(
      new RegExp(`does not match its labels \\(the graph has no label ${last}\\); run \`npm run ingest\` to re-index`),
    );
    const repaired = await build("store"); // the seeds did not change: rebuilt because the serving version does not load
    expect(repaired.graph).toMatchObject({ mode: "full", reason: `the serving graph does not match its labels (it has no label ${last})` });
    await expectSameSearches(await repaired.load(), await (await build("fresh")).load());
  });

  it("with a labels.json that parses but does not fit its version (a label twice, chunks missing) is rebuilt in full, and then every chunk is found", async () => {
    const twice = (l: GraphLabels) => {
      l.labels[2] = l.labels[1]!;
    };
    const lastMissing = (l: GraphLabels) => {
      l.labels.pop();
      l.vectors.pop();
    };
    const damages: [string, (labels: GraphLabels) => void, RegExp][] = [
      ["a label given to two chunks", twice, /labels\.json is invalid: a label is given to two chunks/],
      ["its last chunk missing", lastMissing, /its labels\.json lists \d+ chunks, its manifest \d+/],
    ];
    for (const [what, damage, reason] of damages) {
      await build("store");
      const serving = await versionDir("store");
      const labels = (await readLabels(serving))!;
      damage(labels);
      await writeFile(join(serving, LABELS_FILE), JSON.stringify(labels));
      await expect(createHnswStore(join(root, "store")).load(embedder), what).rejects.toThrow(/; run `npm run ingest` to re-index/);

      const repaired = await build("store"); // the seeds did not change: rebuilt because the serving version does not load
      expect(repaired.graph, what).toMatchObject({ mode: "full", deleted: 0 });
      expect(repaired.graph!.reason, what).toMatch(reason);
      const index = await repaired.load();
      const all = index.chunks.length;
      expect((await index.vectorSearch(await embeddings.embedQuery("river port harvest"), all)).length, what).toBe(all);
      await expectSameSearches(index, await (await build("fresh")).load());
      await rm(join(root, "store"), { recursive: true });
      await rm(join(root, "fresh"), { recursive: true });
    }
  });
});

describe("an index written before labels.json", () => {
  /** The store's version as the code before labels wrote it: the same files but labels.json (label i = chunk i). */
  async function writtenBeforeLabels(store: string): Promise<void> {
    await build(store);
    await unlink(join(await versionDir(store), LABELS_FILE));
  }

  it("loads as before and is updated in place of a rebuild, searching exactly as a full build", async () => {
    await writtenBeforeLabels("store");
    const old = await createHnswStore(join(root, "store")).load(embedder);
    await expectSameSearches(old, await (await build("fresh")).load());
    await rm(join(root, "fresh"), { recursive: true });

    await editSeeds();
    const { summary, graph, load } = await build("store");
    expect(graph).toMatchObject({ mode: "incremental" });
    expect(graph!.added).toBeLessThan(summary.chunks / 4);
    await expectSameSearches(await load(), await (await build("fresh")).load());
  });

  it("keeps a label only where the graph holds the chunk's vector (the manifest's order is a guess)", async () => {
    await writtenBeforeLabels("store");
    // Two articles listed in swapped order: the ids guessed for their labels are wrong.
    const manifestFile = join(await versionDir("store"), "manifest.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
    const [a, b] = [manifest.articles[1], manifest.articles[2]];
    manifest.articles[1] = b;
    manifest.articles[2] = a;
    await writeFile(manifestFile, JSON.stringify(manifest));
    await writeFile(join(seeds, "new.md"), article(1000, 28));

    const { graph, load } = await build("store");
    expect(graph).toMatchObject({ mode: "incremental" });
    // The new article's chunks, and those of the two swapped articles, were added anew.
    const swapped = (await load()).chunks.filter((c) => c.articleId === a.id || c.articleId === b.id).length;
    const added = (await load()).chunks.filter((c) => c.articleId === "new.md").length;
    expect(graph!.added).toBe(added + swapped);
    await expectSameSearches(await load(), await (await build("fresh")).load());
  });
});
