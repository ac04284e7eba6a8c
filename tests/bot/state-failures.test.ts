// Reliability follow-up of issues 10/11: a bot-state call that fails (the database went away, a
// statement timed out) must not cost the user the answer, and must not add an apology either:
// the answer is sent exactly once, the failure is logged. Writes after the answer, and the reads
// before it (the rate limit, the conversation a reply continues).
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/shared/logger.js";
import { MemoryBotState } from "../../src/state/memory-bot-state.js";
import { VOTE_DOWN, VOTE_UP } from "../../src/bot/features/feedback.js";
import { answer, CHUNK, citation, makeBot, sent, textUpdate } from "./harness.js";

const APOLOGY = /щось пішло не так|something went wrong/i;
const textOf = (call: { payload: Record<string, unknown> } | undefined): string => String(call?.payload.text ?? "");
const buttonsOf = (call: { payload: Record<string, unknown> } | undefined): string[] =>
  ((call?.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] } | undefined)?.inline_keyboard ?? []).flat().map((b) => b.callback_data);

/** A state store whose writes of `failing` parts reject, as a Postgres store does when its database is down. */
function brokenState(failing: ("stats" | "conversations" | "passageKeys" | "feedback" | "rateLimits" | "conversationReads")[]): MemoryBotState {
  const state = new MemoryBotState();
  const down = async (): Promise<never> => {
    throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
  };
  if (failing.includes("stats")) state.stats.record = down;
  if (failing.includes("conversations")) state.conversations.set = down;
  if (failing.includes("passageKeys")) state.passageKeys.set = down;
  if (failing.includes("feedback")) state.feedback.register = down;
  if (failing.includes("rateLimits")) state.rateLimits.take = down;
  if (failing.includes("conversationReads")) state.conversations.get = down;
  return state;
}

function capturingLogger() {
  const lines: { level: number; msg: string; err?: string }[] = [];
  const logger = createLogger("warn", { destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  return { logger, lines };
}

// A chunk id long enough that its button needs a stored passage key (callback data over 64 bytes).
const LONG = { ...CHUNK, id: `${"a-very-long-folder-name/".repeat(3)}article.txt#0` };
const longAnswer = () => answer({ citations: [citation({ chunkId: LONG.id })], passages: [{ chunk: LONG, score: 1 }] });

describe("a failing state store after the answer is computed", () => {
  it("still sends the answer once (no apology) when every state write fails, and logs each failure", async () => {
    const { logger, lines } = capturingLogger();
    const { bot, kb, calls } = makeBot({ stateStore: brokenState(["stats", "conversations", "passageKeys", "feedback"]), logger });
    kb.reply = async () => longAnswer();
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));

    const messages = sent(calls);
    expect(messages).toHaveLength(1);
    expect(textOf(messages[0])).toContain("Серджіо Гор – спеціальний посланець США [1].");
    expect(messages.map(textOf).join("\n")).not.toMatch(APOLOGY);
    // The source is still listed; its button (a key that could not be stored) is left out, the votes stay.
    expect(textOf(messages[0])).toContain("<b>Джерела</b>");
    expect(buttonsOf(messages[0])).toEqual([VOTE_UP, VOTE_DOWN]);

    const warnings = lines.filter((l) => l.level === 40).map((l) => l.msg);
    expect(warnings).toEqual(expect.arrayContaining([expect.stringContaining("counting the question"), expect.stringContaining("saving a passage key"), expect.stringContaining("saving the vote key"), expect.stringContaining("saving the conversation")]));
    expect(lines.every((l) => l.level < 50)).toBe(true); // nothing logged as a failed update
  });

  it("keeps the passage buttons that need no stored key when only the key store fails", async () => {
    const { bot, calls } = makeBot({ stateStore: brokenState(["passageKeys"]) });
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    expect(buttonsOf(sent(calls)[0])[0]).toMatch(/^q:1:/);
  });

  it("sends a streamed group answer once, with no apology, when saving its conversation fails", async () => {
    const { bot, kb, calls } = makeBot({ stateStore: brokenState(["conversations", "feedback"]), streamTiming: { draftIntervalMs: 10, editIntervalMs: 10 } });
    kb.reply = async (_q, options) => {
      options?.onDraft?.("Серджіо Гор");
      await new Promise((resolve) => setTimeout(resolve, 50));
      return answer();
    };
    await bot.handleUpdate(textUpdate("/ask Хто такий Серджіо Гор?", { chat: "group" }));
    const shown = calls.filter((c) => c.method === "sendMessage" || c.method === "editMessageText");
    expect(sent(calls)).toHaveLength(1); // the draft message, edited into the answer
    expect(textOf(shown.at(-1))).toContain("Серджіо Гор – спеціальний посланець США [1].");
    expect(calls.some((c) => c.method === "deleteMessage")).toBe(false);
    expect(shown.map(textOf).join("\n")).not.toMatch(APOLOGY);
  });

  it("answers an inline query with the stats store down (inline queries are not counted)", async () => {
    const { bot, calls } = makeBot({ stateStore: brokenState(["stats"]) });
    await bot.handleUpdate({
      update_id: 990_001,
      inline_query: { id: "iq-broken", from: { id: 7, is_bot: false, first_name: "U" }, query: "Хто такий Серджіо Гор?", offset: "" },
    } as never);
    const [call] = sent(calls, "answerInlineQuery");
    const results = call?.payload.results as { id: string; input_message_content: { message_text: string } }[];
    expect(results.map((r) => r.id)).toEqual(["answer"]);
    expect(results[0]?.input_message_content.message_text).toContain("Серджіо Гор");
  });
});

describe("a failing state store before the answer", () => {
  it("answers when the rate limit cannot be checked, and logs it", async () => {
    const { logger, lines } = capturingLogger();
    const { bot, kb, calls } = makeBot({ stateStore: brokenState(["rateLimits"]), logger });
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    expect(kb.asked).toHaveLength(1);
    const messages = sent(calls);
    expect(messages).toHaveLength(1);
    expect(textOf(messages[0])).toContain("Серджіо Гор – спеціальний посланець США [1].");
    expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([expect.stringContaining("checking the question rate limit")]);
  });

  it("answers a reply as a question of its own when its conversation cannot be read", async () => {
    const { logger, lines } = capturingLogger();
    const { bot, kb, calls } = makeBot({ stateStore: brokenState(["conversationReads"]), logger });
    await bot.handleUpdate(textUpdate("А з ким він зустрівся?", { replyTo: { message_id: 77, fromBot: true } }));
    expect(kb.asked.map((a) => a.question)).toEqual(["А з ким він зустрівся?"]);
    expect(kb.asked[0]?.options?.history).toBeUndefined();
    expect(sent(calls).map(textOf).join("\n")).not.toMatch(APOLOGY);
    expect(sent(calls)).toHaveLength(1);
    expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([expect.stringContaining("reading the conversation")]);
  });
});
