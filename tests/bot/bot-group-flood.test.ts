// One member flooding a group with questions, against the local Bot API mock. Telegram lets a bot
// post about 20 messages a minute into a group, and the outgoing queue (outgoing-throttle.ts) sends
// them in order, one every 3 s: each message the flood puts into the group before another member's
// answer holds that answer back 3 s. So what is checked is how many of the flood's messages go
// before the other member's answer, not the clock.
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { silentLogger } from "../../src/shared/logger.js";
import { type BotApiMock, startBotApiMock } from "../helpers/bot-api-mock.js";
import { BOT_INFO, editedUpdate, FakeKb, textUpdate } from "./harness.js";

const TOKEN = "123:FLOOD";
const GROUP = -100500; // the harness's group
const FLOODER = 7;
const OTHER = 8;
const RATE_LIMITED = /Забагато запитів/;

let mock: BotApiMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe("one member flooding a group", () => {
  it("10 mentions in 10 s: a bounded share of answers and one warning; another member's question is answered right after them", async () => {
    mock = await startBotApiMock({ token: TOKEN });
    let clock = 5_000_000;
    const bot = createBot(TOKEN, { kb: new FakeKb(), adminIds: new Set(), logger: silentLogger, maxUploadBytes: 1024, botInfo: BOT_INFO, apiRoot: mock.apiRoot, throttle: false, now: () => clock });
    for (let i = 0; i < 10; i++) {
      await bot.handleUpdate(textUpdate(`@articles_test_bot Хто такий Серджіо Гор ${i}?`, { chat: "group", fromId: FLOODER }));
      clock += 1_000;
    }
    await bot.handleUpdate(textUpdate("@articles_test_bot Де був форум?", { chat: "group", fromId: OTHER }));

    const inGroup = mock.sentMessages(GROUP).map((c) => String(c.payload.text));
    const warnings = inGroup.filter((text) => RATE_LIMITED.test(text));
    const answers = inGroup.filter((text) => text.includes("<b>Джерела</b>"));
    expect(warnings).toHaveLength(1); // README: "says once that they should wait"
    expect(answers).toHaveLength(4); // 3 of the flood, then the other member's
    // Before the other member's answer: the flood's 3 answers and its warning, nothing more.
    expect(inGroup).toHaveLength(5);
    expect(inGroup.at(-1)).toContain("<b>Джерела</b>");
  });

  it("a member who flooded, waited as told and was answered, is told again when they ask again at once: never silence", async () => {
    mock = await startBotApiMock({ token: TOKEN });
    let clock = 5_000_000;
    const bot = createBot(TOKEN, { kb: new FakeKb(), adminIds: new Set(), logger: silentLogger, maxUploadBytes: 1024, botInfo: BOT_INFO, apiRoot: mock.apiRoot, throttle: false, now: () => clock });
    const ask = (i: number) => bot.handleUpdate(textUpdate(`@articles_test_bot Хто такий Серджіо Гор ${i}?`, { chat: "group", fromId: FLOODER }));
    const inGroup = () => mock!.sentMessages(GROUP).map((c) => String(c.payload.text));
    // A rapid flood: 3 answers, one warning, the rest dropped silently.
    for (let i = 0; i < 6; i++) await ask(i);
    expect(inGroup().filter((text) => RATE_LIMITED.test(text))).toEqual(["Забагато запитів поспіль; зачекайте 20 с і спробуйте ще раз."]);
    expect(inGroup()).toHaveLength(4);
    clock += 20_000; // waited as told
    await ask(6);
    expect(inGroup().at(-1)).toContain("<b>Джерела</b>");
    clock += 1_000;
    await ask(7);
    expect(inGroup()).toHaveLength(6);
    expect(inGroup().at(-1)).toBe("Забагато запитів поспіль; зачекайте 19 с і спробуйте ще раз.");
    // Asking again straight away is still the same flood: no second warning.
    await ask(8);
    expect(inGroup()).toHaveLength(6);
  });

  it("editing a question twice to fix typos replaces its answer without using up the member's share of the group", async () => {
    mock = await startBotApiMock({ token: TOKEN });
    const bot = createBot(TOKEN, { kb: new FakeKb(), adminIds: new Set(), logger: silentLogger, maxUploadBytes: 1024, botInfo: BOT_INFO, apiRoot: mock.apiRoot, throttle: false, now: () => 0 });
    const asked = textUpdate("/ask Хто такий Грр?", { chat: "group", fromId: FLOODER });
    await bot.handleUpdate(asked);
    await bot.handleUpdate(editedUpdate(asked, "/ask Хто такий Гоор?"));
    await bot.handleUpdate(editedUpdate(asked, "/ask Хто такий Гор?"));
    await bot.handleUpdate(textUpdate("/ask Де був форум?", { chat: "group", fromId: FLOODER }));
    await bot.handleUpdate(textUpdate("/ask Коли був форум?", { chat: "group", fromId: FLOODER }));
    const inGroup = mock.sentMessages(GROUP).map((c) => String(c.payload.text));
    expect(inGroup.filter((text) => RATE_LIMITED.test(text))).toEqual([]);
    expect(inGroup.filter((text) => text.includes("<b>Джерела</b>"))).toHaveLength(3);
  });

  it("the share is per group: the same member is answered in another group, and in a private chat", async () => {
    mock = await startBotApiMock({ token: TOKEN });
    const bot = createBot(TOKEN, { kb: new FakeKb(), adminIds: new Set(), logger: silentLogger, maxUploadBytes: 1024, botInfo: BOT_INFO, apiRoot: mock.apiRoot, throttle: false, now: () => 0 });
    for (let i = 0; i < 4; i++) await bot.handleUpdate(textUpdate(`/ask Хто такий Гор ${i}?`, { chat: "group", fromId: FLOODER }));
    expect(mock.sentMessages(GROUP).map((c) => String(c.payload.text)).at(-1)).toMatch(RATE_LIMITED);
    const other = textUpdate("/ask Хто такий Гор?", { chat: "supergroup", fromId: FLOODER });
    (other.message as { chat: { id: number } }).chat.id = -100600;
    await bot.handleUpdate(other);
    await bot.handleUpdate(textUpdate("Хто такий Гор?", { fromId: FLOODER }));
    expect(mock.sentMessages(-100600).map((c) => String(c.payload.text))).toEqual([expect.stringContaining("<b>Джерела</b>")]);
    expect(mock.sentMessages(FLOODER).map((c) => String(c.payload.text))).toEqual([expect.stringContaining("<b>Джерела</b>")]);
  });
});
