// The newest on a topic ("Що нового про Серджіо Гора?") quoted from its newest report, and a
// topic's articles listed for a period or as the newest ("Що писали про Гора цього року?",
// "Останні новини про Гора") when no one sentence answers: every article on the topic, newest
// first, not only those among the passages read; ten at most, then how many more there are.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { answerText } from "../../src/texts/answer-texts.js";
import { openTempApp } from "../helpers/temp-app.js";

const NOW = new Date("2026-02-10T10:00:00Z");
const seed = (date: string, text: string): string => ` date ${date} ${text}`;
// One story in seven articles; the newest scores below four older ones, so the five passages read left it out.
const GOR: Record<string, string> = {
  "gor-01-15.txt": seed("2026-01-15", "Президент США Дональд Трамп призначив Серджіо Гора спеціальним посланцем з питань Південної і Центральної Азії. Гор заявив, що його першим завданням буде підготовка форуму B5+1 у Бішкеку. Посланець пообіцяв відвідати всі п’ять країн регіону."),
  "gor-01-28.txt": seed("2026-01-28", "Спеціальний посланець США Серджіо Гор наступного тижня вирушить до Бішкека на форум B5+1. У Держдепартаменті повідомили, що до делегації увійдуть представники двадцяти американських компаній. Форум відкриється 4 лютого."),
  "gor-02-03.txt": seed("2026-02-03", "Серджіо Гор прибув до Бішкека напередодні форуму B5+1. В аеропорту посланця зустрів міністр закордонних справ Киргизстану Жээнбек Кулубаєв. Гор сказав журналістам, що везе пропозиції щодо залізничних проєктів."),
  "gor-02-04.txt": seed("2026-02-04", "У Бішкеку відкрився форум B5+1, на якому зібралися посадовці й бізнес-лідери з Казахстану, Киргизстану, Таджикистану, Туркменистану, Узбекистану і США. Перед відкриттям посол Серджіо Гор зустрівся з президентом Киргизстану Садиром Жапаровим. Американська компанія All American Rail Group вивчає залізничні проєкти в Киргизстані."),
  "gor-02-04b.txt": seed("2026-02-04", "На форумі B5+1 у Бішкеку Казахстан і США підписали меморандум про співпрацю в енергетиці. Документ передбачає інвестиції у вітрові електростанції. Підписання відбулося в присутності посла Серджіо Гора."),
  "gor-02-05.txt": seed("2026-02-05", "Після форуму в Бішкеку Серджіо Гор прилетів до Ташкента. Посланець обговорив з президентом Узбекистану Шавкатом Мірзійоєвим видобуток критичних мінералів. Сторони домовилися створити спільну робочу групу."),
  "gor-02-09.txt": seed("2026-02-09", "Серджіо Гор повернувся до Вашингтона й підбив підсумки поїздки до Центральної Азії. За його словами, американські компанії підписали в регіоні угоди на 1,2 мільярда доларів. Наступний форум B5+1 запланували на осінь в Астані."),
};
const OTHERS: Record<string, string> = {
  "snow.txt": seed("2026-02-07", "Львів засипало снігом: за ніч випало 25 сантиметрів. Комунальники вивели на вулиці 80 одиниць техніки."),
  "heat.txt": seed("2026-02-10", "Київська мерія оголосила, що всі будинки на Троєщині знову мають опалення. Ремонт тепломережі тривав вісім днів."),
  "port.txt": seed("2026-01-31", "Порти Одещини за січень перевалили 9 мільйонів тонн вантажів. Найбільше експортували зерно й олію."),
};
// Twelve reports on one topic in January, one every other day.
const PLACES = ["Астані", "Бішкеку", "Ташкенті", "Душанбе", "Ашгабаті", "Алмати", "Самарканді", "Оші", "Бухарі", "Хіві", "Туркестані", "Хорогу"];
const TALKS: Record<string, string> = Object.fromEntries(
  PLACES.map((place, i) => {
    const day = `2026-01-${String(2 + 2 * i).padStart(2, "0")}`;
    return [`talks-${day}.txt`, seed(day, `Посланець Серджіо Гор провів переговори в ${place}.`)];
  }),
);

describe("a topic's listing", () => {
  let kb: LocalKnowledgeBase;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    ({ kb, remove } = await openTempApp("topic-listing-", { ...GOR, ...OTHERS }, { config: { llmModel: null }, deps: { clock: { now: () => NOW } } }));
  });
  afterAll(() => remove?.());

  it("quotes the newest report on the topic, whatever its score", async () => {
    for (const question of ["Що нового про Серджіо Гора?", "What's new about Sergio Gor?"]) {
      const a = await kb.ask(question);
      expect(a.kind).not.toBe("listing");
      expect(a.citations[0]?.articleId).toBe("gor-02-09.txt");
      expect(a.asOf).toBe("2026-02-09");
    }
  });

  it("lists every article on the topic newest first, the newest included, whatever its score", async () => {
    for (const question of ["Останні новини про Гора", "Що писали про Гора цього року?"]) {
      const a = await kb.ask(question);
      expect(a.kind).toBe("listing");
      expect(a.citations.map((c) => c.articleId).sort()).toEqual(Object.keys(GOR).sort());
      expect(a.citations[0]?.articleId).toBe("gor-02-09.txt");
      expect(a.more).toBeUndefined();
    }
  });
});

describe("a long topic's listing", () => {
  let kb: LocalKnowledgeBase;
  let remove: () => Promise<void>;
  // No sentence answers (a threshold no reading reaches): the topic's articles are listed.
  beforeAll(async () => {
    ({ kb, remove } = await openTempApp("topic-listing-long-", { ...TALKS, ...OTHERS }, { config: { llmModel: null }, deps: { clock: { now: () => NOW }, notFoundThreshold: 2 } }));
  });
  afterAll(() => remove?.());

  it("shows ten at most and says how many more there are", async () => {
    const a = await kb.ask("Що писали про Гора в січні?");
    expect(a.kind).toBe("listing");
    expect(a.citations.map((c) => c.date?.slice(0, 10))).toEqual(Array.from({ length: 10 }, (_, i) => `2026-01-${String(24 - 2 * i).padStart(2, "0")}`));
    expect(a.more).toEqual({ count: 2, newest: "2026-01-04" });
    expect(answerText(a).split("\n").at(-1)).toBe("…і ще 2 статті. Щоб побачити їх, запитайте про один день, наприклад: «Що було 4 січня 2026?», або додайте тему.");
  });
});
