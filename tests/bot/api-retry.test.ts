import { HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { apiRetry } from "../../src/bot/api-retry.js";

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

describe("apiRetry", () => {
  it("waits retry_after after 429 and then succeeds", async () => {
    const { prev, calls } = fake([{ ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: 0 } }, { ok: true, result: 1 }]);
    expect(await call(apiRetry(), prev)).toEqual({ ok: true, result: 1 });
    expect(calls()).toBe(2);
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
