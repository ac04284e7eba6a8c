import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import { loadConfig } from "../../src/config/config.js";
import { continuesConversation, missesOwnWords, namesItsTopic } from "../../src/knowledge-base/follow-up.js";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import type { RankedPassage } from "../../src/retrieval/passage.js";
import { tokenize } from "../../src/terms/tokenize.js";
import { silentLogger } from "../../src/shared/logger.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";

describe("namesItsTopic", () => {
  const named = (q: string) => namesItsTopic(q, tokenize(q));
  it("is true for a question with two words of substance and nothing pointing back", () => {
    expect(named("Як називається пустельне місто?")).toBe(true);
    expect(named("Where was Sergio Gor born?")).toBe(true);
  });
  it("is false for a reply with one word of substance, or one pointing back (uk, ru, en)", () => {
    expect(named("А хто мер?")).toBe(false);
    expect(named("Скільки це коштувало?")).toBe(false);
    expect(named("А з ким він зустрівся у Ташкенті?")).toBe(false);
    expect(named("Сколько стоил этот мост?")).toBe(false);
    expect(named("When was this bridge opened?")).toBe(false);
  });
  it("does not take conjunctions for words pointing back", () => {
    expect(named("Хто такі Гор та Жапаров?")).toBe(true);
  });
});

describe("continuesConversation and missesOwnWords", () => {
  const passage = (text: string) => ({ chunk: { title: "", text } }) as unknown as RankedPassage;
  const earlier = tokenize("Хто такий Серджіо Гор?").map((term) => ({ term, weight: 1 }));
  it("a passage holding half the earlier questions' weight continues the conversation", () => {
    expect(continuesConversation(passage("Серджіо Гор прибув до Ташкента."), earlier)).toBe(true);
    expect(continuesConversation(passage("У Харкові відремонтували школи."), earlier)).toBe(false);
    expect(continuesConversation(undefined, earlier)).toBe(false);
  });
  it("a quote holding none of the question's own words misses them", () => {
    expect(missesOwnWords("Міст має чотири смуги руху. [1]", tokenize("А хто мер?"))).toBe(true);
    expect(missesOwnWords("Мер Харкова Ігор Терехов сказав… [1]", tokenize("А хто мер?"))).toBe(false);
    expect(missesOwnWords("Будь-що", [])).toBe(false);
  });
});

describe("replies to answers (follow-ups)", () => {
  let root: string;
  let kb: LocalKnowledgeBase;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "follow-ups-"));
    await cp("tests/fixtures/follow-ups", join(root, "seeds"), { recursive: true });
    kb = await createApp({ ...loadConfig({}), seedsDir: join(root, "seeds"), vectorstoreDir: join(root, "store") }, { logger: silentLogger });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const reply = async (first: string, then: string) => {
    const earlier = await kb.ask(first);
    return kb.ask(then, { history: [{ question: first, answer: earlier.remembered ?? earlier.answer }] });
  };

  it("a reply naming a new place of the same story is answered from the article about it, not the earlier one", async () => {
    const answer = await reply("Хто такий Серджіо Гор?", "А з ким він зустрівся у Ташкенті?");
    expect(answer.citations[0]?.articleId).toBe("gor2.md");
    expect(answer.answer).toContain("Саїдовим");
  });

  it("a question of its own asked as a reply to another story is answered as if asked alone", async () => {
    const answer = await reply("Що ремонтують у Харкові?", "Яка компанія була підрядником мосту?");
    expect(answer.citations[0]?.articleId).toBe("lviv.md");
    expect(answer.answer).toContain("Автомагістраль-Південь");
    expect(answer.unsure).toBeUndefined();
    const visit = await reply("Що ремонтують у Харкові?", "Що обговорили в Бішкеку?");
    expect(visit.citations[0]?.articleId).toBe("gor.md");
  });

  it("a reply that leans on the conversation keeps its topic", async () => {
    const answer = await reply("Що відкрили у Львові?", "Скільки він коштував?");
    expect(answer.answer).toContain("480 мільйонів");
    // "Скільки це коштувало?" under the schools in Kharkiv is not the bridge in Lviv's cost.
    const schools = await reply("Що ремонтують у Харкові?", "Скільки це коштувало?");
    expect(schools.citations.map((c) => c.articleId)).not.toContain("lviv.md");
  });

  it("a reply whose quote holds none of its own words carries the caution", async () => {
    // The article on the bridge names no mayor: its sentences match only the conversation's words.
    const answer = await reply("Що відкрили у Львові?", "А хто мер?");
    expect(answer.notFound || answer.unsure).toBe(true);
  });

  it("a one-word reply quoted from an article off the conversation's topic carries the caution", async () => {
    // Kharkiv's mayor is not what "А хто мер?" asks under an answer about the envoy.
    const answer = await reply("Хто такий Серджіо Гор?", "А хто мер?");
    expect(answer.citations[0]?.articleId).toBe("kharkiv.md");
    expect(answer.unsure).toBe(true);
  });

  it("a reply's two searches (with the conversation and alone) wait for their query embeddings at once, not one after the other", async () => {
    const embeddings = new LocalHashEmbeddings();
    let running = 0;
    let most = 0;
    // A remote embedder's latency: the two embeddings overlap only when both searches run together.
    const embedQuery = async (text: string): Promise<number[]> => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 50));
      running--;
      return embeddings.embedQuery(text);
    };
    const slow = await createApp(
      { ...loadConfig({}), seedsDir: join(root, "seeds"), vectorstoreDir: join(root, "store") },
      { logger: silentLogger, embedder: { id: embeddings.id, embeddings, embedQuery } },
    );
    await slow.ask("А з ким він зустрівся у Ташкенті?", { history: [{ question: "Хто такий Серджіо Гор?", answer: "Серджіо Гор прибув до Бішкека." }] });
    expect(most).toBe(2);
  });
});
