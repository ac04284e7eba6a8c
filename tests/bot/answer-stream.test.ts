// The answer stream on its own, on fake timers: drafts in private chats, paced edits in groups,
// 429 retry_after, falling back from drafts to edits, and the final answer replacing the draft.
import { GrammyError, HttpError, InlineKeyboard } from "grammy";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type AnswerStream, createAnswerStream, type StreamSurface } from "../../src/bot/answer-stream.js";
import { DraftSupport, isMissingMethod } from "../../src/bot/draft-support.js";
import { silentLogger } from "../../src/shared/logger.js";

interface Shown {
  at: number;
  kind: "draft" | "send" | "edit" | "remove";
  html?: string;
  id?: number;
  markup?: boolean;
  first?: boolean;
}

/** A surface recording each call with the fake clock's time; `fail` decides a call's error. */
function fakeSurface(privateChat: boolean, fail: (call: Shown) => Error | undefined = () => undefined, delayMs = 0) {
  const calls: Shown[] = [];
  let nextId = 500;
  const record = async (call: Omit<Shown, "at">): Promise<void> => {
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const done = { ...call, at: Date.now() };
    const error = fail(done);
    if (error) throw error;
    calls.push(done);
  };
  const surface: StreamSurface = {
    privateChat,
    draft: async (html) => record({ kind: "draft", html }),
    send: async (html, options, first) => {
      const id = nextId++;
      await record({ kind: "send", html, id, markup: options.reply_markup !== undefined, first });
      return { message_id: id };
    },
    edit: async (id, html, options) => record({ kind: "edit", html, id, markup: options.reply_markup !== undefined }),
    remove: async (id) => record({ kind: "remove", id }),
  };
  return { surface, calls };
}

const apiError = (error_code: number, description: string, parameters: Record<string, number> = {}) =>
  new GrammyError("Call failed", { ok: false, error_code, description, parameters }, "m", {});

const KEYBOARD = new InlineKeyboard().text("👍", "v:+");
const TIMING = { draftIntervalMs: 1_000, editIntervalMs: 3_000 };

/** Feeds `text` word by word, one word every `everyMs`, advancing the fake clock. */
async function write(stream: AnswerStream, words: string[], everyMs: number): Promise<void> {
  let text = "";
  for (const word of words) {
    text = text ? `${text} ${word}` : word;
    stream.update(text);
    await vi.advanceTimersByTimeAsync(everyMs);
  }
}

const WORDS = Array.from({ length: 100 }, (_, i) => `w${i}`);

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("answer stream: private chats (message drafts)", () => {
  it("shows the latest text as an escaped draft at most once a second, then sends the final answer as a new message", async () => {
    const { surface, calls } = fakeSurface(true);
    const stream = createAnswerStream({ surface, drafts: new DraftSupport(), timing: TIMING, logger: silentLogger });
    stream.update("x < y & <b>z");
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([{ at: 0, kind: "draft", html: "x &lt; y &amp; &lt;b&gt;z" }]);
    await write(stream, WORDS.slice(0, 25), 100); // 2.5 s of writing
    const drafts = calls.filter((c) => c.kind === "draft");
    expect(drafts.map((c) => c.at)).toEqual([0, 1000, 2000]);
    expect(drafts[1]?.html).toBe(WORDS.slice(0, 10).join(" ")); // the latest text at that moment
    const ids = await stream.finish(["<b>Final</b> [1]", "<b>Sources</b>"], KEYBOARD);
    expect(calls.slice(3)).toEqual([
      { at: 2500, kind: "send", html: "<b>Final</b> [1]", id: 500, markup: false, first: true },
      { at: 2500, kind: "send", html: "<b>Sources</b>", id: 501, markup: true, first: false },
    ]);
    expect(ids).toEqual([500, 501]);
    // Nothing is shown after the final answer.
    stream.update("late");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toHaveLength(5);
  });

  it("sends an unchanged draft again every 20 s while the model pauses (drafts vanish after ~30 s), never after the final", async () => {
    const { surface, calls } = fakeSurface(true);
    const stream = createAnswerStream({ surface, drafts: new DraftSupport(), timing: TIMING, logger: silentLogger });
    stream.update("Перше речення.");
    await vi.advanceTimersByTimeAsync(45_000);
    expect(calls.map((c) => [c.at, c.html])).toEqual([
      [0, "Перше речення."],
      [20_000, "Перше речення."],
      [40_000, "Перше речення."],
    ]);
    stream.update("Перше речення. Друге.");
    await vi.advanceTimersByTimeAsync(10_000);
    await stream.finish(["Фінал"], KEYBOARD);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.slice(3).map((c) => [c.at, c.kind])).toEqual([
      [45_000, "draft"],
      [55_000, "send"],
    ]);
  });

  it("falls back to edits when the server has no drafts (404), and remembers it for later answers", async () => {
    const drafts = new DraftSupport();
    const { surface, calls } = fakeSurface(true, (c) => (c.kind === "draft" ? apiError(404, "Not Found: method not found") : undefined));
    const stream = createAnswerStream({ surface, drafts, timing: TIMING, logger: silentLogger });
    await write(stream, ["Перше", "слово"], 100);
    expect(drafts.usable).toBe(false);
    expect(calls).toEqual([{ at: 1, kind: "send", html: "Перше …", id: 500, markup: false, first: true }]);
    await stream.finish(["<b>Фінал</b>"], KEYBOARD);
    expect(calls.at(-1)).toEqual({ at: 200, kind: "edit", html: "<b>Фінал</b>", id: 500, markup: true });

    const next = fakeSurface(true);
    const second = createAnswerStream({ surface: next.surface, drafts, timing: TIMING, logger: silentLogger });
    await write(second, ["Друге"], 100);
    expect(next.calls.map((c) => c.kind)).toEqual(["send"]);
  });

  it("an emulator's non-Bot-API error counts as 'no drafts'; other refusals give up only after three answers in a row", () => {
    const emulator = new GrammyError("Call failed", { message: "Route not found" } as never, "sendMessageDraft", {});
    expect(isMissingMethod(emulator)).toBe(true);
    expect(isMissingMethod(apiError(400, "Bad Request: TEXTDRAFT_PEER_INVALID"))).toBe(false);
    const support = new DraftSupport();
    expect(support.failed(new HttpError("network", new Error("reset")))).toBe(false);
    expect(support.failed(apiError(400, "Bad Request: TEXTDRAFT_PEER_INVALID"))).toBe(false);
    support.succeeded();
    expect(support.failed(apiError(400, "Bad Request: x"))).toBe(false);
    expect(support.failed(apiError(400, "Bad Request: x"))).toBe(false);
    expect(support.failed(apiError(400, "Bad Request: x"))).toBe(true);
    expect(support.usable).toBe(false);
  });

  it("a refused draft shows this answer by edits, keeping drafts for the next one", async () => {
    const drafts = new DraftSupport();
    const { surface, calls } = fakeSurface(true, (c) => (c.kind === "draft" ? apiError(400, "Bad Request: TEXTDRAFT_PEER_INVALID") : undefined));
    const stream = createAnswerStream({ surface, drafts, timing: TIMING, logger: silentLogger });
    await write(stream, ["a"], 10);
    expect(calls.map((c) => c.kind)).toEqual(["send"]);
    expect(drafts.usable).toBe(true);
  });
});

describe("answer stream: groups (one message, edited)", () => {
  it("sends the first words at once, then edits at most every 3 s; the final answer is an edit of the same message", async () => {
    const { surface, calls } = fakeSurface(false);
    const stream = createAnswerStream({ surface, drafts: new DraftSupport(), timing: TIMING, logger: silentLogger });
    await write(stream, WORDS, 100); // 10 s of writing, a word every 100 ms
    expect(calls.map((c) => [c.kind, c.at])).toEqual([
      ["send", 0],
      ["edit", 3000],
      ["edit", 6000],
      ["edit", 9000],
    ]);
    expect(calls[0]).toMatchObject({ html: "w0 …", first: true, markup: false });
    expect(calls[3]?.html).toBe(`${WORDS.slice(0, 90).join(" ")} …`); // the latest text at 9 s
    const ids = await stream.finish(["Відповідь [1].\n\n<b>Джерела</b>\n1. Стаття"], KEYBOARD);
    expect(calls.at(-1)).toEqual({ at: 10_000, kind: "edit", html: "Відповідь [1].\n\n<b>Джерела</b>\n1. Стаття", id: 500, markup: true });
    expect(ids).toEqual([500]);
  });

  it("after a 429 with retry_after it waits that long before the next edit", async () => {
    let limited = false;
    const { surface, calls } = fakeSurface(false, (c) => {
      if (c.kind === "edit" && !limited) {
        limited = true;
        return apiError(429, "Too Many Requests: retry after 7", { retry_after: 7 });
      }
      return undefined;
    });
    const stream = createAnswerStream({ surface, drafts: new DraftSupport(), timing: TIMING, logger: silentLogger });
    await write(stream, WORDS, 100);
    // send at 0; the edit at 3 s is refused; the next one not before 3 + 7 s.
    expect(calls.map((c) => [c.kind, c.at])).toEqual([
      ["send", 0],
      ["edit", 10_000],
    ]);
  });

  it("the final edit waits for an edit still on its way (it would otherwise be overwritten)", async () => {
    const { surface, calls } = fakeSurface(false, () => undefined, 400);
    const stream = createAnswerStream({ surface, drafts: new DraftSupport(), timing: TIMING, logger: silentLogger });
    await write(stream, WORDS.slice(0, 31), 100); // the edit started at 3.4 s lands at 3.8 s
    const finished = stream.finish(["Фінал"], KEYBOARD);
    await vi.advanceTimersByTimeAsync(1_000);
    await finished;
    expect(calls.map((c) => c.html)).toEqual(["w0 …", `${WORDS.slice(0, 30).join(" ")} …`, "Фінал"]);
  });

  it("a long final answer: the edited message holds the first part, the rest are new messages, buttons under the last", async () => {
    const { surface, calls } = fakeSurface(false);
    const stream = createAnswerStream({ surface, drafts: new DraftSupport(), timing: TIMING, logger: silentLogger });
    await write(stream, ["a"], 10);
    const ids = await stream.finish(["part 1", "part 2"], KEYBOARD);
    expect(calls.slice(1).map((c) => [c.kind, c.html, c.markup])).toEqual([
      ["edit", "part 1", false],
      ["send", "part 2", true],
    ]);
    expect(ids).toEqual([500, 501]);
  });

  it("when the final edit fails, the half-written message is removed and the answer sent anew", async () => {
    const { surface, calls } = fakeSurface(false, (c) => (c.kind === "edit" && c.html === "Фінал" ? apiError(400, "Bad Request: message to edit not found") : undefined));
    const stream = createAnswerStream({ surface, drafts: new DraftSupport(), timing: TIMING, logger: silentLogger });
    await write(stream, ["a"], 10);
    await stream.finish(["Фінал"], KEYBOARD);
    expect(calls.map((c) => [c.kind, c.id])).toEqual([
      ["send", 500],
      ["remove", 500],
      ["send", 501],
    ]);
    expect(calls.at(-1)).toMatchObject({ html: "Фінал", markup: true, first: true });
  });

  it("abandon after finish leaves the final answer (a failure after it, e.g. saving the conversation, must not delete it)", async () => {
    const { surface, calls } = fakeSurface(false);
    const stream = createAnswerStream({ surface, drafts: new DraftSupport(), timing: TIMING, logger: silentLogger });
    await write(stream, ["a", "b"], 10);
    await stream.finish(["Фінал"], KEYBOARD);
    await stream.abandon();
    expect(calls.map((c) => c.kind)).toEqual(["send", "edit"]);
  });

  it("abandon removes what was shown; with nothing shown it sends nothing", async () => {
    const { surface, calls } = fakeSurface(false);
    const stream = createAnswerStream({ surface, drafts: new DraftSupport(), timing: TIMING, logger: silentLogger });
    await write(stream, ["a", "b"], 10);
    await stream.abandon();
    expect(calls.map((c) => c.kind)).toEqual(["send", "remove"]);
    const quiet = fakeSurface(false);
    await createAnswerStream({ surface: quiet.surface, drafts: new DraftSupport(), timing: TIMING, logger: silentLogger }).abandon();
    expect(quiet.calls).toEqual([]);
  });

  it("an extractive answer (no drafts) is one immediate message", async () => {
    const { surface, calls } = fakeSurface(false);
    const ids = await createAnswerStream({ surface, drafts: new DraftSupport(), logger: silentLogger }).finish(["Цитата [1]."], KEYBOARD);
    expect(calls).toEqual([{ at: 0, kind: "send", html: "Цитата [1].", id: 500, markup: true, first: true }]);
    expect(ids).toEqual([500]);
  });
});

describe("answer stream: replacing an earlier answer (its question was edited)", () => {
  it("shows nothing while written, then edits the final answer into the earlier message, buttons included", async () => {
    const { surface, calls } = fakeSurface(true);
    const stream = createAnswerStream({ surface, drafts: new DraftSupport(), timing: TIMING, logger: silentLogger, replaces: 77 });
    await write(stream, WORDS.slice(0, 30), 100);
    expect(calls).toEqual([]);
    const ids = await stream.finish(["Нова відповідь [1]."], KEYBOARD);
    expect(calls).toEqual([{ at: 3_000, kind: "edit", html: "Нова відповідь [1].", id: 77, markup: true }]);
    expect(ids).toEqual([77]);
    await stream.abandon();
    expect(calls).toHaveLength(1); // the earlier message is never removed
  });

  it("an answer of several messages, or an earlier message that cannot be edited, is sent anew; the earlier one stays", async () => {
    const long = fakeSurface(false);
    const stream = createAnswerStream({ surface: long.surface, drafts: new DraftSupport(), timing: TIMING, logger: silentLogger, replaces: 77 });
    await write(stream, ["a", "b"], 10);
    const ids = await stream.finish(["part 1", "part 2"], KEYBOARD);
    expect(long.calls.map((c) => [c.kind, c.html, c.first])).toEqual([
      ["send", "part 1", true],
      ["send", "part 2", false],
    ]);
    expect(ids).toEqual([500, 501]);

    const gone = fakeSurface(false, (c) => (c.kind === "edit" ? apiError(400, "Bad Request: message to edit not found") : undefined));
    const second = createAnswerStream({ surface: gone.surface, drafts: new DraftSupport(), timing: TIMING, logger: silentLogger, replaces: 77 });
    await write(second, ["a"], 10);
    const anew = await second.finish(["Фінал"], KEYBOARD);
    expect(gone.calls).toEqual([{ at: 30, kind: "send", html: "Фінал", id: 500, markup: true, first: true }]);
    expect(anew).toEqual([500]);
  });

  it("the same answer again (Telegram's 'message is not modified') keeps the earlier message as the answer", async () => {
    const { surface, calls } = fakeSurface(false, (c) => (c.kind === "edit" ? apiError(400, "Bad Request: message is not modified") : undefined));
    const ids = await createAnswerStream({ surface, drafts: new DraftSupport(), logger: silentLogger, replaces: 77 }).finish(["Фінал"], KEYBOARD);
    expect(calls).toEqual([]);
    expect(ids).toEqual([77]);
  });
});
