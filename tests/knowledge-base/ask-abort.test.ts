// An answer no one waits for any more costs no more LLM time: `ask` with an aborted signal closes
// the model's request (long before LLM_TIMEOUT_MS), rejects, and is no "LLM failed" in the log.
import { afterEach, describe, expect, it, vi } from "vitest";
import { type HeldLlm, startHeldLlm } from "../helpers/held-llm.js";

const QUESTION = "Хто такий Серджіо Гор?";

let llm: HeldLlm | undefined;
afterEach(async () => {
  await llm?.close();
  llm = undefined;
});

describe("kb.ask with an abort signal", () => {
  it("aborted while the model writes: the model's request is closed, ask rejects, no fallback is logged", async () => {
    llm = await startHeldLlm();
    const { kb, chats, logs } = llm;
    const controller = new AbortController();
    const asked = kb.ask(QUESTION, { signal: controller.signal });
    const outcome = asked.then(
      () => "answered",
      (error: unknown) => (error instanceof Error ? error.name : String(error)),
    );
    await vi.waitFor(() => expect(chats()).toHaveLength(1), { timeout: 10_000 });
    controller.abort();
    // Before the fix the request stayed open until LLM_TIMEOUT_MS (2 minutes here).
    await vi.waitFor(() => expect(chats()[0]?.abandoned).toBe(true), { timeout: 10_000 });
    expect(await outcome).toBe("AbortError");
    expect(logs().filter((l) => /LLM answer unusable|falling back/.test(l.msg))).toEqual([]);
    expect(logs().filter((l) => l.level >= 40)).toEqual([]);
  }, 30_000);

  it("already aborted: rejects without asking the model", async () => {
    llm = await startHeldLlm();
    const { kb, chats } = llm;
    await expect(kb.ask(QUESTION, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: "AbortError" });
    expect(chats()).toEqual([]);
  }, 30_000);

  it("not aborted: the model's answer, as without a signal", async () => {
    llm = await startHeldLlm();
    const { kb, release } = llm;
    release();
    const answer = await kb.ask(QUESTION, { signal: new AbortController().signal });
    expect(answer.mode).toBe("llm");
    expect(answer.answer).toContain("[1]");
  }, 30_000);
});
