import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { splitSentences } from "../answers/sentences.js";
import { createRandom, pick, type Random } from "./prng.js";

/** Sentences to recombine, by language. */
export interface SentencePool {
  uk: string[];
  en: string[];
}

const CYRILLIC = /\p{Script=Cyrillic}/gu;

/** A passage's sentences worth recombining: whitespace collapsed, at least 20 characters. */
export function poolSentences(text: string): string[] {
  return splitSentences(text)
    .map((s) => s.text.replace(/\s+/g, " ").trim())
    .filter((s) => s.length >= 20);
}

/**
 * Reads every `<evalDir>/<set>/articles/*.txt` passage and pools its sentences by language
 * (Cyrillic-heavy sentences count as Ukrainian).
 */
export async function loadSentencePool(evalDir: string): Promise<SentencePool> {
  const pool: SentencePool = { uk: [], en: [] };
  const sets = await readdir(evalDir, { withFileTypes: true });
  for (const set of sets.filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const articlesDir = join(evalDir, set.name, "articles");
    const files = await readdir(articlesDir).catch(() => [] as string[]);
    for (const file of files.filter((f) => f.endsWith(".txt")).sort()) {
      for (const sentence of poolSentences(await readFile(join(articlesDir, file), "utf8"))) {
        const cyrillic = sentence.match(CYRILLIC)?.length ?? 0;
        (cyrillic * 3 > sentence.length ? pool.uk : pool.en).push(sentence);
      }
    }
  }
  if (pool.uk.length === 0 && pool.en.length === 0) {
    throw new Error(`No passages found under ${evalDir}/*/articles/*.txt: pass --eval DIR pointing at the shared eval sets.`);
  }
  return pool;
}

export interface CorpusOptions {
  /** Folder to write the article files into (created if missing). */
  dir: string;
  /** Exact number of chunks the corpus must produce. */
  chunks: number;
  seed: number;
  pool: SentencePool;
  /** How many chunks the real chunker makes of an article body (so the total is exact). */
  countChunks: (body: string) => number;
}

/** What `writeCorpus` produced. */
export interface CorpusStats {
  articles: number;
  chunks: number;
  bytes: number;
}

/**
 * Writes a deterministic synthetic corpus of exactly `chunks` chunks as Markdown articles with
 * front matter: each article recombines 1–4 paragraphs of random sentences of one language.
 */
export async function writeCorpus(options: CorpusOptions): Promise<CorpusStats> {
  const { dir, chunks: target, pool, countChunks } = options;
  const random = createRandom(options.seed);
  await mkdir(dir, { recursive: true });
  let chunks = 0;
  let bytes = 0;
  let articles = 0;
  let batch: Promise<void>[] = [];
  while (chunks < target) {
    const lang = pickLanguage(random, pool);
    let paragraphs = Array.from({ length: 1 + Math.floor(random() * 4) }, () => paragraph(random, pool[lang]));
    let count = countChunks(paragraphs.join("\n\n"));
    // Near the end, shrink the article until it fits exactly; a single sentence is one chunk.
    while (chunks + count > target && paragraphs.length > 1) {
      paragraphs = paragraphs.slice(0, -1);
      count = countChunks(paragraphs.join("\n\n"));
    }
    for (let tries = 0; chunks + count > target; tries++) {
      if (tries === 100) throw new Error("No sentence fits in one chunk: cannot build an exact-size corpus.");
      paragraphs = [pick(random, pool[lang])];
      count = countChunks(paragraphs[0] as string);
    }
    const n = articles++;
    const day = 1 + (n % 28);
    const month = 1 + (Math.floor(n / 28) % 12);
    const text =
      `---\ntitle: Synthetic article ${n} (${lang})\ndate: 2024-${pad(month, 2)}-${pad(day, 2)}\n` +
      `url: https://example.org/bench/${n}\nsource: bench\n---\n${paragraphs.join("\n\n")}\n`;
    bytes += Buffer.byteLength(text);
    chunks += count;
    batch.push(writeFile(join(dir, `bench-${pad(n, 7)}.md`), text));
    if (batch.length >= 256) {
      await Promise.all(batch);
      batch = [];
    }
  }
  await Promise.all(batch);
  return { articles, chunks, bytes };
}

function pickLanguage(random: Random, pool: SentencePool): "uk" | "en" {
  if (pool.uk.length === 0) return "en";
  if (pool.en.length === 0) return "uk";
  return random() < 0.5 ? "uk" : "en";
}

/** 3–6 sentences, roughly 300–700 characters: about one chunk each. */
function paragraph(random: Random, sentences: readonly string[]): string {
  const count = 3 + Math.floor(random() * 4);
  return Array.from({ length: count }, () => pick(random, sentences)).join(" ");
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
