import { HttpError } from "grammy";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { apiRetry, inPassing } from "../../src/bot/api-retry.js";
import { createBot } from "../../src/bot/create-bot.js";
import { silentLogger } from "../../src/shared/logger.js";
import { startBotApiMock } from "../helpers/bot-api-mock.js";

type Prev = Parameters<ReturnType<typeof apiRetry>>[0];

function fake(results: (object | Error)[]): { prev: Prev; calls: () => number } {
  let calls = 0;
  const prev = (async () => {
    const next = results[Math.min(calls++, results.length - 1)];
    if (next instanceof Error) throw next;
    return next;
  }) as unknown as Prev;
  return { prev, calls: () => calls };
}

const call = (transformer: ReturnType<typeof apiRetry>, prev: Prev, method = "sendMessage") =>
  transformer(prev, method as "sendMessage", { chat_id: 1, text: "x" });

afterEach(() => {
  vi.useRealTimers();
});

describe("apiRetry", () => {
  it("waits retry_after after 429 and then succeeds", async () => {
    const { prev, calls } = fake([{ ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: 0 } }, { ok: true, result: 1 }]);
    expect(await call(apiRetry(), prev)).toEqual({ ok: true, result: 1 });
    expect(calls()).toBe(2);
  });

  it("waits out a retry_after of minutes (Telegram's flood control on a busy group), up to 5 minutes", async () => {
    vi.useFakeTimers();
    const limited = (retry_after: number) => ({ ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after } });
    const minutes = fake([limited(240), { ok: true, result: 1 }]);
    const answer = call(apiRetry(), minutes.prev);
    await vi.advanceTimersByTimeAsync(239_000);
    expect(minutes.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await answer).toEqual({ ok: true, result: 1 });
    const longer = fake([limited(301), { ok: true, result: 1 }]);
    expect((await call(apiRetry(), longer.prev)).ok).toBe(false);
    expect(longer.calls()).toBe(1);
  });

  it("bounds the total time one call waits on 429s, not each wait: 3 × 2 minutes fail at the third", async () => {
    vi.useFakeTimers();
    const limited = { ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: 120 } };
    const { prev, calls } = fake([limited, limited, limited, { ok: true, result: 1 }]);
    let answer: { ok: boolean } | undefined;
    void call(apiRetry(), prev).then((result) => {
      answer = result;
    });
    await vi.advanceTimersByTimeAsync(240_000);
    // 4 minutes waited: a third 2-minute wait would take the call past 5 minutes (up to 16 before).
    expect(answer?.ok).toBe(false);
    expect(calls()).toBe(3);
  });

  it("waits at most 10 s to answer an inline query or a tap: Telegram takes those only shortly after them", async () => {
    vi.useFakeTimers();
    const limited = (retry_after: number) => ({ ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after } });
    const short = fake([limited(5), { ok: true, result: true }]);
    const answered = apiRetry()(short.prev, "answerCallbackQuery", { callback_query_id: "1" });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await answered).toEqual({ ok: true, result: true });
    for (const method of ["answerInlineQuery", "answerCallbackQuery"]) {
      const long = fake([limited(30), { ok: true, result: true }]);
      expect((await apiRetry()(long.prev, method as "answerCallbackQuery", { callback_query_id: "1" } as never)).ok).toBe(false);
      expect(long.calls()).toBe(1);
    }
  });

  it("hands a 429 to a call shown in passing back at once; the mark is not sent to Telegram", async () => {
    const { prev, calls } = fake([{ ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: 0 } }, { ok: true, result: 1 }]);
    const payload = inPassing({ chat_id: 1, action: "typing" });
    expect((await apiRetry()(prev, "sendChatAction", payload as never)).ok).toBe(false);
    expect(calls()).toBe(1);
    expect(JSON.stringify(payload)).toBe('{"chat_id":1,"action":"typing"}');
  });

  it("after a 429 for a chat, later messages to that chat wait out its retry_after before trying; other chats go at once", async () => {
    vi.useFakeTimers();
    const tried: unknown[] = [];
    const prev = (async (_method: string, payload: { chat_id: number }) => {
      tried.push(payload.chat_id);
      return tried.length === 1 ? { ok: false, error_code: 429, description: "Too Many Requests: retry after 60", parameters: { retry_after: 60 } } : { ok: true, result: 1 };
    }) as unknown as Prev;
    const retry = apiRetry();
    const first = retry(prev, "sendMessage", { chat_id: 1, text: "a" });
    await vi.advanceTimersByTimeAsync(1_000);
    const second = retry(prev, "sendMessage", { chat_id: 1, text: "b" });
    const typing = retry(prev, "sendChatAction", inPassing({ chat_id: 1, action: "typing" as const }));
    const other = retry(prev, "sendMessage", { chat_id: 2, text: "c" });
    expect(await other).toEqual({ ok: true, result: 1 });
    // Shown in passing: handed the chat's remaining wait at once, as a 429 from Telegram would be.
    expect(await typing).toMatchObject({ ok: false, error_code: 429, parameters: { retry_after: 59 } });
    // Each used to get its own 429 (a request Telegram counts) and wait on its own.
    expect(tried).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(await first).toEqual({ ok: true, result: 1 });
    expect(await second).toEqual({ ok: true, result: 1 });
    expect(tried).toEqual([1, 2, 1, 1]);
  });

  it("after a 429 to a call shown in passing, only its kind shown in passing waits in that chat: the answer is tried at once", async () => {
    vi.useFakeTimers();
    const tried: string[] = [];
    const prev = (async (method: string) => {
      tried.push(method);
      return tried.length === 1 ? { ok: false, error_code: 429, description: "Too Many Requests: retry after 30", parameters: { retry_after: 30 } } : { ok: true, result: 1 };
    }) as unknown as Prev;
    const retry = apiRetry();
    expect(await retry(prev, "sendChatAction", inPassing({ chat_id: 1, action: "typing" as const }))).toMatchObject({ ok: false, parameters: { retry_after: 30 } });
    await vi.advanceTimersByTimeAsync(1_000);
    const answer = retry(prev, "sendMessage", { chat_id: 1, text: "answer" });
    const draft = retry(prev, "sendMessageDraft", inPassing({ chat_id: 1, draft_id: 1, text: "so far" }));
    await vi.advanceTimersByTimeAsync(0);
    // The answer waited the 30 s of "typing…" behind it before (and a draft was handed them).
    expect(tried).toEqual(["sendChatAction", "sendMessage", "sendMessageDraft"]);
    expect(await answer).toEqual({ ok: true, result: 1 });
    expect(await draft).toEqual({ ok: true, result: 1 });
    // The next "typing…" is handed the remaining wait, as Telegram asked, without a request.
    expect(await retry(prev, "sendChatAction", inPassing({ chat_id: 1, action: "typing" as const }))).toMatchObject({ ok: false, error_code: 429, parameters: { retry_after: 29 } });
    expect(tried).toEqual(["sendChatAction", "sendMessage", "sendMessageDraft"]);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(await retry(prev, "sendChatAction", inPassing({ chat_id: 1, action: "typing" as const }))).toEqual({ ok: true, result: 1 });
  });

  it("gives up on network errors after maxRetries instead of retrying forever", async () => {
    const { prev, calls } = fake([new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNREFUSED"))]);
    await expect(call(apiRetry({ maxRetries: 2, baseDelayMs: 1 }), prev)).rejects.toBeInstanceOf(HttpError);
    expect(calls()).toBe(3);
  });

  it("does not retry 400s, nor getUpdates (the polling loop has its own backoff)", async () => {
    const bad = fake([{ ok: false, error_code: 400, description: "Bad Request" }]);
    expect((await call(apiRetry(), bad.prev)).ok).toBe(false);
    expect(bad.calls()).toBe(1);
    const poll = fake([new HttpError("down", new Error("ECONNREFUSED"))]);
    await expect(call(apiRetry({ baseDelayMs: 1 }), poll.prev, "getUpdates")).rejects.toBeInstanceOf(HttpError);
    expect(poll.calls()).toBe(1);
  });
});

describe("the bot's Bot API calls", () => {
  it("a chat waiting out Telegram's flood control holds no other chat's message back, even with 30 chats waiting", async () => {
    const api = await startBotApiMock({
      token: "123:TEST",
      respond: (method, payload) =>
        method === "sendMessage" && payload.chat_id !== -31 ? { status: 429, body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 50", parameters: { retry_after: 50 } } } : undefined,
    });
    const stop = new AbortController();
    try {
      const bot = createBot("123:TEST", { kb: {} as never, adminIds: new Set(), logger: silentLogger, maxUploadBytes: 1024, apiRoot: api.apiRoot });
      // The outgoing queue runs 30 calls at once: the waits used to hold its places.
      const waiting = Array.from({ length: 30 }, (_, i) => bot.api.sendMessage(-1 - i, "x", {}, stop.signal as never).catch(() => undefined));
      const sent = bot.api.sendMessage(-31, "y").then(() => "sent");
      // Generous for a loaded machine: the queue sends 30 messages a second; held, it waited 50 s.
      expect(await Promise.race([sent, new Promise((resolve) => setTimeout(resolve, 10_000, "held"))])).toBe("sent");
      stop.abort();
      await Promise.all(waiting);
    } finally {
      stop.abort();
      await api.close();
    }
  });

  it("a call the server never answers fails after the bot's timeout, not grammY's 500 s, and is not sent again", async () => {
    // Takes every request and never answers it (a hung connection).
    const sockets = new Set<Socket>();
    let requests = 0;
    const server = createServer(() => {
      requests++;
    });
    server.on("connection", (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const bot = createBot("123:TEST", {
        kb: {} as never,
        adminIds: new Set(),
        logger: silentLogger,
        maxUploadBytes: 1024,
        apiRoot: `http://127.0.0.1:${port}`,
        apiTimeoutSeconds: 0.2,
        apiRetry: { maxRetries: 1, baseDelayMs: 1 },
        throttle: false,
      });
      const started = Date.now();
      await expect(bot.api.sendMessage(1, "x")).rejects.toBeInstanceOf(HttpError);
      // Generous for a loaded machine: without the bot's timeout grammY waits 500 s.
      expect(Date.now() - started).toBeLessThan(10_000);
      // Not sent again: the first may have reached Telegram (an answer posted twice).
      expect(requests).toBe(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
