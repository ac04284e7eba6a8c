import { createServer, type Server } from "node:http";
import net, { type AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { UpdateDispatcher } from "../../src/bot/update-dispatcher.js";
import { createWebhookHandler } from "../../src/bot/webhook-handler.js";
import { createLogger, silentLogger } from "../../src/shared/logger.js";
import { MemoryUpdateLog } from "../../src/state/memory-bot-state.js";

let server: Server;
let url: string;
const accepted: Update[] = [];
let failJournal = false;

beforeAll(async () => {
  const handle = createWebhookHandler({
    secret: "s3cret",
    logger: silentLogger,
    maxBodyBytes: 1024,
    waitForRoom: async () => {},
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

describe("webhook body limit (1 KiB here, 1 MiB by default)", () => {
  /**
   * Sends `head`, then `piece` after `piece` until the server hangs up or 64 MiB went; returns
   * what came back and how much was sent.
   */
  async function send(head: string, piece: Buffer): Promise<{ response: string; sent: number }> {
    const socket = net.connect(Number(new URL(url).port), "127.0.0.1");
    let response = "";
    let closed = false;
    const done = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.on("data", (data) => (response += data.toString("latin1")));
    socket.on("error", () => {}); // EPIPE/ECONNRESET once the server hangs up: expected
    socket.once("close", () => (closed = true));
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(head);
    let sent = 0;
    while (!closed && sent < 64 * 1024 * 1024) {
      sent += piece.length;
      if (!socket.write(piece)) await Promise.race([new Promise((r) => socket.once("drain", r)), done]);
    }
    if (!closed) socket.end();
    await done;
    return { response, sent };
  }

  it("answers 413 to a declared 300 MiB body at once, with or without the secret, and hangs up", async () => {
    const head = `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${300 * 1024 * 1024}\r\n\r\n`;
    const { response, sent } = await send(head, Buffer.alloc(64 * 1024, 0x20));
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(sent).toBeLessThan(64 * 1024 * 1024); // the connection was closed long before
  });

  it("answers 413 to a chunked body as soon as it passes the limit, and hangs up", async () => {
    const data = Buffer.alloc(512, 0x20);
    const piece = Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from("\r\n")]);
    const head = "POST / HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: s3cret\r\nTransfer-Encoding: chunked\r\n\r\n";
    const before = accepted.length;
    const { response, sent } = await send(head, piece);
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    expect(accepted).toHaveLength(before);
  });
});

describe("webhook back-pressure", () => {
  it("holds Telegram's request while the bot is full: an update is taken (and answered 200) only when one finished", async () => {
    const handled: number[] = [];
    const finish: (() => void)[] = [];
    const dispatcher = new UpdateDispatcher({
      journal: new MemoryUpdateLog(),
      logger: silentLogger,
      maxInFlight: 1,
      handle: (u) => new Promise<void>((resolve) => finish.push(() => resolve(void handled.push(u.update_id)))),
    });
    const handle = createWebhookHandler({ secret: null, logger: silentLogger, accept: (u) => dispatcher.accept(u), waitForRoom: () => dispatcher.waitForRoom() });
    const full = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => full.listen(0, "127.0.0.1", () => resolve()));
    const at = `http://127.0.0.1:${(full.address() as AddressInfo).port}/`;
    const send = (id: number) => fetch(at, { method: "POST", body: JSON.stringify({ update_id: id }) }).then((r) => r.status);
    try {
      expect(await send(1)).toBe(200);
      let second: number | undefined;
      const pending = send(2).then((status) => (second = status));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(second).toBeUndefined(); // update 1 still takes the only place
      expect(dispatcher.busy).toBe(1);
      finish.shift()?.();
      await pending;
      expect(second).toBe(200);
      await vi.waitFor(() => expect(finish).toHaveLength(1)); // update 2 is being handled now
      finish.shift()?.();
      await dispatcher.drain(1_000);
      expect(handled).toEqual([1, 2]);
    } finally {
      await new Promise<void>((resolve) => full.close(() => resolve()));
    }
  });
});

describe("webhook refusals in the log", () => {
  it("warn once per reason per interval, with a count, never the secret, the token or the body", async () => {
    const lines: string[] = [];
    const logger = createLogger("info", { secrets: [], destination: { write: (line: string) => void lines.push(line) } });
    const handle = createWebhookHandler({ secret: "the-right-secret", logger, maxBodyBytes: 1024, refusalLogEveryMs: 300, waitForRoom: async () => {}, accept: async () => {} });
    const refusing = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", () => resolve()));
    const at = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/`;
    const send = (body: string, secret?: string) =>
      fetch(at, { method: "POST", headers: secret === undefined ? {} : { "x-telegram-bot-api-secret-token": secret }, body })
        .then((r) => r.status)
        .catch(() => "reset");
    const warnings = () => lines.map((line) => JSON.parse(line)).filter((r) => /^refused a webhook request/.test(r.msg));
    try {
      // A proxy dropping the header: three refusals, one line.
      for (let i = 0; i < 3; i++) expect(await send('{"update_id": 1, "message": {"text": "private question"}}')).toBe(401);
      expect(await send('{"update_id": 1}', "a-wrong-secret-value")).toBe(401);
      expect(await send("not json at all", "the-right-secret")).toBe(400);
      expect([413, "reset"]).toContain(await send(`{"update_id": 2, "x": "${"a".repeat(4096)}"}`, "the-right-secret"));
      expect(warnings().map((r) => [r.status, r.reason, r.refused])).toEqual([
        [401, "secret-missing", 1],
        [401, "secret-wrong", 1],
        [400, "not-an-update", 1],
        [413, "too-large", 1],
      ]);
      expect(warnings().every((r) => r.level === 40)).toBe(true);
      expect(warnings()[0].msg).toMatch(/no X-Telegram-Bot-Api-Secret-Token header/);
      // After the interval, the next refusal is logged with the ones counted since the last line.
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect(await send('{"update_id": 3}')).toBe(401);
      expect(warnings().filter((r) => r.reason === "secret-missing").map((r) => r.refused)).toEqual([1, 3]);
      const text = lines.join("");
      for (const leaked of ["the-right-secret", "a-wrong-secret-value", "private question", "not json at all", "aaaa"]) expect(text).not.toContain(leaked);
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});
