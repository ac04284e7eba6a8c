// Answers while /reindex rebuilds every chunk of a synthetic corpus: with the build in a child
// process the event loop stays free. REINDEX_CHUNKS scales the corpus (default ~2,000 chunks;
// docs/reliability.md quotes a 20,000-chunk run).
import { appendFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import { loadConfig, type Config } from "../../src/config/config.js";
import { silentLogger } from "../../src/shared/logger.js";
import { figure, percentile } from "./figures.js";

const TARGET_CHUNKS = Number(process.env.REINDEX_CHUNKS ?? 2_000);
const CHUNKS_PER_ARTICLE = 10; // about: 10 paragraphs of ~700 characters
const QUESTIONS_PER_SECOND = 10;

const WORDS = "місто річка вчитель лікар завод поле школа вибори бюджет музей театр потяг міст ліс озеро зерно вугілля дорога порт фестиваль виставка бібліотека лікарня університет парламент уряд реформа податок експорт енергія".split(" ");

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function writeSyntheticSeeds(dir: string, chunks: number): Promise<number> {
  await mkdir(dir, { recursive: true });
  const rnd = random(7);
  const word = (): string => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const sentence = (): string => `${Array.from({ length: 8 + Math.floor(rnd() * 8) }, word).join(" ")}.`;
  const paragraph = (): string => Array.from({ length: 7 }, sentence).join(" ");
  const articles = Math.ceil(chunks / CHUNKS_PER_ARTICLE);
  for (let i = 0; i < articles; i++) {
    await writeFile(join(dir, `a${i}.txt`), ` date 2026-01-${String(1 + (i % 28)).padStart(2, "0")} ${Array.from({ length: CHUNKS_PER_ARTICLE }, paragraph).join("\n\n")}`);
  }
  return articles;
}

let root: string;
let config: Config;
let articles = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "reindex-latency-"));
  config = { ...loadConfig({}), seedsDir: join(root, "seeds"), vectorstoreDir: join(root, "store") };
  articles = await writeSyntheticSeeds(config.seedsDir, TARGET_CHUNKS);
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Asks questions on a fixed schedule while `work` runs; latency counts from the scheduled time. */
async function latenciesDuring(ask: (q: string) => Promise<unknown>, work: Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  void work.finally(() => (done = true));
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; !done; i++) {
    const due = started + (i * 1000) / QUESTIONS_PER_SECOND;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(ask(`${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]}?`).then(() => void latencies.push(performance.now() - due)));
  }
  await Promise.all(pending);
  await work;
  return latencies;
}

describe("answers during a re-index", () => {
  for (const mode of ["child process", "event loop (before)"] as const) {
    it(`re-index on the ${mode}: answer p95`, async () => {
      const kb = await createApp(config, { logger: silentLogger, reindexInChild: mode === "child process" });
      const chunks = kb.info().chunks;
      // Change every article, so every chunk is embedded again.
      for (let i = 0; i < articles; i++) await appendFile(join(config.seedsDir, `a${i}.txt`), `\n\nЗміна ${mode} ${i}.`);
      const started = Date.now();
      const latencies = await latenciesDuring((q) => kb.ask(q), kb.reindex());
      const p95 = percentile(latencies, 95);
      figure(`answers during /reindex, build on the ${mode}`, {
        chunks,
        reindexMs: Date.now() - started,
        questions: latencies.length,
        p50Ms: Math.round(percentile(latencies, 50)),
        p95Ms: Math.round(p95),
        maxMs: Math.round(Math.max(...latencies)),
      });
      if (mode === "child process") expect(p95).toBeLessThanOrEqual(1_000);
    }, 600_000);
  }
});
