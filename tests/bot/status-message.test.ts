import { Api, type Transformer } from "grammy";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiRetry } from "../../src/bot/api-retry.js";
import { messages } from "../../src/bot/messages.js";
import { StatusMessage } from "../../src/bot/status-message.js";

function recordingApi() {
  const edits: string[] = [];
  const api = {
    editMessageText: async (_chat: number | string, _id: number, text: string) => {
      edits.push(text);
      return true as const;
    },
    sendMessage: async () => {
      throw new Error("not expected");
    },
  };
  return { api: api as never, edits };
}

describe("re-index status message (issue 10 item 14)", () => {
  it("shows the latest progress once the interval allows, instead of sticking at the first step", async () => {
    const { api, edits } = recordingApi();
    const status = new StatusMessage(api, 1, 2, 100, Date.now);
    status.progress("reading 0/3");
    status.progress("reading 3/3"); // too soon: kept, not dropped
    status.progress("writing the index…");
    expect(edits).toEqual(["reading 0/3"]);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(edits).toEqual(["reading 0/3", "writing the index…"]);
    await status.final("done");
    expect(edits.at(-1)).toBe("done");
  });

  it("sends nothing after the final text", async () => {
    const { api, edits } = recordingApi();
    const status = new StatusMessage(api, 1, 2, 100, Date.now);
    status.progress("reading 0/3");
    status.progress("reading 2/3");
    await status.final("done");
    status.progress("late");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(edits).toEqual(["reading 0/3", "done"]);
  });

  it("does not show '0/1' for a step without a count", () => {
    expect(messages.reindexProgress("en", { phase: "write", done: 0, total: 1 })).toBe("Re-indexing: writing the index…");
    expect(messages.reindexProgress("uk", { phase: "load", done: 3, total: 12 })).toBe("Переіндексація: читаю статті 3/12 25%");
  });
});

describe("re-index status texts after a burst of uploads", () => {
  const burst = Array.from({ length: 100 }, (_, i) => ({ fileName: `${String(i).padStart(3, "0")}-${"довга-назва-статті-".repeat(5)}.md` }));

  it.each(["uk", "en"] as const)("list ten file names and count the rest, within one Telegram message (%s)", (lang) => {
    for (const text of [messages.reindexQueuedStarted(lang, burst), messages.reindexQueuedStarted(lang, [...burst, { fileName: "old.md", removed: true as const }])]) {
      expect(text.length).toBeLessThan(4096);
      expect(text).toContain("009-");
      expect(text).not.toContain("010-");
      expect(text).toContain(lang === "en" ? "and 90 more" : "і ще 90");
    }
  });
});

describe("re-index status message under Telegram's flood control", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a progress edit refused with 429 is not sent again late, and the final status is not held back by its retry_after", async () => {
    vi.useFakeTimers();
    const edits: string[] = [];
    // Telegram as the retry layer sees it: the first edit is refused for 5 minutes, later ones go through.
    const telegram: Transformer = async (_prev, _method, payload) => {
      edits.push((payload as { text: string }).text);
      return (edits.length === 1
        ? { ok: false, error_code: 429, description: "Too Many Requests: retry after 300", parameters: { retry_after: 300 } }
        : { ok: true, result: true }) as never;
    };
    const api = new Api("123:TEST");
    api.config.use(telegram, apiRetry());
    const status = new StatusMessage(api, 1, 2, 100, Date.now);
    status.progress("reading 0/3");
    let finished = false;
    const final = status.final("done").then(() => {
      finished = true;
    });
    await vi.advanceTimersByTimeAsync(1_000);
    // Held 5 minutes behind the progress edit's 429 before: it held the whole chat.
    expect(finished).toBe(true);
    await final;
    // Waited out, the stale progress would go again first.
    expect(edits).toEqual(["reading 0/3", "done"]);
  });
});
