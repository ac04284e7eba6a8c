import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer, Turn } from "../../src/knowledge-base/knowledge-base.js";
import type { Chunk } from "../../src/chunks/chunk.js";
import { answerPick, pickedItem } from "../../src/knowledge-base/listing-pick.js";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { answerText } from "../../src/texts/answer-texts.js";
import { openTempApp } from "../helpers/temp-app.js";

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
      // Counted from the end: -1 the last, -2 the one before it.
      ["А про що остання?", -1],
      ["Детальніше про останню", -1],
      ["Що в останній статті?", -1],
      ["А последняя?", -1],
      ["Расскажи о последней статье", -1],
      ["Tell me about the last one", -1],
      ["and the last?", -1],
      ["А передостання?", -2],
      ["А предпоследняя?", -2],
      ["And the second to last?", -2],
      ["the second-last one", -2],
      ["What's the penultimate about?", -2],
      ["Останню", -1],
      ["А що з останньою?", -1],
      ["А что с первой?", 1],
      ["What about the last one?", -1],
      // A request's own words before the ordinal: still a pick.
      ["Давай другу", 2],
      ["Можна першу?", 1],
      ["Ок, третя", 3],
      ["Тогда вторую", 2],
      ["I want the second one", 2],
      ["Ok, the last one", -1],
      ["Let's see the first", 1],
      // After the ordinal, only its item word and words a pick has: "about", "please".
      ["What is the second about?", 2],
      ["The second one, please", 2],
      ["Другу статтю, будь ласка", 2],
      ["Вторую статью, пожалуйста", 2],
      ["Будь ласка, третю", 3],
      // "About what" after the ordinal, as "the second about?" is: a pick.
      ["Друга про що?", 2],
      ["А первая о чём?", 1],
      ["Вторая о чем?", 2],
      ["О чём третья?", 3],
      ["Остання про що?", -1],
      ["Про що друга?", 2],
      ["What about the second?", 2],
      // "In detail", "I want" after the ordinal: how to show it, still a pick.
      ["Другу статтю хочу", 2],
      ["Расскажи про вторую статью поподробнее", 2],
      ["Tell me about the second one in detail", 2],
      ["second one pls", 2],
      ["Другу статтю детально", 2],
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
      "Хто останній?",
      "Who was last?",
      // An ordinal saying how or when something was done ("came last"), not which article: a question of its own.
      "Вона прийшла остання?",
      "Він фінішував першим?",
      "Київ був третім?",
      "Она пришла последней?",
      "Он финишировал первым?",
      "What happened last?",
      "Did she finish first?",
      "She came second?",
      // A word of the reply's own after the ordinal or number: a question about that article, not a pick of it.
      "Is the first one true?",
      "How is the last one different?",
      "Перша стаття правдива?",
      "А первая статья чем отличается?",
      "Стаття 2 правдива?",
      "Is article 2 true?",
      "А перша про бджіл?",
      "Чем первая лучше?",
      // "Last" of a time, not of the listing.
      "Що сталося останнім часом?",
      "Які останні новини?",
      "А що в останній новині?",
      "Расскажи о последней новости",
      "And the last news?",
      "А last week?",
      // "At last" is "finally": no item of the listing.
      "Did they open the bridge at last?",
      "Is it open at long last",
      "Що було минулого тижня?",
      "А за останній тиждень?",
      "Що було протягом останнього тижня?",
      "Что было на последней неделе?",
      "Скільки коштувала друга черга метро, яку відкрили в Києві у грудні минулого року?",
      // A number after "more", "top", "other" asks for that many more articles, not for article N.
      "Топ 10?",
      "Ще 3",
      "А ще 5?",
      "Покажи ще 2",
      "Ще 3 статті",
      "Ещё 3",
      "Еще 3 статьи",
      "Інші 3",
      "Другие 5",
      "3 more?",
      "Show me 5 more",
      "Top 3?",
      "Other 2",
      // "Next 3", "more than 3": the articles after the listing, not its third.
      "next 3",
      "Next 3 articles",
      "наступні 3",
      "Наступні 3 статті",
      "следующие 3",
      "Следующие 3 статьи",
      "більше 3",
      "Больше 5",
      "ще кілька",
      "more",
      // "The next one" follows a pick no one tracks: no pick, rather than a wrong one.
      "А наступна?",
      "А следующая?",
      "the next one",
    ]) {
      expect([reply, pickedItem(reply)]).toEqual([reply, undefined]);
    }
  });
});

describe("answerPick", () => {
  it("tells the model the number in the listing of an article counted from its end", async () => {
    const chunk: Chunk = { id: "c.md#0", articleId: "c.md", title: "C", date: null, url: null, n: 0, start: 0, end: 13, text: "Стаття третя." };
    const asked: string[] = [];
    const answerer = {
      mode: "llm" as const,
      answer: async (question: string) => {
        asked.push(question);
        return { mode: "llm" as const, text: "Про третю [1].", citations: [] };
      },
    };
    const picked = pickedItem("А остання?") ?? 0;
    const answer = await answerPick({
      question: "А остання?", asked: "А остання?", n: picked, listed: ["a.md", "b.md", "c.md"], chunkById: (id) => (id === chunk.id ? chunk : undefined),
      answerer, history: [], today: "2026-11-20", k: 2, lang: "uk", ms: () => 0,
    });
    expect(answer.answer).toBe("Про третю [1].");
    expect(asked[0]).toContain('article 3 of the list above, "C"');
  });
});

// The four follow-up articles listed newest first: lviv, kharkiv, gor2, gor.
describe("replies picking an article of a listing", () => {
  let kb: LocalKnowledgeBase;
  let remove: () => Promise<void>;
  let listing: Answer;
  let listed: Turn;
  beforeAll(async () => {
    ({ kb, remove } = await openTempApp("follow-up-listing-", "tests/fixtures/follow-ups"));
    listing = await kb.ask("Що нового?");
    // As the bot keeps it (ask.ts).
    listed = { question: listing.question, answer: listing.remembered ?? "", listing: true, listed: listing.citations.map((c) => c.articleId) };
  });
  afterAll(() => remove?.());

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
      ["А про що остання?", "gor.md"],
      ["Tell me about the last one", "gor.md"],
      ["А предпоследняя?", "gor2.md"],
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
    // "The second to last" of a listing of one.
    const one: Turn = { ...listed, listed: ["lviv.md"] };
    expect(await kb.ask("А передостання?", { history: [one] })).toMatchObject({ notFound: true, reason: "not-in-listing", listingLength: 1 });
    expect((await kb.ask("А остання?", { history: [one] })).citations.map((c) => c.articleId)).toEqual(["lviv.md"]);
  });

  it("an ordinal that names no article, or one not replying to a listing, is asked as before", async () => {
    for (const [question, history] of [
      ["Хто перша леді?", [listed]],
      ["Що було 12 листопада?", [listed]],
      ["Ще 3", [listed]],
      ["Show me 2 more", [listed]],
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
