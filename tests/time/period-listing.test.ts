// A period holding more articles than a listing shows: the listing says how many more there are
// and how to narrow it down, in the question's language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { answerText } from "../../src/texts/answer-texts.js";
import { openTempApp } from "../helpers/temp-app.js";

const NOW = new Date("2026-02-04T10:00:00Z");
// 13 articles over the week up to 4 February: two a day, one on 29 January.
const DAYS = ["2026-01-29", "2026-01-30", "2026-01-30", "2026-01-31", "2026-01-31", "2026-02-01", "2026-02-01", "2026-02-02", "2026-02-02", "2026-02-03", "2026-02-03", "2026-02-04", "2026-02-04"];
const TOPICS = ["мости", "трамваї", "парки", "школи", "лікарні", "дороги", "театри", "музеї", "бібліотеки", "стадіони", "ринки", "вокзали", "аеропорти"];

const ARTICLES: Record<string, string> = Object.fromEntries(
  DAYS.map((day, i) => {
    const topic = TOPICS[i] ?? "";
    return [`news-${String(i).padStart(2, "0")}.md`, `---\ntitle: Міська рада обговорила ${topic}\ndate: ${day}\n---\nДепутати міської ради обговорили ${topic} та ухвалили план на рік.\n`];
  }),
);

let kb: LocalKnowledgeBase;
let remove: () => Promise<void>;

beforeAll(async () => {
  ({ kb, remove } = await openTempApp("period-listing-", ARTICLES, { config: { llmModel: null }, deps: { clock: { now: () => NOW } } }));
});
afterAll(() => remove?.());

describe("a listing cut short", () => {
  it("says how many more articles the period holds and names a day to ask about", async () => {
    const a = await kb.ask("що нового за тиждень?");
    expect(a.citations).toHaveLength(10);
    expect(a.more).toEqual({ count: 3, newest: "2026-01-30" });
    const text = answerText(a);
    expect(text.split("\n").at(-1)).toBe("…і ще 3 статті. Щоб побачити їх, запитайте про один день, наприклад: «Що було 30 січня 2026?», або додайте тему.");
    const en = answerText(await kb.ask("What's new over the past week?"));
    expect(en.split("\n").at(-1)).toBe("…and 3 more articles. To see them, ask about one day, e.g. “What happened on 30 January 2026?”, or add a topic.");
  });

  it("the day it suggests is a question that lists the articles left out", async () => {
    const a = await kb.ask("Що було 30 січня 2026?");
    expect(a).toMatchObject({ kind: "listing", dateRange: { from: "2026-01-30", to: "2026-01-30" } });
    expect(a.citations).toHaveLength(2);
    expect(a.more).toBeUndefined();
    expect(answerText(a)).not.toContain("…");
  });

  it("'what's new' without a period says how many older ones there are", async () => {
    const a = await kb.ask("Що нового?");
    expect(a.more).toEqual({ count: 3, newest: "2026-01-30" });
    expect(answerText(a)).toMatch(/^Найновіші статті:\n(?:.+\n){10}…і ще 3 статті\. /);
  });
});
