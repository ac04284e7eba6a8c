import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSentencePool, poolSentences, writeCorpus, type SentencePool } from "../../src/bench/corpus.js";
import { createBm25RetrieverPeer, createMemoryVectorStorePeer, recallAt } from "../../src/bench/peers.js";
import { createRandom } from "../../src/bench/prng.js";
import { formatTable, type SizeResult } from "../../src/bench/report.js";
import { percentile, summarize } from "../../src/bench/stats.js";

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(os.tmpdir(), "bench-test-"));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const POOL: SentencePool = {
  uk: ["Київ є столицею України з давніх часів.", "Дніпро протікає через усю країну з півночі.", "Серджіо Гор став послом у листопаді."],
  en: ["The river flows through the whole country.", "Paris is the capital city of France.", "The committee met twice in the spring."],
};
// One chunk per started 300 characters: a stand-in for the real chunker.
const countChunks = (body: string): number => Math.max(1, Math.ceil(body.length / 300));

describe("prng", () => {
  it("repeats for a seed and differs across seeds", () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe("corpus", () => {
  it("splits sentences at sentence ends only", () => {
    expect(poolSentences("Перше речення тут стоїть. Друге речення теж є! 3.5 km is short, ok.")).toEqual([
      "Перше речення тут стоїть.",
      "Друге речення теж є!",
      "3.5 km is short, ok.",
    ]);
  });

  it("writes exactly the requested number of chunks, deterministically", async () => {
    const a = await tempDir();
    const b = await tempDir();
    const statsA = await writeCorpus({ dir: a, chunks: 57, seed: 3, pool: POOL, countChunks });
    const statsB = await writeCorpus({ dir: b, chunks: 57, seed: 3, pool: POOL, countChunks });
    expect(statsA.chunks).toBe(57);
    expect(statsB).toEqual(statsA);
    const files = (await readdir(a)).sort();
    expect(files.length).toBe(statsA.articles);
    let total = 0;
    for (const file of files) {
      const text = await readFile(join(a, file), "utf8");
      expect(await readFile(join(b, file), "utf8")).toBe(text);
      expect(text.startsWith("---\ntitle: Synthetic article")).toBe(true);
      total += countChunks(text.slice(text.indexOf("---\n", 4) + 4, -1));
    }
    expect(total).toBe(57);
  });

  it("pools the eval sets' passages by language", async () => {
    const dir = await tempDir();
    const write = async (set: string, text: string) => {
      await mkdir(join(dir, set, "articles"), { recursive: true });
      await writeFile(join(dir, set, "articles", "a.txt"), text);
    };
    await write("uk-set", "Серджіо Гор зустрівся з президентом Киргизстану в Бішкеку. Форум B5+1 відкрився 4 лютого.");
    await write("en-set", "The Huguenots were French Protestants who fled France. Many of them settled in New Rochelle.");
    const pool = await loadSentencePool(dir);
    expect(pool.uk).toHaveLength(2);
    expect(pool.en).toHaveLength(2);
    expect(pool.uk.every((s) => /\p{Script=Cyrillic}/u.test(s))).toBe(true);
    expect(pool.en.some((s) => /\p{Script=Cyrillic}/u.test(s))).toBe(false);
  });
});

describe("stats", () => {
  it("takes nearest-rank percentiles", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(summarize([2, 1, 3])).toEqual({ p50: 2, p95: 3, p99: 3 });
  });
});

describe("peers", () => {
  const docs = [
    { id: "a", text: "the cat sat on the mat" },
    { id: "b", text: "dogs chase cats in the park" },
    { id: "c", text: "stock markets fell sharply today" },
  ];

  it("MemoryVectorStore ranks by cosine over the vectors we give it", async () => {
    const vectors = [[1, 0, 0], [0.8, 0.6, 0], [0, 0, 1]];
    const unused = { embedDocuments: async () => [], embedQuery: async () => [] };
    const peer = await createMemoryVectorStorePeer(docs, vectors, unused);
    expect(await peer.search([0, 0.1, 1], 2)).toEqual(["c", "b"]);
  });

  it("BM25Retriever finds the document sharing the query's words", async () => {
    const peer = createBm25RetrieverPeer(docs, 1);
    expect(await peer.search("stock markets")).toEqual(["c"]);
  });

  it("recall counts the exact ids found", () => {
    expect(recallAt(["a", "b", "x"], ["a", "b", "c"])).toBeCloseTo(2 / 3);
    expect(recallAt([], [])).toBe(1);
  });
});

describe("report", () => {
  it("puts the peers beside ours in the table", () => {
    const p = { p50: 1, p95: 2, p99: 3 };
    const size: SizeResult = {
      chunks: 1000, articles: 400,
      ingest: { chunksPerSec: 5000, embedMs: 100, buildMs: 50, readMs: 10, totalMs: 200 },
      indexBytes: 2 * 1024 ** 2, rssMb: 150, rss: { ingestMb: 150, serveMb: 120 }, loadMs: 40, openMs: 60,
      retrieval: p, retrievalByMode: { vector: p, bm25: p, fused: p }, ask: { p50: 3, p95: 4 },
      hnswRecallAt10: 0.995, queries: 200,
      peers: {
        memoryVectorStore: { p95: 80, ratio: 40, ratioLikeForLike: 40, queries: 200 },
        bm25Retriever: { p95: 900, ratio: 450, ratioLikeForLike: 450, queries: 12 },
      },
    };
    const machine = { cpu: "Test CPU", cores: 2, memoryGb: 4, node: "v20", os: "Linux" };
    const table = formatTable({ machine, command: "npm run bench", sizes: [size] });
    expect(table).toContain("Test CPU, 2 cores");
    expect(table).toContain("| 1,000 | files | 5,000 |");
    expect(table).toContain("80.0 (40×, 40×)");
    expect(table).toContain("900.0 (450×, 450×) [12 q]");
  });
});
