import { describe, expect, it } from "vitest";
import type { Chunk } from "../../src/chunks/chunk.js";
import type { RankedPassage } from "../../src/retrieval/passage.js";
import type { AnswerDraft } from "../../src/answers/answer.js";
import { createExtractiveAnswerer } from "../../src/answers/extractive-answerer.js";
import { findCitationMarkers } from "../../src/answers/citations.js";
import { createReader } from "../../src/reader/reader.js";

const LOUIS =
  "Людовик XIV був королем Франції. Людовик XIV зійшов на трон після смерті свого батька Людовика XIII. " +
  "Людовик XIV зійшов на трон у 1643 році, коли йому було чотири роки. " +
  "Правління короля тривало дуже довго. Його правління тривало 72 роки, і це найдовше правління в історії Європи. " +
  "Кардинал Мазаріні керував державою, доки король не виріс. " +
  "Версальський палац став резиденцією двору.";
const HUGUENOTS =
  "The Huguenots were French Protestants. Many Huguenots fled France after 1685. " +
  "They settled in New Rochelle, north of New York City, and in South Africa. " +
  "Their skills as craftsmen were valued everywhere.";
const BODIES: Record<string, string> = { "louis.txt": LOUIS, "huguenots.txt": HUGUENOTS };

/** A chunk of `body` from `start` to `end`, as the chunker would produce it. */
function chunk(articleId: string, n: number, start: number, end: number): Chunk {
  const body = BODIES[articleId]!;
  return { id: `${articleId}#${n}`, articleId, title: articleId, date: "2024-01-02", url: null, n, start, end, text: body.slice(start, end) };
}
const ranked = (...chunks: Chunk[]): RankedPassage[] => chunks.map((c, i) => ({ chunk: c, score: 1 / (i + 1) }));
const whole = (articleId: string): Chunk => chunk(articleId, 0, 0, BODIES[articleId]!.length);

/** The invariants every extractive answer must keep, whatever it picked. */
function expectHonest(draft: AnswerDraft, maxQuoted = 500): void {
  expect(draft.mode).toBe("extractive");
  // Markers and sources agree: every [n] has a citation and every citation is used, numbered 1..k.
  const used = new Set(findCitationMarkers(draft.text).flatMap((m) => m.numbers));
  expect([...used].sort()).toEqual(draft.citations.map((c) => c.n));
  expect(draft.citations.map((c) => c.n)).toEqual(draft.citations.map((_, i) => i + 1));
  for (const c of draft.citations) {
    const body = BODIES[c.articleId]!;
    expect(body.slice(c.start, c.end)).toBe(c.quote);
  }
  // Each quoted piece (text before its marker, without "…") lies inside its source's quote.
  const pieces = [...draft.text.matchAll(/(.+?) \[(\d+)\](?: |$)/g)];
  expect(pieces.length).toBeGreaterThan(0);
  for (const [, piece, n] of pieces) {
    const citation = draft.citations.find((c) => c.n === Number(n))!;
    expect(citation.quote).toContain(piece!.replace(/^…|…$/g, ""));
  }
  expect(draft.citations.reduce((sum, c) => sum + c.quote.length, 0)).toBeLessThanOrEqual(maxQuoted);
}

describe("extractive answerer", () => {
  const answerer = createExtractiveAnswerer();

  it("quotes only article text, with offsets into the article body and matching markers", async () => {
    // A chunk from the middle of the article: offsets must be body offsets, not chunk offsets.
    const middle = chunk("louis.txt", 1, LOUIS.indexOf("Людовик XIV зійшов на трон у"), LOUIS.length);
    const draft = await answerer.answer("Скільки тривало правління Людовика XIV?", ranked(middle, whole("huguenots.txt")));
    expectHonest(draft);
    expect(draft.text).toContain("72 роки");
    expect(draft.citations[0]!.start).toBeGreaterThanOrEqual(middle.start);
    expect(middle.start).toBeGreaterThan(0);
  });

  it("numbers sources by first appearance across articles", async () => {
    const draft = await answerer.answer(
      "Where did the Huguenots settle near New York?",
      ranked(whole("louis.txt"), whole("huguenots.txt")),
    );
    expectHonest(draft);
    expect(draft.citations[0]!.articleId).toBe("huguenots.txt");
    expect(draft.text).toContain("New Rochelle");
  });

  it("picks the sentence with the date for a when-question", async () => {
    const draft = await createExtractiveAnswerer({ maxSentences: 1 }).answer("Коли Людовик XIV зійшов на трон?", ranked(whole("louis.txt")));
    expectHonest(draft);
    expect(draft.text).toContain("1643");
  });

  it("picks the sentence with the number for a how-many question", async () => {
    const draft = await createExtractiveAnswerer({ maxSentences: 1 }).answer("Скільки тривало правління?", ranked(whole("louis.txt")));
    expect(draft.text).toContain("72");
  });


  it("keeps to the length limit and cuts one overlong sentence at word boundaries with …", async () => {
    const long = `${"Довге речення про історію Франції та її королів ".repeat(12)}і про Людовика XIV, який зійшов на трон у 1643 році.`;
    BODIES["long.txt"] = long;
    const draft = await answerer.answer("Коли Людовик XIV зійшов на трон?", ranked(whole("long.txt")));
    expectHonest(draft);
    expect(long.length).toBeGreaterThan(500);
    expect(draft.citations).toHaveLength(1);
    expect(draft.citations[0]!.quote.length).toBeLessThanOrEqual(500);
    expect(draft.text.startsWith("…")).toBe(true);
    expect(draft.text).toContain("1643");
    // Cut at a word boundary: the quote starts right after a space in the article.
    expect(long[draft.citations[0]!.start - 1]).toBe(" ");
  });

  it("cuts an overlong sentence at no-break spaces too, never to an empty or mid-word quote", async () => {
    const filler = "довге\u00a0речення\u00a0про\u00a0історію\u00a0Франції\u00a0та\u00a0її\u00a0королів\u00a0".repeat(8);
    const long = `Це ${filler}і\u00a0про\u00a0Людовика\u00a0XIV,\u00a0який\u00a0зійшов\u00a0на\u00a0трон\u00a0у\u00a01643\u00a0році,\u00a0${filler}кінець.`;
    BODIES["nbsp.txt"] = long;
    const draft = await answerer.answer("Коли Людовик XIV зійшов на трон?", ranked(whole("nbsp.txt")));
    expectHonest(draft);
    const { quote, start, end } = draft.citations[0]!;
    expect(quote.length).toBeGreaterThan(200);
    expect(draft.text).toContain("1643");
    expect(long[start - 1]).toBe("\u00a0");
    expect(long[end]).toBe("\u00a0");
  });

  it("keeps the date a when-question asks for when it cuts an overlong sentence far from the question's words", async () => {
    const filler = "після тривалих суперечок між регентами, придворними та матір'ю щодо долі держави ";
    const long = `У 1643 році, ${filler.repeat(3)}Людовик XIV зійшов на трон, ${filler.repeat(4)}і так почалася нова доба.`;
    BODIES["date-far.txt"] = long;
    // Widened evenly around "Людовик XIV зійшов на трон", the window began after "1643".
    expect(long.indexOf("Людовик") - long.indexOf("1643")).toBeGreaterThan(250);
    expect(long.length).toBeGreaterThan(600);
    const draft = await answerer.answer("Коли Людовик XIV зійшов на трон?", ranked(whole("date-far.txt")));
    expectHonest(draft);
    expect(draft.citations).toHaveLength(1);
    expect(draft.text).toContain("У 1643 році,");
    expect(draft.text).toContain("Людовик XIV зійшов на трон");
    expect(draft.text.endsWith("… [1]")).toBe(true);
  });

  it("keeps the number a how-many question asks for, from the reader's reading too", async () => {
    const filler = "як повідомили в обласному управлінні аграрної політики після щорічної перевірки ";
    const long = `Станом на кінець сезону 312 — стільки ${filler.repeat(3)}налічує найбільша пасіка Поділля, ${filler.repeat(4)}і ця кількість зростає.`;
    BODIES["number-far.txt"] = long;
    const question = "Скільки налічує найбільша пасіка Поділля?";
    const passages = ranked(whole("number-far.txt"));
    const idf = Object.assign(() => 1, { seen: () => true, script: "cyrillic" as const });
    const reading = createReader().read(question, passages, idf);
    for (const draft of [await answerer.answer(question, passages), await answerer.answer(question, passages, { reading })]) {
      expectHonest(draft);
      expect(draft.text).toContain("312");
      expect(draft.text).toContain("налічує найбільша пасіка Поділля");
    }
  });

  it("shows no footnote marks of the source, which would read as citations", async () => {
    BODIES["notes.txt"] = "Людовик XIV зійшов на трон у 1643 році.[2] Він правив 72 роки.[3]";
    const draft = await answerer.answer("Коли Людовик XIV зійшов на трон?", ranked(whole("notes.txt")));
    expect(draft.text).toBe("Людовик XIV зійшов на трон у 1643 році. [1]");
    expect(draft.citations[0]!.quote).toBe("Людовик XIV зійшов на трон у 1643 році.[2]");
  });

  it("quotes at most three sentences and respects a smaller limit", async () => {
    const draft = await createExtractiveAnswerer({ maxQuoteChars: 120 }).answer(
      "Людовик XIV трон правління король",
      ranked(whole("louis.txt")),
    );
    expectHonest(draft, 120);
    expect(findCitationMarkers(draft.text).length).toBeLessThanOrEqual(3);
  });

  it("does not quote a sentence twice when chunks overlap", async () => {
    const cut = LOUIS.indexOf("Його правління");
    const first = chunk("louis.txt", 0, 0, cut + 20);
    const second = chunk("louis.txt", 1, LOUIS.indexOf("Людовик XIV зійшов на трон у"), LOUIS.length);
    const draft = await answerer.answer("Коли Людовик XIV зійшов на трон у 1643 році?", ranked(first, second));
    expectHonest(draft);
    expect(draft.text.split("1643").length - 1).toBe(1);
  });

  it("returns an empty draft for no passages", async () => {
    expect(await answerer.answer("Що завгодно?", [])).toEqual({ mode: "extractive", text: "", citations: [] });
  });
});

describe("extractive answers and quotations", () => {
  it("close a quotation that the quoted sentence opens but does not end", async () => {
    const body = "«Сполучені Штати хочуть працювати з цим регіоном. Ми прагнемо змінити це», – сказав Гор.";
    const c: Chunk = { id: "q#0", articleId: "q", title: "q", date: null, url: null, n: 0, start: 0, end: body.length, text: body };
    const draft = await createExtractiveAnswerer({ maxSentences: 1 }).answer("Чого хочуть Сполучені Штати з регіоном?", [{ chunk: c, score: 1 }]);
    expect(draft.text).toBe("«Сполучені Штати хочуть працювати з цим регіоном.» [1]");
    expect(draft.citations[0]?.quote).toBe("«Сполучені Штати хочуть працювати з цим регіоном.");
  });
});
