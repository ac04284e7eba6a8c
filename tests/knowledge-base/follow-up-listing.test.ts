import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import { loadConfig } from "../../src/config/config.js";
import type { Answer, Turn } from "../../src/knowledge-base/knowledge-base.js";
import { pickedItem } from "../../src/knowledge-base/listing-pick.js";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { silentLogger } from "../../src/shared/logger.js";
import { answerText } from "../../src/texts/answer-texts.js";

describe("pickedItem", () => {
  it("reads an ordinal word (uk, ru, en, any gender and case) or a number naming a listed article", () => {
    const picks: [string, number][] = [
      ["А про що друга?", 2],
      ["Розкажи більше про першу", 1],
      ["А що в третій статті?", 3],
      ["Що у п'ятій новині?", 5],
      ["А десята?", 10],
      ["Детальніше про 2", 2],
      ["№3", 3],
      ["А стаття номер 4?", 4],
      ["Про 2-гу статтю", 2],
      ["А про что первая?", 1],
      ["Что во второй статье?", 2],
      ["А третья?", 3],
      ["Tell me more about the second one", 2],
      ["What's the first about?", 1],
      ["And the 3rd article?", 3],
    ];
    for (const [reply, n] of picks) expect([reply, pickedItem(reply)]).toEqual([reply, n]);
  });

  it("does not take an ordinal or a number that names something else for a pick", () => {
    for (const reply of [
      "Хто перша леді?",
      "Коли відбулася перша зустріч Гора?",
      "Що було 2 лютого?",
      "Who was the first president?",
      "Що писали у 2025?",
      "Що сталося по-друге?",
      // Numbers of a sum, a time, a span: none of them an article's.
      "2+2?",
      "О 15:30?",
      "З 1 по 5",
      // A day of the month.
      "А 19-го?",
      "А що було 5-го?",
      // Who, why or when asks about the story, not for an article.
      "Хто перший?",
      "А хто другий?",
      "Who was first?",
      "Чому 3?",
      "Кто первый?",
      "Скільки коштувала друга черга метро, яку відкрили в Києві у грудні минулого року?",
    ]) {
      expect([reply, pickedItem(reply)]).toEqual([reply, undefined]);
    }
  });
});

// The four follow-up articles listed newest first: lviv, kharkiv, gor2, gor.
describe("replies picking an article of a listing", () => {
  let root: string;
  let kb: LocalKnowledgeBase;
  let listing: Answer;
  let listed: Turn;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "follow-up-listing-"));
    await cp("tests/fixtures/follow-ups", join(root, "seeds"), { recursive: true });
    kb = await createApp({ ...loadConfig({}), seedsDir: join(root, "seeds"), vectorstoreDir: join(root, "store") }, { logger: silentLogger });
    listing = await kb.ask("Що нового?");
    // As the bot keeps it (ask.ts).
    listed = { question: listing.question, answer: listing.remembered ?? "", listing: true, listed: listing.citations.map((c) => c.articleId) };
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("is answered from the article it names by its number, quoting the article's opening with its citation", async () => {
    expect(listing.citations.map((c) => c.articleId)).toEqual(["lviv.md", "kharkiv.md", "gor2.md", "gor.md"]);
    const second = await kb.ask("А про що друга?", { history: [listed] });
    expect(second.notFound).toBe(false);
    expect(second.citations.map((c) => c.articleId)).toEqual(["kharkiv.md"]);
    expect(second.answer).toBe(
      "У Харкові завершили ремонт трьох шкіл, пошкоджених під час обстрілів. Мер Харкова Ігор Терехов сказав, що до кінця року місто відновить ще п'ять навчальних закладів. [1]",
    );
    expect(second.citations[0]?.quote).toContain("У Харкові завершили ремонт трьох шкіл");
  });

  it("reads the number in uk, ru and en, as a word or a digit", async () => {
    const replies: [string, string][] = [
      ["Розкажи більше про першу", "lviv.md"],
      ["А що в третій статті?", "gor2.md"],
      ["Детальніше про 2", "kharkiv.md"],
      ["А про что первая?", "lviv.md"],
      ["Tell me more about the second one", "kharkiv.md"],
      ["What's the first about?", "lviv.md"],
      ["№4", "gor.md"],
    ];
    for (const [reply, article] of replies) {
      const answer = await kb.ask(reply, { history: [listed] });
      expect([reply, answer.notFound, answer.citations[0]?.articleId]).toEqual([reply, false, article]);
    }
    // Quoted text, dated as any quote is: "в четвер" of the article of 20 November.
    expect((await kb.ask("Розкажи більше про першу", { history: [listed] })).answer).toContain("в четвер (19 листопада 2026)");
  });

  it("a number past the listing's end is answered with how many articles it had, in the reply's language", async () => {
    const fifth = await kb.ask("А про що п'ята?", { history: [listed] });
    expect(fifth).toMatchObject({ notFound: true, reason: "not-in-listing", listingLength: 4, citations: [] });
    expect(answerText(fifth)).toBe("У списку було лише 4 статті: назвіть номер від 1 до 4.");
    expect(answerText(await kb.ask("What about the seventh one?", { history: [listed] }))).toBe("The list had only 4 articles: name a number from 1 to 4.");
  });

  it("an ordinal that names no article, or one not replying to a listing, is asked as before", async () => {
    for (const [question, history] of [
      ["Хто перша леді?", [listed]],
      ["Що було 12 листопада?", [listed]],
      ["А про що друга?", []],
      ["А про що друга?", [{ question: "Хто такий Серджіо Гор?", answer: "Серджіо Гор прибув до Бішкека. [1]" }]],
    ] as [string, Turn[]][]) {
      const reply = await kb.ask(question, { history });
      const before = await kb.ask(question, { history: history.map(({ listed: _, ...turn }) => turn) });
      expect([question, reply.notFound, reply.kind, reply.citations]).toEqual([question, before.notFound, before.kind, before.citations]);
    }
    expect((await kb.ask("Що було 12 листопада?", { history: [listed] })).kind).toBe("listing");
  });
});
