// /latest's list: the newest articles published by today, by the knowledge base's clock.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import { loadConfig } from "../../src/config/config.js";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { silentLogger } from "../../src/shared/logger.js";

// 4 February in Kyiv (12:00 there).
const NOW = new Date("2026-02-04T10:00:00Z");
const ARTICLES: Record<string, string> = {
  "today.md": "---\ntitle: Міст відкрили\ndate: 2026-02-04\n---\nМіст через Дніпро відкрили для руху.\n",
  "older.md": "---\ntitle: Трамвай подорожчав\ndate: 2026-02-01\n---\nПроїзд у трамваї коштує 15 гривень.\n",
  "tomorrow.md": "---\ntitle: Анонс на завтра\ndate: 2026-02-05\n---\nЗавтра в парку відкриють ковзанку.\n",
  "typo.md": "---\ntitle: Рік з помилкою\ndate: 9999-12-31\n---\nОбсерваторія отримала новий телескоп.\n",
};

let root: string;
let kb: LocalKnowledgeBase;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "latest-"));
  const seeds = join(root, "seeds");
  await mkdir(seeds);
  for (const [name, text] of Object.entries(ARTICLES)) await writeFile(join(seeds, name), text);
  kb = await createApp({ ...loadConfig({}), seedsDir: seeds, vectorstoreDir: join(root, "store"), llmModel: null }, { logger: silentLogger, clock: { now: () => NOW } });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("latest", () => {
  it("lists the articles dated up to today, newest first: one dated later (a year mistyped as 9999, an announcement) does not sit on top", () => {
    expect(kb.latest(5).map((a) => a.date)).toEqual(["2026-02-04", "2026-02-01"]);
    expect(kb.latest(1).map((a) => a.title)).toEqual(["Міст відкрили"]);
  });
});
