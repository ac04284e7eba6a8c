// "Останні новини про X" by the knowledge base's clock: the newest article published by today
// comes first, not one dated later (a year mistyped as 9999, an announcement for tomorrow).
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import { loadConfig } from "../../src/config/config.js";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { preferNewest } from "../../src/knowledge-base/time-questions.js";
import type { RankedPassage } from "../../src/retrieval/passage.js";
import { silentLogger } from "../../src/shared/logger.js";

// 4 February in Kyiv (12:00 there).
const NOW = new Date("2026-02-04T10:00:00Z");
const ARTICLES: Record<string, string> = {
  "today.md": "---\ntitle: Ковзанка працює\ndate: 2026-02-04\n---\nКовзанка на Контрактовій площі працює до 22:00.\n",
  "older.md": "---\ntitle: Ковзанку залили\ndate: 2026-02-01\n---\nКовзанку на Контрактовій площі залили водою.\n",
  "tomorrow.md": "---\ntitle: Анонс ковзанки\ndate: 2026-02-05\n---\nКовзанка на Контрактовій площі завтра закриється на обслуговування.\n",
  "typo.md": "---\ntitle: Ковзанка з помилкою в році\ndate: 9999-12-31\n---\nКовзанка на Контрактовій площі отримала новий лід.\n",
};

let root: string;
let kb: LocalKnowledgeBase;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "recency-future-"));
  const seeds = join(root, "seeds");
  await mkdir(seeds);
  for (const [name, text] of Object.entries(ARTICLES)) await writeFile(join(seeds, name), text);
  kb = await createApp({ ...loadConfig({}), seedsDir: seeds, vectorstoreDir: join(root, "store"), llmModel: null }, { logger: silentLogger, clock: { now: () => NOW } });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("the latest on a topic", () => {
  it("reads today's article first; those dated after today come after the published ones, still read", async () => {
    const a = await kb.ask("Останні новини про ковзанку");
    expect(a.recency).toBe(true);
    // No one sentence answers "the latest": the articles on the topic are listed.
    expect(a.kind).toBe("listing");
    const dates = a.citations.map((c) => c.date?.slice(0, 10));
    expect(dates.slice(0, 2)).toEqual(["2026-02-04", "2026-02-01"]);
    expect(dates).toContain("9999-12-31");
  });

  it("orders the passages read the same way, those dated after today in rank order after the published ones", () => {
    const passage = (id: string, date: string, score: number): RankedPassage => ({
      chunk: { id: `${id}#0`, articleId: id, title: id, date, url: null, n: 0, start: 0, end: 4, text: "text" },
      score,
    });
    const passages = [passage("typo", "9999-12-31", 1), passage("tomorrow", "2026-02-05", 0.9), passage("older", "2026-02-01", 0.8), passage("today", "2026-02-04", 0.7), passage("off", "2026-02-04", 0.1)];
    expect(preferNewest(passages, "2026-02-04").map((p) => p.chunk.articleId)).toEqual(["today", "older", "typo", "tomorrow", "off"]);
  });
});
