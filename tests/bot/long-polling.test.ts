// A getUpdates whose connection stays open with no answer (a network path that dropped it
// silently, a stuck proxy) used to freeze polling for grammY's 500 s request timeout.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Api } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startLongPolling } from "../../src/bot/long-polling.js";
import { silentLogger } from "../../src/shared/logger.js";

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

describe("long polling", () => {
  it("gives up a poll that never answers and polls again", async () => {
    let polls = 0;
    server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        polls++;
        if (polls === 1) return; // held open, never answered
        const result = polls === 2 ? [{ update_id: 7, message: { message_id: 1, date: 0, chat: { id: 1, type: "private", first_name: "U" }, text: "q" } }] : [];
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ ok: true, result }));
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const api = new Api("1:T", { apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    const accepted: number[] = [];
    const polling = startLongPolling({
      api,
      accept: async (updates: readonly Update[]) => void accepted.push(...updates.map((u) => u.update_id)),
      waitForRoom: async () => undefined,
      logger: silentLogger,
      allowedUpdates: [],
      timeoutSeconds: 1,
      stalledPollMs: 1_500,
    });
    try {
      await vi.waitFor(() => expect(accepted).toEqual([7]), { timeout: 6_000, interval: 50 });
    } finally {
      await polling.stop();
    }
  });
});
