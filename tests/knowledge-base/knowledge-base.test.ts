import { readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answerer } from "../../src/answers/answer.js";
import { loadConfig, type Config } from "../../src/config/config.js";
import { createApp } from "../../src/app/create-app.js";
import { answerText } from "../../src/texts/answer-texts.js";
import { lentTurns, retrievalQuery, type LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { QuestionError, ReindexInProgressError } from "../../src/shared/errors.js";
import { silentLogger } from "../../src/shared/logger.js";
import { makeTempSeeds, SEED_ARTICLE } from "../helpers/temp-seeds.js";

let root: string;
let seeds: string;
let store: string;
let config: Config;
let kb: LocalKnowledgeBase;

beforeAll(async () => {
  ({ root, seeds, store } = await makeTempSeeds());
  config = { ...loadConfig({}), seedsDir: seeds, vectorstoreDir: store };
  kb = await createApp(config, { logger: silentLogger });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("openKnowledgeBase", () => {
  it("builds the index on first open and reports what it holds", async () => {
    expect(await readdir(store)).toContain("CURRENT");
    const info = kb.info();
    expect(info.articles).toBe(3);
    expect(info.chunks).toBeGreaterThanOrEqual(3);
    expect(info.embedder).toMatch(/^local-hash/);
    expect(info.dateRange).toEqual({ from: "2025-06-01", to: "2026-02-04" });
    expect(info.titles).toContain("Бджільництво на Поділлі");
  });

  it("answers from the seed article with citations that match its text", async () => {
    const answer = await kb.ask("Хто такий Серджіо Гор?");
    expect(answer.notFound).toBe(false);
    expect(answer.mode).toBe("extractive");
    expect(answer.answer).toContain("Серджіо Гор");
    expect(answer.answer).toMatch(/\[1\]/);
    expect(answer.citations[0]?.articleId).toBe(SEED_ARTICLE);
    expect(answer.passages[0]?.chunk.articleId).toBe(SEED_ARTICLE);
    const chunk = kb.chunk(answer.passages[0]!.chunk.id);
    expect(chunk?.text).toBe(answer.passages[0]!.chunk.text);
    expect(answer.ms).toBeGreaterThanOrEqual(0);
  });

  it("finds an article by a headline word its text lacks (the front matter's title)", async () => {
    // "Бджільництво" is only in bees.md's title; its text speaks of "пасічники" and "бджолярі".
    const { passages } = await kb.search("бджільництво", { k: 3 });
    expect(passages[0]?.chunk.articleId).toBe("bees.md");
    expect(passages[0]?.chunk.text).not.toMatch(/бджільництв/i);
  });

  it("counts a headline's words as the article's when it answers nothing directly: it is among the closest articles", async () => {
    const answer = await kb.ask("Що відомо про бджільництво?");
    expect(answer.notFound).toBe(true);
    expect(answer.closestTitles).toEqual(["Бджільництво на Поділлі"]);
  });

  it.each([
    ["Хто такий Серджіо Гор? https://t.me/somechannel/123", "Хто такий Серджіо Гор?"],
    ["@friend хто такий Серджіо Гор", "хто такий Серджіо Гор"],
    ["Хто такий Серджіо Гор? Пише newsroom@example.org, див. example.org/gor", "Хто такий Серджіо Гор? Пише  , див."],
  ])("answers %j as the question without its links and @mentions, showing it as typed", async (typed, own) => {
    const plain = await kb.ask(own);
    expect(plain.notFound).toBe(false);
    const answer = await kb.ask(typed);
    expect(answer.question).toBe(typed);
    expect(answer).toMatchObject({ notFound: false, answer: plain.answer, citations: plain.citations });
    expect(answer.passages.map((p) => p.chunk.id)).toEqual(plain.passages.map((p) => p.chunk.id));
  });

  it.each([
    "Скільки вуликів на <b>найбільшій пасіці</b>?",
    "<p>Скільки вуликів на найбільшій пасіці?</p>",
    "Скільки вуликів на найбільшій пасіці?<br/>",
    '<a href="https://example.org/bees">Скільки вуликів</a> на найбільшій пасіці?',
  ])("answers %j as the question without its HTML tags, showing it as typed", async (typed) => {
    // The tags' names ("b", "p", "br", "a href") were searched as question words no passage holds,
    // and this question, answered without them, was "not found".
    const plain = await kb.ask("Скільки вуликів на найбільшій пасіці?");
    expect(plain.notFound).toBe(false);
    const answer = await kb.ask(typed);
    expect(answer.question).toBe(typed);
    expect(answer).toMatchObject({ notFound: false, answer: plain.answer });
    expect(answer.citations.map((c) => c.articleId)).toEqual(["bees.md"]);
  });

  it.each([
    "Скільки вуликів на &laquo;найбільшій пасіці&raquo;?",
    "Скільки&nbsp;вуликів на найбільшій&nbsp;пасіці?",
    "Скільки вуликів на &quot;найбільшій&quot; пасіці?",
  ])("answers %j as the question with its HTML entities read, showing it as typed", async (typed) => {
    // "laquo", "nbsp", "quot" were searched as question words no passage holds: "not found".
    const plain = await kb.ask("Скільки вуликів на найбільшій пасіці?");
    const answer = await kb.ask(typed);
    expect(answer.question).toBe(typed);
    expect(answer).toMatchObject({ notFound: false, answer: plain.answer });
    expect(answer.citations.map((c) => c.articleId)).toEqual(["bees.md"]);
  });

  it("does not read a date in a link's path as the period asked about", async () => {
    const answer = await kb.ask("Хто такий Серджіо Гор? https://example.org/2025/06/01/news");
    expect(answer.dateRange).toBeUndefined();
    expect(answer.notFound).toBe(false);
    expect(answer.citations[0]?.articleId).toBe(SEED_ARTICLE);
  });

  it("says 'not found' for an unrelated question, without 'closest' articles that share nothing with it", async () => {
    const answer = await kb.ask("Яка температура плавлення вольфраму?");
    expect(answer.notFound).toBe(true);
    expect(answer.citations).toEqual([]);
    expect(answer.reason).toBe("low-relevance");
    expect(answer.answer).toBe(""); // data only: the surfaces word it
    expect(answerText(answer)).toMatch(/немає відповіді/);
    expect(answer.closestTitles).toEqual([]);
    const english = await kb.ask("What is the melting point of tungsten?");
    expect(english.notFound).toBe(true);
    expect(answerText(english)).toMatch(/do not cover/);
  });

  it("offers as 'closest' only the articles holding a word of the question", async () => {
    // The price is in no article; the bees and trains articles only filled the other passages.
    const answer = await kb.ask("Скільки коштує квиток на форум?");
    expect(answer).toMatchObject({ notFound: true, reason: "low-relevance" });
    expect(answer.passages.map((p) => p.chunk.title)).toContain("Бджільництво на Поділлі");
    expect(answer.closestTitles).toEqual(["Бішкек цього тижня приймає форум B5+1"]);
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["?!… --", "empty"],
    // A link or a mention alone asks nothing: said so, rather than "not covered" (a gap in /stats);
    // a link, that it is not opened (it is no empty message to whoever pasted it).
    ["https://t.me/somechannel/123", "link-only"],
    ["www.example.org/news?", "link-only"],
    ["@friend example.org/metro/1 !", "link-only"],
    ["@friend", "empty"],
    // Entities alone are spaces and quotes: nothing asked (searched for "nbsp", it was a gap in /stats).
    ["&nbsp; &laquo;&raquo;", "empty"],
    ["😂 👍", "empty"],
    ["а".repeat(1001), "too-long"],
  ])("rejects the question %j with a QuestionError (%s)", async (question, reason) => {
    const error = await kb.ask(question).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuestionError);
    expect((error as QuestionError).reason).toBe(reason);
    expect((error as Error).message.length).toBeGreaterThan(10);
  });

  it("says a link sent alone is not opened, in the user's words when there are any to tell the language", async () => {
    const message = async (question: string) => ((await kb.ask(question).catch((e: unknown) => e)) as Error).message;
    expect(await message("https://example.org/news/1")).toBe("Write the question in words: I don't open links.");
    expect(await message("")).toBe("The question is empty: write what you want to know.");
    // A site named without a path is a name to search, not a link.
    expect(await kb.ask("Booking.com?").catch((e: unknown) => e)).not.toBeInstanceOf(QuestionError);
  });

  it("uses the conversation history for a follow-up question", async () => {
    expect(retrievalQuery("А що він сказав?", [{ question: "Хто такий Серджіо Гор?", answer: "…" }])).toBe(
      "Хто такий Серджіо Гор?\nА що він сказав?",
    );
    // The earlier question is searched as it was: without its link.
    const lent = lentTurns([{ question: "Хто такий Серджіо Гор? https://t.me/somechannel/123", answer: "…" }], new Date("2026-03-10T12:00:00Z"), []);
    expect(retrievalQuery("А що він сказав?", lent)).toBe("Хто такий Серджіо Гор?\nА що він сказав?");
    const answer = await kb.ask("А що він сказав журналістам?", {
      history: [{ question: "Хто такий посол Серджіо Гор?", answer: "Спеціальний посланець США." }],
    });
    expect(answer.notFound).toBe(false);
    expect(answer.passages[0]?.chunk.articleId).toBe(SEED_ARTICLE);
  });

  it("searches an earlier question's entities decoded once: a listing's '&amp;lt;' typed reads '&lt;', not '<'", () => {
    const now = new Date("2026-03-10T12:00:00Z");
    const history = [
      { question: "Що писали про AT&amp;lt;T минулого тижня?", answer: "1. …", listing: true as const },
      { question: "А про &amp;lt;b&amp;gt;Гора?", answer: "…" },
    ];
    // Typed "&amp;lt;" is the text "&lt;" (as Telegram shows it): read again, it was "<", and
    // "&lt;b&gt;" a tag taken out.
    const dated = [{ articleId: "a.txt", title: "AT&T", date: "2026-03-04", url: null }];
    expect(retrievalQuery("А що ще?", lentTurns(history, now, dated))).toBe("Що про AT&lt;T?\nА про &lt;b&gt;Гора?\nА що ще?");
  });

  it("re-indexes once at a time and swaps the new index in", async () => {
    await writeFile(join(seeds, "cheese.txt"), "Сироварня в Карпатах виготовляє бринзу з овечого молока за старовинним рецептом гуцулів.");
    const first = kb.reindex();
    expect(kb.isReindexing()).toBe(true);
    await expect(kb.reindex()).rejects.toBeInstanceOf(ReindexInProgressError);
    const summary = await first;
    expect(summary.added).toBe(1);
    expect(kb.isReindexing()).toBe(false);
    expect(kb.info().articles).toBe(4);
    const answer = await kb.ask("З якого молока роблять бринзу в Карпатах?");
    expect(answer.notFound).toBe(false);
    expect(answer.citations[0]?.articleId).toBe("cheese.txt");
  });

  it("a question in flight completes while a re-index swaps the index", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: Answerer = {
      mode: "extractive",
      async answer(_q, passages) {
        await gate;
        return { mode: "extractive", text: passages[0]!.chunk.id, citations: [] };
      },
    };
    const other = await createApp(config, { logger: silentLogger, answerer: slow });
    const pending = other.ask("Хто такий Серджіо Гор?");
    await writeFile(join(seeds, "extra.txt"), "Новий текст про виноробство на Закарпатті та сорти винограду.");
    await other.reindex();
    release();
    const answer = await pending;
    expect(answer.answer).toContain(SEED_ARTICLE);
    expect(other.info().articles).toBe(5);
  });

  it("uses the given answerer and passes it the passages", async () => {
    const answerer: Answerer = {
      mode: "llm",
      answer: async (_q, passages) => ({ mode: "llm", text: `${passages.length} passages [1]`, citations: [] }),
    };
    const custom = await createApp(config, { logger: silentLogger, answerer });
    const answer = await custom.ask("Хто такий Серджіо Гор?", { k: 3 });
    expect(answer.mode).toBe("llm");
    expect(answer.answer).toBe("3 passages [1]");
    expect(answer.passages).toHaveLength(3);
    // A refusal is a fixed text: it must not claim to be generated by the LLM.
    const refusal = await custom.ask("Яка температура плавлення вольфраму?");
    expect(refusal.notFound).toBe(true);
    expect(refusal.mode).toBe("extractive");
  });

  it("passes the asker's draft callback to the answerer (streamed answers), and only to it", async () => {
    const answerer: Answerer = {
      mode: "llm",
      answer: async (_q, _passages, context) => {
        context?.onDraft?.("Серджіо");
        context?.onDraft?.("Серджіо Гор [1]");
        return { mode: "llm", text: "Серджіо Гор [1].", citations: [] };
      },
    };
    const streaming = await createApp(config, { logger: silentLogger, answerer });
    const drafts: string[] = [];
    const answer = await streaming.ask("Хто такий Серджіо Гор?", { onDraft: (text) => drafts.push(text) });
    expect(drafts).toEqual(["Серджіо", "Серджіо Гор [1]"]);
    expect(answer.answer).toBe("Серджіо Гор [1].");
    // A refusal decided before any answerer runs shows nothing.
    drafts.length = 0;
    await streaming.ask("Яка температура плавлення вольфраму?", { onDraft: (text) => drafts.push(text) });
    expect(drafts).toEqual([]);
  });

  it("turns an answerer's refusal into a not-found answer with the closest titles", async () => {
    const answerer: Answerer = {
      mode: "llm",
      answer: async () => ({ mode: "llm", text: "", citations: [], notFound: true }),
    };
    const refusing = await createApp(config, { logger: silentLogger, answerer });
    const answer = await refusing.ask("Хто такий Серджіо Гор?");
    expect(answer).toMatchObject({ notFound: true, reason: "answerer", mode: "llm", citations: [] });
    expect(answer.closestTitles.length).toBeGreaterThan(0);
    expect(answerText(answer)).toContain(answer.closestTitles[0]!);
  });
});
