// The closest articles a "not found" answer names: one line per article, even when two share a title.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answerer } from "../../src/answers/answer.js";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { openTempApp } from "../helpers/temp-app.js";

const ARTICLES: Record<string, string> = {
  "dup-a.md": "---\ntitle: Засідання міськради\ndate: 2026-03-14\n---\nМіськрада вирішила підвищити тарифи на проїзд у метро до 20 гривень.\n",
  "dup-b.md": "---\ntitle: Засідання міськради\ndate: 2026-03-15\n---\nМіськрада вирішила перейменувати вулицю Пушкіна на вулицю Шевченка.\n",
};
// A model that finds no answer: the answer is "not found", with the closest articles.
const refusing: Answerer = { mode: "llm", answer: async () => ({ mode: "llm", text: "", citations: [], notFound: true }) };

let kb: LocalKnowledgeBase;
let remove: () => Promise<void>;

beforeAll(async () => {
  ({ kb, remove } = await openTempApp("closest-titles-", ARTICLES, { deps: { answerer: refusing } }));
});
afterAll(() => remove?.());

describe("closest titles", () => {
  it("names two articles of the same title twice: they are two articles, not one", async () => {
    const a = await kb.ask("Що вирішила міськрада?");
    expect(a).toMatchObject({ notFound: true, reason: "answerer" });
    expect(a.closestTitles).toEqual(["Засідання міськради", "Засідання міськради"]);
  });
});
