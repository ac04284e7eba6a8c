// "Останні новини про X" by the knowledge base's clock: the newest article published by today
// comes first, not one dated later (a year mistyped as 9999, an announcement for tomorrow); nor is
// such an article quoted as the newest report of a story, nor named as the day the answer is "as of".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { asOfDate, preferNewest } from "../../src/knowledge-base/time-questions.js";
import type { RankedPassage } from "../../src/retrieval/passage.js";
import { answerText } from "../../src/texts/answer-texts.js";
import { openTempApp } from "../helpers/temp-app.js";

// 4 February in Kyiv (12:00 there).
const NOW = new Date("2026-02-04T10:00:00Z");
const ARTICLES: Record<string, string> = {
  "today.md": "---\ntitle: Ковзанка працює\ndate: 2026-02-04\n---\nКовзанка на Контрактовій площі працює до 22:00.\n",
  "older.md": "---\ntitle: Ковзанку залили\ndate: 2026-02-01\n---\nКовзанку на Контрактовій площі залили водою.\n",
  "tomorrow.md": "---\ntitle: Анонс ковзанки\ndate: 2026-02-05\n---\nКовзанка на Контрактовій площі завтра закриється на обслуговування.\n",
  "typo.md": "---\ntitle: Ковзанка з помилкою в році\ndate: 9999-12-31\n---\nКовзанка на Контрактовій площі отримала новий лід.\n",
  // One story, two reports: the later one (tests/fixtures/dated's of 3 February) with its year mistyped.
  "metro.md":
    "---\ntitle: Відкриття метро перенесли\ndate: 2026-01-27\n---\nВідкриття нових станцій метро у Дніпрі перенесли на квітень 2026 року через затримку постачання ескалаторів. Про це у понеділок повідомив міський голова Борис Філатов. Ескалатори виготовляє чеський завод.\n",
  "metro-typo.md":
    "---\ntitle: Монтаж ескалаторів завершили\ndate: 9999-12-31\n---\nУчора на станції метро «Театральна» у Дніпрі завершили монтаж ескалаторів. Пробний запуск потягів на новій ділянці метро розпочнеться цього тижня. Відкриття трьох станцій призначено на 15 травня 2026 року.\n",
};

let kb: LocalKnowledgeBase;
let remove: () => Promise<void>;

beforeAll(async () => {
  ({ kb, remove } = await openTempApp("recency-future-", ARTICLES, { config: { llmModel: null }, deps: { clock: { now: () => NOW } } }));
});
afterAll(() => remove?.());

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

  it("lists a period, or the newest articles, published first: those dated after today come after them", async () => {
    for (const question of ["Що нового?", "Що писали у лютому?"]) {
      const a = await kb.ask(question);
      expect(a.kind).toBe("listing");
      expect(a.citations.map((c) => c.date?.slice(0, 10)).slice(0, 2)).toEqual(["2026-02-04", "2026-02-01"]);
      expect(a.citations.map((c) => c.date?.slice(0, 10))).toContain("2026-02-05");
    }
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

describe("a story's newest report and 'as of'", () => {
  it("quotes the newest report published by today, as of its day, not one dated after today", async () => {
    const a = await kb.ask("Що нового про відкриття станцій метро в Дніпрі?");
    expect(a.citations[0]?.date?.slice(0, 10)).toBe("2026-01-27");
    expect(a.asOf).toBe("2026-01-27");
    expect(answerText(a)).toMatch(/^Станом на 27 січня 2026: Відкриття нових станцій метро у Дніпрі перенесли на квітень/);
  });

  it("says no 'as of' when the newest cited article is dated after today", async () => {
    const a = await kb.ask("Що нового про новий лід на ковзанці?");
    expect(a.citations.map((c) => c.date?.slice(0, 10))).toEqual(["9999-12-31"]);
    expect(a.asOf).toBeUndefined();
    expect(answerText(a)).not.toMatch(/Станом на/);
    const cited = (date: string) => ({ n: 1, articleId: date, chunkId: `${date}#0`, title: date, date, url: null, quote: "", start: 0, end: 0 });
    expect(asOfDate([cited("2026-01-27"), cited("2026-02-05")], false, "2026-02-04")).toBeNull();
    expect(asOfDate([cited("2026-01-27"), cited("2026-02-04")], false, "2026-02-04")).toBe("2026-02-04");
  });
});
