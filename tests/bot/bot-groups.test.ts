// Groups as a community or newsroom chat uses them: anonymous admins, people posting as a
// channel, a channel's discussion group.
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { answer, makeBot, sent } from "./harness.js";
import { commandEntities } from "../helpers/command-entities.js";

// Telegram's stand-ins in `from`: every anonymous admin of every group, and everyone posting as a channel.
const GROUP_ANONYMOUS_BOT = { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };
const CHANNEL_BOT = { id: 136817688, is_bot: true, first_name: "Channel", username: "Channel_Bot" };

let updateId = 900_000;
let messageId = 90_000;

/** A message in supergroup `chatId` sent as `senderChat` (the group itself: an anonymous admin; a channel). */
function sentAs(chatId: number, senderChat: { id: number; type: string; title: string }, text: string): Update {
  const chat = { id: chatId, type: "supergroup", title: `G${chatId}` };
  return {
    update_id: updateId++,
    message: {
      message_id: messageId++,
      date: 0,
      chat,
      from: senderChat.id === chatId ? GROUP_ANONYMOUS_BOT : CHANNEL_BOT,
      sender_chat: senderChat,
      text,
      ...commandEntities(text),
    },
  } as unknown as Update;
}

const RATE_LIMITED = /Забагато запитів/;

describe("anonymous admins and people posting as a channel", () => {
  it("the anonymous admins of one group do not use up another group's questions, nor do channels each other's", async () => {
    // Whose budget is under test: a member's share of a group (3 at once) as large as the budget.
    const { bot, calls } = makeBot({ groupRateLimit: { burst: 5, refillMs: 4_000 } });
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

  it("an anonymous admin's (or a channel's) /stats@thisbot or /reindex@thisbot is told to send it in a private chat, where who sends it shows; nothing is built", async () => {
    const { bot, calls, kb } = makeBot();
    const group = { id: -1001, type: "supergroup", title: "A" };
    await bot.handleUpdate(sentAs(group.id, group, "/stats@articles_test_bot"));
    await bot.handleUpdate(sentAs(group.id, { id: -1003, type: "channel", title: "X" }, "/reindex@articles_test_bot"));
    expect(sent(calls).map((c) => c.payload.text)).toEqual(["Надішліть, будь ласка, цю команду мені в особистому чаті.", "Надішліть, будь ласка, цю команду мені в особистому чаті."]);
    expect(kb.reindexCalls).toBe(0);
  });
});

describe("a message someone forwards into a group", () => {
  const group = { id: -1007, type: "supergroup", title: "Community" };
  const member = { id: 7, is_bot: false, first_name: "U" };
  /** A message member 7 forwards into the group from elsewhere (`origin`: where it was first written). */
  function forwarded(origin: Record<string, unknown>, fields: Record<string, unknown>): Update {
    return { update_id: updateId++, message: { message_id: messageId++, date: 0, chat: group, from: member, forward_origin: { date: 0, ...origin }, ...fields } } as unknown as Update;
  }
  const news = { type: "channel", chat: { id: -1005, type: "channel", title: "News" }, message_id: 5 };
  const someone = { type: "user", sender_user: { id: 12, is_bot: false, first_name: "B" } };

  it("speaks to whoever it was first written for, not to the bot: a mention, /ask or a caption in it asks nothing; a reply to it with a mention asks it", async () => {
    const { bot, calls, kb } = makeBot();
    const post = forwarded(news, { text: "Нова стаття про форум B5+1. Питання? Пишіть @articles_test_bot" });
    await bot.handleUpdate(post);
    await bot.handleUpdate(forwarded(someone, { text: "/ask Хто такий Серджіо Гор?", entities: [{ type: "bot_command", offset: 0, length: 4 }] }));
    await bot.handleUpdate(forwarded({ type: "hidden_user", sender_user_name: "X" }, { text: "@articles_test_bot де був форум?" }));
    await bot.handleUpdate(forwarded(news, { photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }], caption: "Хто такий Серджіо Гор? Питайте @articles_test_bot" }));
    expect(kb.asked).toEqual([]);
    expect(sent(calls)).toEqual([]);

    const message = (post as unknown as { message: Record<string, unknown> }).message;
    await bot.handleUpdate({ update_id: updateId++, message: { message_id: messageId++, date: 0, chat: group, from: member, text: "@articles_test_bot хто такий Гор?", reply_to_message: message } } as unknown as Update);
    expect(kb.asked.map((a) => a.question)).toEqual(["хто такий Гор?"]);
  });

  it("in a private chat, a forwarded message is a question as any other", async () => {
    const { bot, kb } = makeBot();
    await bot.handleUpdate({ update_id: updateId++, message: { message_id: messageId++, date: 0, chat: { id: 7, type: "private", first_name: "U" }, from: member, forward_origin: { date: 0, ...someone }, text: "Хто такий Серджіо Гор?" } } as unknown as Update);
    expect(kb.asked.map((a) => a.question)).toEqual(["Хто такий Серджіо Гор?"]);
  });
});

describe("a channel's discussion group", () => {
  const channel = { id: -1005, type: "channel", title: "News" };
  const TELEGRAM = { id: 777000, is_bot: false, first_name: "Telegram" };
  /** A channel post as Telegram copies it into the channel's discussion group (is_automatic_forward). */
  function channelPost(fields: Record<string, unknown>): Update {
    return {
      update_id: updateId++,
      message: { message_id: messageId++, date: 0, chat: { id: -1006, type: "supergroup", title: "News chat" }, from: TELEGRAM, sender_chat: channel, is_automatic_forward: true, forward_origin: { type: "channel", chat: channel, message_id: 5, date: 0 }, ...fields },
    } as unknown as Update;
  }

  it("a channel post that mentions the bot (telling readers to ask it) is copied into the group, and is no question to answer there", async () => {
    const { bot, calls, kb } = makeBot();
    const post = channelPost({ text: "Нова стаття про форум B5+1. Питання? Пишіть @articles_test_bot" });
    await bot.handleUpdate(post);
    await bot.handleUpdate(channelPost({ photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }], caption: "Хто такий Серджіо Гор? Питайте @articles_test_bot" }));
    const message = (post as unknown as { message: Record<string, unknown> }).message;
    await bot.handleUpdate({ update_id: updateId++, edited_message: { ...message, text: "Нова стаття. Хто такий Гор? Питайте @articles_test_bot", edit_date: 1 } } as unknown as Update);
    expect(kb.asked).toEqual([]);
    expect(sent(calls)).toEqual([]);

    // A reader's comment under the post that asks the bot is answered, in the post's comments.
    await bot.handleUpdate({
      update_id: updateId++,
      message: { message_id: messageId++, date: 0, chat: message.chat, from: { id: 7, is_bot: false, first_name: "U" }, text: "@articles_test_bot хто такий Гор?", message_thread_id: message.message_id, reply_to_message: message },
    } as unknown as Update);
    expect(kb.asked.map((a) => a.question)).toEqual(["хто такий Гор?"]);
  });

  it("nor is a channel post that starts with a command (/ask …, /help@thisbot, /latest): the copy speaks to the channel's readers, not to the bot", async () => {
    const { bot, calls, kb } = makeBot();
    const command = (text: string) => ({ text, entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] });
    const post = channelPost(command("/ask Хто такий Серджіо Гор?"));
    await bot.handleUpdate(post);
    await bot.handleUpdate(channelPost(command("/help@articles_test_bot")));
    await bot.handleUpdate(channelPost(command("/latest")));
    await bot.handleUpdate(channelPost({ photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }], ...command("/ask Де був форум?") }));
    const message = (post as unknown as { message: Record<string, unknown> }).message;
    await bot.handleUpdate({ update_id: updateId++, edited_message: { ...message, text: "/ask Хто такий Гор?", edit_date: 1 } } as unknown as Update);
    expect(kb.asked).toEqual([]);
    expect(sent(calls)).toEqual([]);
  });

  it("a long answer to a comment stays under the post: each part replies to the one before (a plain message lands in the main chat)", async () => {
    const { bot, calls, kb } = makeBot();
    kb.reply = async () => answer({ answer: Array.from({ length: 200 }, (_, i) => `Речення ${i} про форум B5+1 і партнерів [1].`).join(" ") });
    const chat = { id: -1006, type: "supergroup", title: "News chat" };
    const post = { message_id: 60, date: 0, chat, from: { id: 777000, is_bot: false, first_name: "Telegram" }, sender_chat: channel, is_automatic_forward: true, text: "Нова стаття" };
    await bot.handleUpdate({
      update_id: updateId++,
      message: { message_id: 61, date: 0, chat, from: { id: 7, is_bot: false, first_name: "U" }, text: "@articles_test_bot що було на форумі?", message_thread_id: 60, reply_to_message: post },
    } as unknown as Update);
    const parts = sent(calls);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]!.payload.reply_parameters).toEqual({ message_id: 61, allow_sending_without_reply: true });
    const ids = parts.map((_, i) => 1001 + i); // the harness numbers sent messages from 1001
    for (const [i, part] of parts.entries()) {
      if (i > 0) expect(part.payload.reply_parameters).toEqual({ message_id: ids[i - 1], allow_sending_without_reply: true });
    }
    // "typing…" shows under the post too: its comments are the thread the action names (unlike a
    // reply chain in a forum's General topic, see bot-forum-topics.test.ts).
    expect(sent(calls, "sendChatAction").map((c) => c.payload.message_thread_id)).toEqual([60]);
  });

  it("an answer in several parts in an ordinary group is sent as before: only the first replies to the question", async () => {
    const { bot, calls, kb } = makeBot();
    kb.reply = async () => answer({ answer: Array.from({ length: 200 }, (_, i) => `Речення ${i} про форум B5+1 і партнерів [1].`).join(" ") });
    await bot.handleUpdate({
      update_id: updateId++,
      message: { message_id: 62, date: 0, chat: { id: -1007, type: "supergroup", title: "G" }, from: { id: 7, is_bot: false, first_name: "U" }, text: "/ask що було на форумі?", entities: [{ type: "bot_command", offset: 0, length: 4 }] },
    } as unknown as Update);
    const parts = sent(calls);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.slice(1).map((p) => p.payload.reply_parameters)).toEqual(parts.slice(1).map(() => undefined));
  });
});

describe("an answer that fails in a group", () => {
  it("is apologised for in reply to the question: whose it was shows, and a comment's apology stays under its post", async () => {
    const { bot, calls, kb } = makeBot();
    kb.reply = async () => {
      throw new Error("the index is gone");
    };
    const chat = { id: -1006, type: "supergroup", title: "News chat" };
    const post = { message_id: 50, date: 0, chat, from: { id: 777000, is_bot: false, first_name: "Telegram" }, is_automatic_forward: true, text: "Нова стаття" };
    const comment = { update_id: updateId++, message: { message_id: 51, date: 0, chat, from: { id: 7, is_bot: false, first_name: "U" }, text: "@articles_test_bot хто такий Гор?", message_thread_id: 50, reply_to_message: post } } as unknown as Update;
    await bot.handleUpdate(comment);
    const [apology] = sent(calls);
    expect(apology?.payload.text).toBe("Вибачте, щось пішло не так. Спробуйте ще раз пізніше.");
    expect(apology?.payload.reply_parameters).toEqual({ message_id: 51, allow_sending_without_reply: true });
  });
});

describe("/latest in the comments under a channel post", () => {
  it("a list in several messages stays under the post: each message replies (a plain one lands in the group's main chat)", async () => {
    const { bot, calls, kb } = makeBot();
    // Titles full of quotes grow six times once escaped: five of them take more than one message.
    kb.latestArticles = Array.from({ length: 5 }, (_, i) => ({ articleId: `a${i}.txt`, title: `${i} ${'"'.repeat(198)}`, date: `2026-02-0${i + 1}`, url: null }));
    const chat = { id: -1006, type: "supergroup", title: "News chat" };
    const post = { message_id: 70, date: 0, chat, from: { id: 777000, is_bot: false, first_name: "Telegram" }, sender_chat: { id: -1009, type: "channel", title: "News" }, is_automatic_forward: true, text: "Нова стаття" };
    await bot.handleUpdate({
      update_id: updateId++,
      message: { message_id: 71, date: 0, chat, from: { id: 7, is_bot: false, first_name: "U" }, text: "/latest", entities: [{ type: "bot_command", offset: 0, length: 7 }], message_thread_id: 70, reply_to_message: post },
    } as unknown as Update);
    const parts = sent(calls);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.payload.reply_parameters).toEqual({ message_id: 71, allow_sending_without_reply: true });
  });
});
