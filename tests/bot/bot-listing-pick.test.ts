// The bot over the real knowledge base (the four follow-up articles): a listing's conversation
// keeps its articles' ids, and a reply naming one by its number is answered from that article.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageKey } from "../../src/bot/features/feedback.js";
import type { KnowledgeBase } from "../../src/knowledge-base/knowledge-base.js";
import { MemoryBotState } from "../../src/state/memory-bot-state.js";
import { openTempApp } from "../helpers/temp-app.js";
import { makeBot, sent, textUpdate, USER_ID } from "./harness.js";

describe("a reply picking an article of the bot's listing", () => {
  let kb: KnowledgeBase;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    ({ kb, remove } = await openTempApp("bot-listing-pick-", "tests/fixtures/follow-ups"));
  });
  afterAll(() => remove?.());

  it("is answered from the listed article it names, with its source button", async () => {
    const stateStore = new MemoryBotState();
    const { bot, calls } = makeBot({ kb, stateStore });
    await bot.handleUpdate(textUpdate("Що нового?"));
    // The listing was message 1001: its conversation holds the listed articles, in the order shown.
    expect(await stateStore.conversations.get(messageKey(USER_ID, 1001))).toEqual([
      expect.objectContaining({ question: "Що нового?", listing: true, listed: ["lviv.md", "kharkiv.md", "gor2.md", "gor.md"] }),
    ]);
    await bot.handleUpdate(textUpdate("А про що друга?", { replyTo: { message_id: 1001, fromBot: true } }));
    const reply = sent(calls)[1]!;
    expect(String(reply.payload.text)).toContain("У Харкові завершили ремонт трьох шкіл");
    const buttons = (reply.payload.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard.flat().map((b) => b.text);
    expect(buttons).toContain("1 · Харків відновлює школи після обстрілів");
  });

  it("a reply to a picked article's answer still picks from the listing ('А третя?' after 'А про що друга?')", async () => {
    const { bot, calls } = makeBot({ kb, stateStore: new MemoryBotState() });
    await bot.handleUpdate(textUpdate("Що нового?"));
    await bot.handleUpdate(textUpdate("А про що друга?", { replyTo: { message_id: 1001, fromBot: true } }));
    await bot.handleUpdate(textUpdate("А третя?", { replyTo: { message_id: 1002, fromBot: true } }));
    expect(String(sent(calls)[2]?.payload.text)).toContain("Гор завершив турне Центральною Азією");
  });

  it("in a group, a reply to the listing picks without a '?' ('Детальніше про 2'); a number under another answer is for people", async () => {
    const { bot, calls } = makeBot({ kb, stateStore: new MemoryBotState() });
    await bot.handleUpdate(textUpdate("/ask Що нового?", { chat: "group" }));
    await bot.handleUpdate(textUpdate("Детальніше про 2", { chat: "group", replyTo: { message_id: 1001, fromBot: true } }));
    expect(String(sent(calls)[1]?.payload.text)).toContain("У Харкові завершили ремонт трьох шкіл");

    await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
    const answered = sent(calls).length;
    await bot.handleUpdate(textUpdate("Детальніше про 2", { chat: "group", replyTo: { message_id: 1003, fromBot: true } }));
    expect(sent(calls)).toHaveLength(answered);
  });
});
