// Skipped files and warnings are logged at info level one by one (file and reason, never the
// article's text), bounded, when an index is built and when a bot starts on a current one.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/app/create-answerer.js";
import { loadConfig } from "../../src/config/config.js";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import { openKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { silentLogger, type Logger } from "../../src/shared/logger.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";

const embeddings = new LocalHashEmbeddings();
const embedder: Embedder = { id: embeddings.id, embeddings };
const MAX = 100_000;
const SECRET_TEXT = "Пасічники Поділля цього року зібрали рекордний урожай липового меду";

interface Line {
  level: string;
  obj: unknown;
  msg: string;
}
function recordingLogger(lines: Line[]): Logger {
  const log = (level: string) => (obj: unknown, msg?: string) => void lines.push({ level, obj, msg: msg ?? String(obj) });
  return { ...silentLogger, debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error"), child: () => recordingLogger(lines) } as unknown as Logger;
}

let root: string;
let seeds: string;
let storeDir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "log-problems-"));
  seeds = join(root, "seeds");
  storeDir = join(root, "store");
  await mkdir(seeds);
  await writeFile(join(seeds, "bees.md"), `---\ntitle: Бджоли\ndate: 2026-13-45\n---\n${SECRET_TEXT}.`);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const problemLines = (lines: Line[]) => lines.filter((l) => l.level === "info" && /^article (skipped|indexed with a warning)$/.test(l.msg));

describe("skipped files and warnings in the log", () => {
  it("are logged at info level (the bot's default; not the command line's, whose summary lists them) with file and reason, not only counted", async () => {
    await writeFile(join(seeds, "empty.txt"), "");
    const lines: Line[] = [];
    await buildIndex({ seedsDir: seeds, store: createHnswStore(storeDir), embedder, maxArticleBytes: MAX, logger: recordingLogger(lines) });
    const logged = problemLines(lines);
    expect(logged).toEqual([
      expect.objectContaining({ msg: "article skipped", obj: expect.objectContaining({ file: "empty.txt", reason: expect.stringMatching(/empty/) }) }),
      expect.objectContaining({ msg: "article indexed with a warning", obj: expect.objectContaining({ file: "bees.md", reason: expect.stringMatching(/2026-13-45/) }) }),
    ]);
    expect(JSON.stringify(lines)).not.toContain(SECRET_TEXT);

    // A bot starting on this index, current now, says them again.
    const started: Line[] = [];
    const logger = recordingLogger(started);
    await openKnowledgeBase({ seedsDir: seeds, maxArticleBytes: MAX, store: createHnswStore(storeDir), embedder, answerer: await createAnswerer(loadConfig({}), logger), logger });
    expect(problemLines(started).map((l) => (l.obj as { file: string }).file)).toEqual(["empty.txt", "bees.md"]);
  });

  it("at most 20 lines, then one saying how many more", async () => {
    for (let i = 0; i < 25; i++) await writeFile(join(seeds, `data-${String(i).padStart(2, "0")}.json`), "{}");
    const lines: Line[] = [];
    await buildIndex({ seedsDir: seeds, store: createHnswStore(storeDir), embedder, maxArticleBytes: MAX, logger: recordingLogger(lines) });
    expect(problemLines(lines)).toHaveLength(20);
    const more = lines.find((l) => l.level === "info" && /^and 6 more/.test(l.msg));
    expect(more?.obj).toEqual({ more: 6, skipped: 5, warnings: 1 });
  });
});
