// A group whose every message reaches the bot (privacy mode off, or the bot an admin): only what
// the bot may act on is written to the update journal (each write fsynced), by the same test the
// bot's features sit behind (src/bot/for-the-bot.ts); the rest is neither journaled nor handled.
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VOTE_DOWN, VOTE_UP } from "../../src/bot/features/feedback.js";
import { openUpdateIntake } from "../../src/bot/update-intake.js";
import { UpdateJournal } from "../../src/bot/update-journal.js";
import { silentLogger } from "../../src/shared/logger.js";
import { commandEntities } from "../helpers/command-entities.js";
import { BOT_INFO, makeBot, sent } from "./harness.js";

const GROUP = { id: -100777, type: "supergroup", title: "Busy" };
const ME = `@${BOT_INFO.username}`;
const BOT_USER = { id: BOT_INFO.id, is_bot: true, first_name: "Articles", username: BOT_INFO.username };

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "group-journal-"));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

let nextId = 1;
/** A group message from member `from` (`fields`: text, caption, reply…); `edited` sends it as an edit. */
function groupUpdate(fields: Record<string, unknown>, options: { from?: number; edited?: boolean } = {}): Update {
  const id = nextId++;
  const text = typeof fields.text === "string" ? fields.text : undefined;
  const message = { message_id: id, date: 0, chat: GROUP, from: { id: options.from ?? 7, is_bot: false, first_name: "M" }, ...(text ? commandEntities(text) : {}), ...fields };
  return { update_id: id, ...(options.edited ? { edited_message: { ...message, edit_date: 1 } } : { message }) } as unknown as Update;
}

/** One of the bot's answers in the group, as a reply shows it. */
const ANSWER = { message_id: 5, date: 0, chat: GROUP, from: BOT_USER, text: "Серджіо Гор – посланець [1].", reply_markup: { inline_keyboard: [[{ text: "👍", callback_data: VOTE_UP }, { text: "👎", callback_data: VOTE_DOWN }]] } };

/** What a busy group says among its members: questions too, but none to the bot. */
function chatter(n: number): Update[] {
  const kinds = [
    () => groupUpdate({ text: "Привіт усім!" }),
    () => groupUpdate({ text: "Хто йде на обід?" }),
    () => groupUpdate({ text: "@petro глянь, що пишуть" }),
    () => groupUpdate({ text: "лол", reply_to_message: { message_id: 3, date: 0, chat: GROUP, from: { id: 8, is_bot: false, first_name: "P" }, text: "жарт" } }),
    () => groupUpdate({ photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }] }),
    () => groupUpdate({ sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } }),
    () => groupUpdate({ text: "/weather@other_bot Київ", entities: [{ type: "bot_command", offset: 0, length: 18 }] }),
    () => groupUpdate({ text: "виправив одрук" }, { edited: true }),
    () => groupUpdate({ new_chat_members: [{ id: 9, is_bot: false, first_name: "N" }] }),
    () => groupUpdate({ pinned_message: { message_id: 2, date: 0, chat: GROUP, text: "правила" } }),
  ];
  return Array.from({ length: n }, (_, i) => kinds[i % kinds.length]!());
}

/** Runs `updates` through the intake as polling would (batches of 100) into a journal; what the journal holds and what the bot sent. */
async function throughIntake(updates: Update[]) {
  const { bot, calls } = makeBot();
  const journal = await UpdateJournal.open(dir);
  const intake = await openUpdateIntake(bot, journal, silentLogger);
  for (let i = 0; i < updates.length; i += 100) await intake.dispatcher.accept(updates.slice(i, i + 100));
  await intake.dispatcher.drain(10_000);
  // Before close(): its compaction keeps only the handled ids.
  const lines = (await fs.readFile(path.join(dir, "updates.jsonl"), "utf8")).split("\n").filter(Boolean);
  const journaled = lines.map((line) => JSON.parse(line) as { u?: Update }).flatMap((line) => (line.u ? [line.u.update_id] : []));
  await intake.close(1_000);
  await journal.close();
  return { journaled, calls };
}

describe("the update journal in a group that sends the bot every message", () => {
  it("100 ordinary messages and 3 questions to the bot: 3 journal writes (103 before), the 3 answered", async () => {
    const questions = [
      groupUpdate({ text: `${ME} Хто такий Серджіо Гор?` }),
      groupUpdate({ text: "А коли він приїде?", reply_to_message: ANSWER }, { from: 11 }),
      groupUpdate({ text: `/ask@${BOT_INFO.username} Хто такий Гор?` }, { from: 12 }),
    ];
    const noise = chatter(100);
    const updates = [...noise.slice(0, 40), questions[0]!, ...noise.slice(40, 70), questions[1]!, ...noise.slice(70), questions[2]!];
    const { journaled, calls } = await throughIntake(updates);
    expect(journaled).toEqual(questions.map((q) => q.update_id));
    // Each answered (a reply to its question); nothing else was said in the group.
    expect(sent(calls).map((c) => (c.payload.reply_parameters as { message_id: number } | undefined)?.message_id)).toEqual(questions.map((q) => q.update_id));
  });

  it("journals everything the bot acts on in a group, and only that", async () => {
    const forTheBot = [
      groupUpdate({ caption: `${ME.toUpperCase()} що на фото?`, photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }] }),
      groupUpdate({ text: "дякую", reply_to_message: ANSWER }),
      groupUpdate({ text: "/help" }),
      groupUpdate({ text: `/latest@${BOT_INFO.username}` }),
      groupUpdate({ text: `/ask@${BOT_INFO.username} хто?` }, { edited: true }),
      groupUpdate({ text: `${ME} хто такий Гор?` }, { edited: true }),
      // A reply, from the supergroup, to an answer given before the group was upgraded.
      groupUpdate({ text: "А коли?", external_reply: { origin: { type: "user", date: 0, sender_user: BOT_USER }, chat: { id: -5, type: "group", title: "Old" }, message_id: 4 } }),
      groupUpdate({ new_chat_members: [BOT_USER] }),
      groupUpdate({ group_chat_created: true }),
      groupUpdate({ migrate_from_chat_id: -5 }),
      groupUpdate({ migrate_to_chat_id: -1005 }),
      { update_id: nextId++, callback_query: { id: "t", chat_instance: "c", from: { id: 7, is_bot: false, first_name: "M" }, data: VOTE_UP, message: ANSWER } } as unknown as Update,
    ];
    const noise = chatter(10);
    const { journaled } = await throughIntake([...noise, ...forTheBot]);
    expect(journaled).toEqual(forTheBot.map((u) => u.update_id));
  });
});
