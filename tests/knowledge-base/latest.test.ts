// /latest's list: the newest articles published by today, by the knowledge base's clock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { openTempApp } from "../helpers/temp-app.js";

// 4 February in Kyiv (12:00 there).
const NOW = new Date("2026-02-04T10:00:00Z");
const ARTICLES: Record<string, string> = {
  "today.md": "---\ntitle: Міст відкрили\ndate: 2026-02-04\n---\nМіст через Дніпро відкрили для руху.\n",
  "older.md": "---\ntitle: Трамвай подорожчав\ndate: 2026-02-01\n---\nПроїзд у трамваї коштує 15 гривень.\n",
  "tomorrow.md": "---\ntitle: Анонс на завтра\ndate: 2026-02-05\n---\nЗавтра в парку відкриють ковзанку.\n",
  "typo.md": "---\ntitle: Рік з помилкою\ndate: 9999-12-31\n---\nОбсерваторія отримала новий телескоп.\n",
};

let kb: LocalKnowledgeBase;
let remove: () => Promise<void>;

beforeAll(async () => {
  ({ kb, remove } = await openTempApp("latest-", ARTICLES, { config: { llmModel: null }, deps: { clock: { now: () => NOW } } }));
});
afterAll(() => remove?.());

describe("latest", () => {
  it("lists the articles dated up to today, newest first: one dated later (a year mistyped as 9999, an announcement) does not sit on top", () => {
    expect(kb.latest(5).map((a) => a.date)).toEqual(["2026-02-04", "2026-02-01"]);
    expect(kb.latest(1).map((a) => a.title)).toEqual(["Міст відкрили"]);
  });
});
