// The bot's "wait N s and try again" and its apology ("something went wrong, try again later"), in
// a group, against the local Bot API mock: a member who tries again by replying to it is asked, as
// under the hint for a bare mention; before, a reply to either was taken for talk among members.
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import type { BotDeps } from "../../src/bot/bot-deps.js";
import { silentLogger } from "../../src/shared/logger.js";
import { validateQuestion } from "../../src/knowledge-base/validate-question.js";
import { type BotApiMock, startBotApiMock } from "../helpers/bot-api-mock.js";
import { answer, BOT_INFO, FakeKb, textUpdate } from "./harness.js";

const TOKEN = "123:TRYAGAIN";
const GROUP = -100500; // the harness's group
const A = 7;
const B = 8;
const RATE_LIMITED = /^Забагато запитів/;
const APOLOGY = "Вибачте, щось пішло не так. Спробуйте ще раз пізніше.";

let mock: BotApiMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

/** A bot on the mock with a FakeKb, its clock at `clock.now`. */
async function bot(options: Partial<BotDeps> = {}) {
  mock = await startBotApiMock({ token: TOKEN });
  const kb = new FakeKb();
  const clock = { now: 5_000_000 };
  const made = createBot(TOKEN, { kb, adminIds: new Set(), logger: silentLogger, maxUploadBytes: 1024, botInfo: BOT_INFO, apiRoot: mock.apiRoot, throttle: false, now: () => clock.now, ...options });
  return { bot: made, kb, clock, api: mock };
}

/** What the bot sent into `chat`, in order: texts and message ids. */
const sentInto = (api: BotApiMock, chat: number) => api.sentMessages(chat).map((c) => ({ text: String(c.payload.text), id: (c.result as { message_id: number }).message_id }));
/** Member `from`'s message in the group (a reply to the bot's message `replyTo`). */
const inGroup = (text: string, from: number, replyTo?: number) => textUpdate(text, { chat: "group", fromId: from, ...(replyTo !== undefined ? { replyTo: { message_id: replyTo, fromBot: true } } : {}) });

describe("in a group, a reply to the bot's 'wait and try again'", () => {
  it("is the question asked again, in the conversation it continues, once the wait is over; before, nothing is asked", async () => {
    const { bot: b, kb, clock, api } = await bot();
    // A's share of the group: three at once. The third answer, then a follow-up to it over the share.
    for (const q of ["Хто такий Гор?", "Де був форум?", "Хто такий Серджіо Гор?"]) await b.handleUpdate(inGroup(`@articles_test_bot ${q}`, A));
    const third = sentInto(api, GROUP).at(-1)!;
    expect(third.text).toContain("<b>Джерела</b>");
    await b.handleUpdate(inGroup("А з ким він зустрівся?", A, third.id));
    const notice = sentInto(api, GROUP).at(-1)!;
    expect(notice.text).toMatch(RATE_LIMITED);
    expect(kb.asked).toHaveLength(3);

    // Still within the wait: the same flood, told once already (see token-bucket.ts): no answer.
    await b.handleUpdate(inGroup("А з ким він зустрівся?", A, notice.id));
    expect(kb.asked).toHaveLength(3);
    expect(sentInto(api, GROUP)).toHaveLength(4);

    // Another member's reply uses that member's own budget.
    await b.handleUpdate(inGroup("Хто такий Гор?", B, notice.id));
    expect(kb.asked.at(-1)?.question).toBe("Хто такий Гор?");
    expect(sentInto(api, GROUP).at(-1)?.text).toContain("<b>Джерела</b>");

    clock.now += 20_000; // waited as told
    await b.handleUpdate(inGroup("А з ким він зустрівся?", A, notice.id));
    const retried = kb.asked.at(-1);
    expect(retried?.question).toBe("А з ким він зустрівся?");
    // As the follow-up it retries would have been: with the question and answer it replied to.
    expect(retried?.options?.history?.map((turn) => turn.question)).toEqual(["Хто такий Серджіо Гор?"]);
    expect(sentInto(api, GROUP).at(-1)?.text).toContain("<b>Джерела</b>");
    // Thanks under it is for people.
    await b.handleUpdate(inGroup("дякую", A, notice.id));
    expect(kb.asked).toHaveLength(5);
  });

  it("given on the command budget (a flood of bare mentions) is asked too: the same words, the same invitation", async () => {
    const { bot: b, kb, api } = await bot();
    for (let i = 0; i < 6; i++) await b.handleUpdate(inGroup("@articles_test_bot", A));
    const notice = sentInto(api, GROUP).at(-1)!;
    expect(notice.text).toMatch(RATE_LIMITED);
    await b.handleUpdate(inGroup("Хто такий Гор?", A, notice.id));
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Гор?"]);
    expect(kb.asked[0]?.options?.history).toEqual([]);
    expect(sentInto(api, GROUP).at(-1)?.text).toContain("<b>Джерела</b>");
  });
});

describe("in a group, a reply to the bot's 'write the question in words'", () => {
  it("under a follow-up continues the conversation the refused follow-up was in", async () => {
    const { bot: b, kb, api } = await bot();
    kb.reply = async (question) => {
      validateQuestion(question); // as the knowledge base does
      return answer();
    };
    await b.handleUpdate(inGroup("@articles_test_bot Хто такий Гор?", A));
    const answered = sentInto(api, GROUP).at(-1)!;
    await b.handleUpdate(inGroup("@articles_test_bot https://example.org/news/1", A, answered.id));
    const refusal = sentInto(api, GROUP).at(-1)!;
    expect(refusal.text).toBe("Напишіть питання словами: посилання я не відкриваю.");
    await b.handleUpdate(inGroup("А з ким він зустрівся?", A, refusal.id));
    expect(kb.asked.at(-1)?.question).toBe("А з ким він зустрівся?");
    expect(kb.asked.at(-1)?.options?.history?.map((turn) => turn.question)).toEqual(["Хто такий Гор?"]);
  });
});

describe("a reply to the bot's apology", () => {
  it("in a group is asked, as under the hint; thanks under it is not", async () => {
    const { bot: b, kb, api } = await bot();
    let fail = true;
    kb.reply = async () => {
      if (fail) throw new Error("the index is gone");
      return answer();
    };
    await b.handleUpdate(inGroup("@articles_test_bot Хто такий Гор?", A));
    const apology = sentInto(api, GROUP).at(-1)!;
    expect(apology.text).toBe(APOLOGY);
    fail = false;
    await b.handleUpdate(inGroup("дякую", B, apology.id));
    await b.handleUpdate(inGroup("Хто такий Гор?", B, apology.id));
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Гор?", "Хто такий Гор?"]);
    expect(sentInto(api, GROUP).at(-1)?.text).toContain("<b>Джерела</b>");
  });

  it("under a failed follow-up continues the conversation the follow-up was in", async () => {
    const { bot: b, kb, api } = await bot();
    kb.reply = async (question) => {
      if (question === "А з ким він зустрівся?" && kb.asked.length === 2) throw new Error("the index is gone");
      return answer();
    };
    await b.handleUpdate(inGroup("@articles_test_bot Хто такий Гор?", A));
    const answered = sentInto(api, GROUP).at(-1)!;
    await b.handleUpdate(inGroup("А з ким він зустрівся?", A, answered.id));
    const apology = sentInto(api, GROUP).at(-1)!;
    expect(apology.text).toBe(APOLOGY);
    await b.handleUpdate(inGroup("А з ким він зустрівся?", B, apology.id));
    expect(kb.asked.map((a) => [a.question, a.options?.history?.map((turn) => turn.question)])).toEqual([
      ["Хто такий Гор?", undefined],
      ["А з ким він зустрівся?", ["Хто такий Гор?"]],
      ["А з ким він зустрівся?", ["Хто такий Гор?"]],
    ]);
    expect(sentInto(api, GROUP).at(-1)?.text).toContain("<b>Джерела</b>");
  });

  it("in a private chat is a question as any text there, as is a reply to 'wait and try again'", async () => {
    const { bot: b, kb, clock, api } = await bot({ rateLimit: { burst: 1, refillMs: 4_000 } });
    let fail = true;
    kb.reply = async () => {
      if (fail) throw new Error("the index is gone");
      return answer();
    };
    await b.handleUpdate(textUpdate("Хто такий Гор?", { fromId: A }));
    const apology = sentInto(api, A).at(-1)!;
    expect(apology.text).toBe(APOLOGY);
    fail = false;
    await b.handleUpdate(textUpdate("Де був форум?", { fromId: A, replyTo: { message_id: apology.id, fromBot: true } }));
    const notice = sentInto(api, A).at(-1)!;
    expect(notice.text).toMatch(RATE_LIMITED);
    clock.now += 4_000;
    await b.handleUpdate(textUpdate("Де був форум?", { fromId: A, replyTo: { message_id: notice.id, fromBot: true } }));
    expect(kb.asked.map((a) => [a.question, a.options?.history])).toEqual([
      ["Хто такий Гор?", undefined],
      ["Де був форум?", undefined],
    ]);
    expect(sentInto(api, A).at(-1)?.text).toContain("<b>Джерела</b>");
  });
});
