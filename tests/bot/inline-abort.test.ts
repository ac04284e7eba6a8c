// Inline answers no one waits for stop costing LLM time: past the deadline (the user got the
// button to the private chat), or once the same user's next query arrived (Telegram shows only its
// results), the lookup's model request is closed, not left running to LLM_TIMEOUT_MS. A real
// knowledge base against the local OpenAI stub, which holds every request open.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Update } from "grammy/types";
import { type HeldLlm, startHeldLlm } from "../helpers/held-llm.js";
import { messages } from "../../src/bot/messages.js";
import { makeBot, sent, USER_ID } from "./harness.js";

let llm: HeldLlm | undefined;
afterEach(async () => {
  await llm?.close();
  llm = undefined;
});

let inlineId = 0;
function inlineUpdate(query: string, fromId = USER_ID): Update {
  inlineId += 1;
  return { update_id: 700_000 + inlineId, inline_query: { id: `iq${inlineId}`, from: { id: fromId, is_bot: false, first_name: "U" }, query, offset: "", chat_type: "sender" } };
}

type Button = { text: string } | undefined;

describe("inline lookups no one waits for are aborted, their model request too", () => {
  it("past the deadline: the button to the private chat, then the model's request is closed", async () => {
    llm = await startHeldLlm();
    // A question no passage answers first: the search is warm, and the deadline passes while the model writes.
    expect((await llm.kb.ask("Яка погода на Марсі?")).notFound).toBe(true);
    const { bot, calls } = makeBot({ kb: llm.kb, inlineDeadlineMs: 2_000 });
    await bot.handleUpdate(inlineUpdate("Хто такий Серджіо Гор?"));
    expect(llm.chats()).toHaveLength(1);
    const [late] = sent(calls, "answerInlineQuery");
    expect((late?.payload.button as Button)?.text).toBe(messages.inlineSlow("uk"));
    // Before the fix the request stayed open until LLM_TIMEOUT_MS (2 minutes here).
    await vi.waitFor(() => expect(llm!.chats()[0]?.abandoned).toBe(true), { timeout: 10_000 });
    expect(llm.logs().filter((l) => /LLM answer unusable|falling back/.test(l.msg))).toEqual([]);
  }, 30_000);

  it("the same user's next query aborts the earlier one's model request; only the next one is answered", async () => {
    llm = await startHeldLlm();
    const { bot, calls } = makeBot({ kb: llm.kb, inlineDeadlineMs: 100_000 });
    const first = bot.handleUpdate(inlineUpdate("Хто такий Серджіо"));
    await vi.waitFor(() => expect(llm!.chats()).toHaveLength(1), { timeout: 10_000 });
    // Another user's query is theirs: it aborts nothing.
    const other = bot.handleUpdate(inlineUpdate("Хто такий Серджіо Гор", USER_ID + 1));
    await vi.waitFor(() => expect(llm!.chats()).toHaveLength(2), { timeout: 10_000 });
    const second = bot.handleUpdate(inlineUpdate("Хто такий Серджіо Гор?"));
    await vi.waitFor(() => expect(llm!.chats()).toHaveLength(3), { timeout: 10_000 });
    // Before the fix the first request stayed open until LLM_TIMEOUT_MS (2 minutes here).
    await vi.waitFor(() => expect(llm!.chats()[0]?.abandoned).toBe(true), { timeout: 10_000 });
    expect(llm.chats().slice(1).map((r) => r.abandoned ?? false)).toEqual([false, false]);
    llm.release();
    await Promise.all([first, other, second]);
    const answered = sent(calls, "answerInlineQuery");
    expect(answered.map((c) => c.payload.inline_query_id).sort()).toEqual([`iq${inlineId - 1}`, `iq${inlineId}`]);
    for (const call of answered) expect((call.payload.results as unknown[]).length).toBe(1);
    expect(llm.logs().filter((l) => l.level >= 40)).toEqual([]);
  }, 30_000);
});
