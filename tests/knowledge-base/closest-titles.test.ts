// The closest articles a "not found" answer names: one line per article, even when two share a title.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answerer } from "../../src/answers/answer.js";
import { createApp } from "../../src/app/create-app.js";
import { loadConfig } from "../../src/config/config.js";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { silentLogger } from "../../src/shared/logger.js";

const ARTICLES: Record<string, string> = {
  "dup-a.md": "---\ntitle: Засідання міськради\ndate: 2026-03-14\n---\nМіськрада вирішила підвищити тарифи на проїзд у метро до 20 гривень.\n",
  "dup-b.md": "---\ntitle: Засідання міськради\ndate: 2026-03-15\n---\nМіськрада вирішила перейменувати вулицю Пушкіна на вулицю Шевченка.\n",
};
// A model that finds no answer: the answer is "not found", with the closest articles.
const refusing: Answerer = { mode: "llm", answer: async () => ({ mode: "llm", text: "", citations: [], notFound: true }) };

let root: string;
let kb: LocalKnowledgeBase;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "closest-titles-"));
  const seeds = join(root, "seeds");
  await mkdir(seeds);
  for (const [name, text] of Object.entries(ARTICLES)) await writeFile(join(seeds, name), text);
  kb = await createApp({ ...loadConfig({}), seedsDir: seeds, vectorstoreDir: join(root, "store") }, { logger: silentLogger, answerer: refusing });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("closest titles", () => {
  it("names two articles of the same title twice: they are two articles, not one", async () => {
    const a = await kb.ask("Що вирішила міськрада?");
    expect(a).toMatchObject({ notFound: true, reason: "answerer" });
    expect(a.closestTitles).toEqual(["Засідання міськради", "Засідання міськради"]);
  });
});
