// How a question's words reach the index's terms: Latin names by their sound, Russian spellings
// with doubled letters by the single letter Ukrainian writes (Одесса/Одеса, группа/група, Россия/Росія).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { understandQuery } from "../../src/retrieval/query.js";
import { buildTermIndex } from "../../src/terms/term-index.js";
import { tokenize } from "../../src/terms/tokenize.js";
import { openTempApp } from "../helpers/temp-app.js";

const index = buildTermIndex([
  { id: "a", text: "В Одесі відновив роботу порт. Нова програма для груп з Росії." },
  { id: "b", text: "У Харкові відкрили метро. Суддя Анна Коваленко." },
]);

describe("Russian doubled letters", () => {
  it.each([
    ["Одессе", "Одесі"],
    ["Одессы", "Одесі"],
    ["России", "Росії"],
    ["группы", "груп"],
  ])("%s meets %s", (ru, uk) => {
    const [term] = tokenize(uk);
    expect(understandQuery(ru, index).terms).toEqual([term]);
  });

  it("a word the index holds as spelled keeps its term", () => {
    expect(understandQuery("Анна", index).terms).toEqual(tokenize("Анна"));
    expect(understandQuery("Харкові", index).terms).toEqual(tokenize("Харкові"));
  });

  it("a word unknown either way stays as it is", () => {
    expect(understandQuery("Ассамблея", index).terms).toEqual(tokenize("Ассамблея"));
  });
});

describe("Russian questions about Одеса", () => {
  const NOW = new Date("2026-02-10T10:00:00Z");
  let kb: LocalKnowledgeBase;
  let remove: () => Promise<void>;

  beforeAll(async () => {
    const articles = {
      "odesa.md": "---\ntitle: В Одесі відновив роботу порт\ndate: 2026-02-09\n---\nВ Одесі відновив роботу морський порт після нічної атаки дронів. Міський голова Геннадій Труханов повідомив, що пошкоджено два склади.\n",
      "kharkiv.md": "---\ntitle: У Харкові відкрили станцію метро\ndate: 2026-02-04\n---\nУ Харкові відкрили нову станцію метро. Станція прийматиме 40 тисяч пасажирів на день.\n",
    };
    ({ kb, remove } = await openTempApp("query-odesa-", articles, { config: { llmModel: null }, deps: { clock: { now: () => NOW } } }));
  });
  afterAll(() => remove?.());

  it("«Что было в Одессе вчера?» quotes the article of that day", async () => {
    const a = await kb.ask("Что было в Одессе вчера?");
    expect(a.notFound).toBe(false);
    expect(a.citations[0]?.title).toBe("В Одесі відновив роботу порт");
  });

  it("with nothing on Одеса in the period, names the article nearest in time", async () => {
    const a = await kb.ask("Что было в Одессе на прошлой неделе?");
    expect(a).toMatchObject({ notFound: true, reason: "nothing-in-period", nearest: { title: "В Одесі відновив роботу порт" } });
  });
});
