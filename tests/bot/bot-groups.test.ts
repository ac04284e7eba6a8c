// Groups as a community or newsroom chat uses them: anonymous admins, people posting as a
// channel, a channel's discussion group.
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { makeBot, sent } from "./harness.js";

// Telegram's stand-ins in `from`: every anonymous admin of every group, and everyone posting as a channel.
const GROUP_ANONYMOUS_BOT = { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };
const CHANNEL_BOT = { id: 136817688, is_bot: true, first_name: "Channel", username: "Channel_Bot" };

let updateId = 900_000;
let messageId = 90_000;

/** A message in supergroup `chatId` sent as `senderChat` (the group itself: an anonymous admin; a channel). */
function sentAs(chatId: number, senderChat: { id: number; type: string; title: string }, text: string): Update {
  const chat = { id: chatId, type: "supergroup", title: `G${chatId}` };
  const command = /^\/\w+(@\w+)?/.exec(text);
  return {
    update_id: updateId++,
    message: {
      message_id: messageId++,
      date: 0,
      chat,
      from: senderChat.id === chatId ? GROUP_ANONYMOUS_BOT : CHANNEL_BOT,
      sender_chat: senderChat,
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    },
  } as unknown as Update;
}

const RATE_LIMITED = /Забагато запитів/;

describe("anonymous admins and people posting as a channel", () => {
  it("the anonymous admins of one group do not use up another group's questions, nor do channels each other's", async () => {
    const { bot, calls } = makeBot();
    const groupA = { id: -1001, type: "supergroup", title: "A" };
    const groupB = { id: -1002, type: "supergroup", title: "B" };
    for (let i = 0; i < 6; i++) await bot.handleUpdate(sentAs(groupA.id, groupA, `/ask Хто такий Гор ${i}?`));
    expect(sent(calls).filter((c) => c.payload.chat_id === groupA.id && RATE_LIMITED.test(String(c.payload.text)))).toHaveLength(1);

    await bot.handleUpdate(sentAs(groupB.id, groupB, "/ask Хто такий Гор?"));
    const channelX = { id: -1003, type: "channel", title: "X" };
    const channelY = { id: -1004, type: "channel", title: "Y" };
    for (let i = 0; i < 5; i++) await bot.handleUpdate(sentAs(groupB.id, channelX, `/ask Де був форум ${i}?`));
    await bot.handleUpdate(sentAs(groupB.id, channelY, "/ask Де був форум?"));
    expect(sent(calls).filter((c) => c.payload.chat_id === groupB.id).map((c) => String(c.payload.text))).not.toContainEqual(expect.stringMatching(RATE_LIMITED));
  });

  it("nor one group's commands another's", async () => {
    const { bot, calls } = makeBot();
    const groupA = { id: -1001, type: "supergroup", title: "A" };
    const groupB = { id: -1002, type: "supergroup", title: "B" };
    for (let i = 0; i < 6; i++) await bot.handleUpdate(sentAs(groupA.id, groupA, "/latest"));
    await bot.handleUpdate(sentAs(groupB.id, groupB, "/latest"));
    const inB = sent(calls).filter((c) => c.payload.chat_id === groupB.id);
    expect(inB).toHaveLength(1);
    expect(String(inB[0]!.payload.text)).not.toMatch(RATE_LIMITED);
  });
});
