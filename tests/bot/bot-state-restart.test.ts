// The bot's state survives a restart (files in STATE_DIR, or Postgres): a reply to an answer
// given before the restart keeps its context, and a source button with a long chunk id still works.
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { BotStateStore } from "../../src/state/bot-state-store.js";
import { openFileBotState } from "../../src/state/file-bot-state.js";
import { openPostgresBotState } from "../../src/state/postgres/postgres-bot-state.js";
import { createPglite, pgliteDatabase } from "../helpers/pglite.js";
import { answer, CHUNK, callbackUpdate, citation, makeBot, textUpdate } from "./harness.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

const backends: [string, () => Promise<() => Promise<BotStateStore>>][] = [
  [
    "files",
    async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-restart-"));
      dirs.push(dir);
      return () => openFileBotState(dir);
    },
  ],
  [
    "postgres",
    async () => {
      const db = pgliteDatabase(await createPglite());
      return () => openPostgresBotState({ db, schema: "article_qa", database: "pglite" });
    },
  ],
];

describe.each(backends)("after a restart (%s)", (_name, backend) => {
  it("a reply to an earlier answer keeps its context; a long source button still opens its passage", async () => {
    const open = await backend();
    const longId = `${"довга-назва-статті-".repeat(4)}.txt#12`;
    const longChunk = { ...CHUNK, id: longId };

    const firstState = await open();
    const first = makeBot({ stateStore: firstState });
    first.kb.chunks.set(longId, longChunk);
    first.kb.reply = async () => answer({ citations: [citation({ chunkId: longId })], passages: [{ chunk: longChunk, score: 1 }] });
    await first.bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    const sent = first.calls.filter((c) => c.method === "sendMessage");
    const answerId = 1001; // the harness numbers sent messages from 1001
    const keyboard = sent[0]?.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    const data = keyboard.inline_keyboard[0]?.[0]?.callback_data ?? "";
    expect(data).toMatch(/^k:/); // too long for the callback data itself: kept in the state
    await firstState.close();

    const secondState = await open();
    const second = makeBot({ stateStore: secondState });
    second.kb.chunks.set(longId, longChunk);
    await second.bot.handleUpdate(textUpdate("А з ким він зустрівся?", { replyTo: { message_id: answerId, fromBot: true } }));
    expect(second.kb.asked[0]?.options?.history).toEqual([{ question: "Хто такий Серджіо Гор?", answer: answer().answer }]);

    await second.bot.handleUpdate(callbackUpdate(data, answerId));
    const passage = second.calls.filter((c) => c.method === "sendMessage").at(-1);
    expect(String(passage?.payload.text)).toContain("Серджіо Гор");
    expect(second.calls.find((c) => c.method === "answerCallbackQuery")?.payload.show_alert).toBeUndefined();
    await secondState.close();
  });
});
