import { describe, expect, it } from "vitest";
import { BOT_COMMANDS } from "../../src/app/bot-commands.js";
import { formatAnswerMessage } from "../../src/bot/format-answer.js";
import { answer, citation, makeBot, sent, tagsBalanced, textUpdate } from "./harness.js";

const textOf = (call: { payload: Record<string, unknown> } | undefined): string => String(call?.payload.text ?? "");

describe("time in the bot", () => {
  it("/latest lists the newest articles with dates in words and links, escaped", async () => {
    const { bot, kb, calls } = makeBot();
    kb.latestArticles = [
      { articleId: "b.txt", title: "Метро <нове>", date: "2026-02-03", url: "https://example.com/m?a=1&b=2" },
      { articleId: "a.txt", title: "Сніг у Львові", date: "2026-01-30", url: null },
    ];
    await bot.handleUpdate(textUpdate("/latest"));
    const html = textOf(sent(calls)[0]);
    expect(html).toContain("<b>Найновіші статті:</b>");
    expect(html).toContain('1. <a href="https://example.com/m?a=1&amp;b=2">Метро &lt;нове&gt;</a>, 3 лютого 2026');
    expect(html).toContain("2. Сніг у Львові, 30 січня 2026");
    expect(tagsBalanced(html)).toBe(true);
  });

  it("/latest over articles without dates says so", async () => {
    const { bot, kb, calls } = makeBot();
    kb.latestArticles = [];
    await bot.handleUpdate(textUpdate("/latest", { languageCode: "en" }));
    expect(textOf(sent(calls)[0])).toBe("The articles carry no dates, so I cannot tell which are the newest.");
  });

  it("/latest is in the command menu, with a Ukrainian description", () => {
    expect(BOT_COMMANDS.uk.map((c) => c.command)).toContain("latest");
    expect(BOT_COMMANDS.uk.find((c) => c.command === "latest")?.description).toBe("Найновіші статті");
  });

  it("/help shows questions about time", async () => {
    const { bot, calls } = makeBot();
    await bot.handleUpdate(textUpdate("/help"));
    const html = textOf(sent(calls)[0]);
    expect(html).toContain("<b>Питання про час</b>");
    // About no topic: an example about something the articles lack would be answered "not covered".
    expect(html).toContain("<i>Що писали минулого тижня?</i>");
    expect(html).not.toContain("метро");
    expect(html).toContain("/latest");
  });

  it("a listing shows the period and its articles with dates, a period with nothing says which period and what is nearest", async () => {
    const made = makeBot();
    made.kb.reply = async () =>
      answer({ kind: "listing", answer: "", dateRange: { from: "2026-02-03", to: "2026-02-03" }, citations: [citation({ n: 1, title: "Сніг", date: "2026-02-03" })] });
    await made.bot.handleUpdate(textUpdate("Що відбулося вчора?"));
    const listing = textOf(sent(made.calls)[0]);
    expect(listing).toContain("Статті за 3 лютого 2026, найновіші першими:");
    expect(listing).toContain("1. ");
    expect(listing).toContain("Сніг");
    expect(listing).toContain(", 3 лютого 2026");

    const empty = makeBot();
    empty.kb.reply = async () =>
      answer({
        notFound: true,
        reason: "nothing-in-period",
        citations: [],
        dateRange: { from: "2025-12-01", to: "2025-12-31" },
        nearest: { articleId: "m.txt", title: "Щит <Олеся>", date: "2025-11-20", url: null },
      });
    await empty.bot.handleUpdate(textUpdate("Що писали про метро у грудні 2025?"));
    expect(textOf(sent(empty.calls)[0])).toBe(
      "За грудень 2025 статей про це немає. Найближча за часом стаття: Щит &lt;Олеся&gt; (20 листопада 2025).",
    );
  });

  it("a period with nothing names the nearest article clipped as every title is: a whole-paragraph title does not cost the answer", async () => {
    const made = makeBot();
    // A front-matter title has no length limit: an author may paste a paragraph into it.
    const title = `Щит <Олеся> ${"і метро ".repeat(600)}`.trim();
    made.kb.reply = async () =>
      answer({
        notFound: true,
        reason: "nothing-in-period",
        citations: [],
        dateRange: { from: "2025-12-01", to: "2025-12-31" },
        nearest: { articleId: "m.txt", title, date: "2025-11-20", url: null },
      });
    await made.bot.handleUpdate(textUpdate("Що писали про метро у грудні 2025?"));
    const text = textOf(sent(made.calls)[0]);
    expect(text).toMatch(/^За грудень 2025 статей про це немає\. Найближча за часом стаття: Щит &lt;Олеся&gt; і метро .*…\s?\(20 листопада 2025\)\.$/);
    expect(text.length).toBeLessThan(400);
  });

  it("a listing cut short says how many more there are and how to narrow it down", async () => {
    const week = { from: "2026-01-29", to: "2026-02-04" };
    const cited = Array.from({ length: 10 }, (_, i) => citation({ n: i + 1, articleId: `${i}.txt`, title: `Новина ${i + 1}`, date: "2026-02-03" }));
    const made = makeBot();
    made.kb.reply = async () => answer({ kind: "listing", answer: "", dateRange: week, citations: cited, more: { count: 3, newest: "2026-01-30" } });
    await made.bot.handleUpdate(textUpdate("що нового за тиждень?"));
    const listing = textOf(sent(made.calls)[0]);
    expect(listing).toContain("Новина 10</a>, 3 лютого 2026\n…і ще 3 статті. Щоб побачити їх, запитайте про один день, наприклад: «Що було 30 січня 2026?», або додайте тему.");

    const day = makeBot();
    day.kb.reply = async () => answer({ kind: "listing", answer: "", dateRange: { from: "2026-02-03", to: "2026-02-03" }, citations: cited, more: { count: 1, newest: "2026-02-03" } });
    await day.bot.handleUpdate(textUpdate("What happened yesterday?", { languageCode: "en" }));
    expect(textOf(sent(day.calls)[0])).toMatch(/\n…and 1 more article\. To see it, add a topic to the question\.$/);
  });

  it("an inline listing counts the articles that did not fit as well", () => {
    const cited = Array.from({ length: 10 }, (_, i) => citation({ n: i + 1, articleId: `${i}.txt`, title: "Т".repeat(190), date: `2026-01-${String(20 + i).padStart(2, "0")}`, url: null }));
    const html = formatAnswerMessage(answer({ kind: "listing", answer: "", question: "що нового?", citations: cited, more: { count: 3, newest: "2026-01-10" } }), "uk", 1000);
    expect(html.length).toBeLessThanOrEqual(1000);
    const shown = html.split("\n").filter((line) => /^\d+\. /.test(line)).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(10);
    // The first left out names the day to ask about.
    expect(html).toContain(`…і ще ${10 - shown + 3} статей. Щоб побачити їх, запитайте про один день, наприклад: «Що було ${20 + shown} січня 2026?»`);
  });

  it("a day that does not exist is said so", async () => {
    const made = makeBot();
    made.kb.reply = async () => answer({ notFound: true, reason: "no-such-day", noSuchDay: { day: 31, month: 2, year: null }, citations: [] });
    await made.bot.handleUpdate(textUpdate("Що було 31 лютого?"));
    expect(textOf(sent(made.calls)[0])).toBe("Дати «31 лютого» не існує: перевірте число й місяць.");
  });

  it("an answer whose sources differ in date says as of which", async () => {
    const made = makeBot();
    made.kb.reply = async () => answer({ asOf: "2026-02-03" });
    await made.bot.handleUpdate(textUpdate("Коли відкриють станції?"));
    expect(textOf(sent(made.calls)[0])).toMatch(/^Станом на 3 лютого 2026: Серджіо Гор/);
  });
});
