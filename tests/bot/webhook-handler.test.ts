import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookHandler } from "../../src/bot/webhook-handler.js";
import { silentLogger } from "../../src/shared/logger.js";

let server: Server;
let url: string;
const accepted: Update[] = [];
let failJournal = false;

beforeAll(async () => {
  const handle = createWebhookHandler({
    secret: "s3cret",
    logger: silentLogger,
    maxBodyBytes: 1024,
    accept: async (updates) => {
      if (failJournal) throw new Error("EROFS");
      accepted.push(...updates);
    },
  });
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (body: string, secret: string | null = "s3cret") =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) }, body })
    .then((r) => r.status)
    .catch(() => "reset");

describe("webhook handler", () => {
  it("answers 200 only once the update is journaled, and refuses bad requests", async () => {
    expect(await post('{"update_id": 5, "message": {}}')).toBe(200);
    expect(accepted.map((u) => u.update_id)).toEqual([5]);
    expect(await post('{"update_id": 6}', null)).toBe(401);
    expect(await post('{"update_id": 6}', "s3cre")).toBe(401);
    expect(await post("not json")).toBe(400);
    expect(await post('{"message": {}}')).toBe(400);
    expect(await post('{"update_id": "6"}')).toBe(400);
    expect(await post("null")).toBe(400);
    expect([413, "reset"]).toContain(await post(`{"update_id": 7, "x": "${"a".repeat(4096)}"}`));
    failJournal = true;
    expect(await post('{"update_id": 8}')).toBe(500); // Telegram delivers it again later
    failJournal = false;
    expect(accepted.map((u) => u.update_id)).toEqual([5]);
  });
});
