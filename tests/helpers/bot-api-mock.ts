// A small Telegram Bot API server for tests, on 127.0.0.1 only, with the semantics that matter
// for losing or duplicating answers (telegram-test-api marks updates read on delivery):
// - getUpdates keeps every update until a later call confirms it with a higher `offset`, and
//   drops the types not in the last `allowed_updates` it was given (Telegram's default list, too);
// - an empty getUpdates is held open up to `timeout` seconds (long polling);
// - a second getUpdates while one is held ends the held one with 409 Conflict (two instances);
// - sending can be rate-limited (~30 messages/s globally, like Telegram) with 429 + retry_after;
// - the whole API can be taken "down" (connections reset) and brought back;
// - sendMessageDraft (Bot API 9.5) is taken, or refused as by an older server; any call can be scripted.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { commandEntities } from "./command-entities.js";

/** One call the bot made (everything but getUpdates). */
export interface MockCall {
  method: string;
  payload: Record<string, unknown>;
  at: number;
  /** What the mock answered (sendMessage: the message, with its message_id). */
  result?: unknown;
}

export interface BotApiMockOptions {
  token: string;
  /** 0 = any free port. */
  port?: number;
  /** Messages per second accepted across all chats; more get 429 (default: unlimited). */
  messagesPerSecond?: number;
  /** retry_after (s) sent with a 429 (default 1). */
  retryAfter?: number;
  /** false: answers sendMessageDraft as a server older than Bot API 9.5 does (404 method not found). Default true. */
  drafts?: boolean;
  /** Answers a call itself (status and body) instead of the mock, e.g. a scripted 429; undefined = as usual. */
  respond?: (method: string, payload: Record<string, unknown>) => { status: number; body: unknown } | undefined;
}

const MESSAGE_METHODS = new Set(["sendMessage", "editMessageText", "sendDocument", "copyMessage", "forwardMessage"]);

export interface BotApiMock {
  /** e.g. http://127.0.0.1:40123 (TELEGRAM_API_ROOT). */
  apiRoot: string;
  port: number;
  /** Queues an update (update_id assigned) and returns its id. */
  push(update: Record<string, unknown>): number;
  /** Queues a text message from `userId` in their private chat. */
  pushText(userId: number, text: string, extra?: Record<string, unknown>): number;
  /** Queues the user's edit of the message an earlier `push` carried (by its update id), as `edited_message` with `text`. */
  pushEdit(updateId: number, text: string): number;
  /** Files served for download (`file_path` → content), as getFile's `/file/bot<token>/<path>`. */
  files: Map<string, string>;
  /** Every non-getUpdates call, in order. */
  calls: MockCall[];
  /** Messages sent (sendMessage) to a chat, or to all chats. */
  sentMessages(chatId?: number): MockCall[];
  /** How many getUpdates calls were answered, and the times they arrived. */
  polls: number[];
  /** Updates not yet confirmed by an offset. */
  unconfirmed(): number;
  /** How many 429s were sent. */
  rateLimited: number;
  /** How many getUpdates got 409. */
  conflicts: number;
  /** While down, every connection is reset without an answer. */
  setDown(down: boolean): void;
  /** Closes the listening socket (connection refused) until `reopen`. */
  unlisten(): Promise<void>;
  reopen(): Promise<void>;
  close(): Promise<void>;
}

interface HeldPoll {
  res: ServerResponse;
  timer: NodeJS.Timeout;
  limit: number;
}

/** Starts the mock; see the file comment for what it emulates. */
export async function startBotApiMock(options: BotApiMockOptions): Promise<BotApiMock> {
  const prefix = `/bot${options.token}/`;
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let queue: { update_id: number; [k: string]: unknown }[] = [];
  // Messages pushed so far, by update id, for `pushEdit`.
  const pushed = new Map<number, Record<string, unknown>>();
  let held: HeldPoll | null = null;
  // Telegram's default: every type but chat_member, message_reaction and message_reaction_count.
  let allowed = new Set(["message", "edited_message", "channel_post", "edited_channel_post", "inline_query", "chosen_inline_result", "callback_query", "shipping_query", "pre_checkout_query", "poll", "poll_answer", "my_chat_member", "chat_join_request", "chat_boost", "removed_chat_boost", "business_connection", "business_message", "edited_business_message", "deleted_business_messages", "purchased_paid_media"]);
  let down = false;
  const sendTimes: number[] = [];
  const sockets = new Set<Socket>();

  const mock: BotApiMock = {
    apiRoot: "",
    port: 0,
    calls: [],
    files: new Map(),
    polls: [],
    rateLimited: 0,
    conflicts: 0,
    push(update) {
      const withId = { ...update, update_id: nextUpdateId++ };
      if (typeof update.message === "object" && update.message !== null) pushed.set(withId.update_id, update.message as Record<string, unknown>);
      // Not even queued for a poll held open: a type the bot did not ask for is never delivered.
      if (!deliverable(withId)) return withId.update_id;
      queue.push(withId);
      if (held) answerPoll(held.limit);
      return withId.update_id;
    },
    pushText(userId, text, extra = {}) {
      return mock.push({
        message: {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: userId, type: "private", first_name: "U" },
          from: { id: userId, is_bot: false, first_name: "U" },
          text,
          ...commandEntities(text),
          ...extra,
        },
      });
    },
    pushEdit(updateId, text) {
      const message = pushed.get(updateId);
      if (!message) throw new Error(`no message was pushed in update ${updateId}`);
      // Telegram sends the whole message again, as it is now, entities those of the new text.
      const { entities: _entities, ...rest } = message;
      return mock.push({
        edited_message: {
          ...rest,
          text,
          edit_date: Math.floor(Date.now() / 1000),
          ...commandEntities(text),
        },
      });
    },
    sentMessages(chatId) {
      return mock.calls.filter((c) => c.method === "sendMessage" && (chatId === undefined || Number(c.payload.chat_id) === chatId));
    },
    unconfirmed: () => queue.length,
    setDown(value) {
      down = value;
      if (down) {
        if (held) {
          clearTimeout(held.timer);
          held.res.socket?.destroy();
          held = null;
        }
        for (const socket of sockets) socket.destroy();
      }
    },
    async unlisten() {
      mock.setDown(true);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      down = false;
    },
    async reopen() {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(mock.port, "127.0.0.1", () => resolve());
      });
    },
    async close() {
      if (held) clearTimeout(held.timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function deliverable(update: Record<string, unknown>): boolean {
    return Object.keys(update).some((key) => allowed.has(key));
  }

  function answerPoll(limit: number): void {
    if (!held) return;
    const { res, timer } = held;
    held = null;
    clearTimeout(timer);
    json(res, 200, { ok: true, result: queue.slice(0, limit) });
  }

  function getUpdates(payload: Record<string, unknown>, res: ServerResponse): void {
    mock.polls.push(Date.now());
    if (Array.isArray(payload.allowed_updates)) allowed = new Set(payload.allowed_updates.map(String));
    // As Telegram does: an update of a type the bot did not ask for is never delivered.
    queue = queue.filter(deliverable);
    if (held) {
      // As Telegram does: the newer request wins, the one held open is ended with 409.
      mock.conflicts++;
      clearTimeout(held.timer);
      json(held.res, 409, { ok: false, error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" });
      held = null;
    }
    const offset = Number(payload.offset ?? 0);
    if (offset > 0) queue = queue.filter((u) => u.update_id >= offset);
    const limit = Math.min(100, Number(payload.limit ?? 100));
    const timeout = Number(payload.timeout ?? 0);
    if (queue.length > 0 || timeout <= 0) {
      json(res, 200, { ok: true, result: queue.slice(0, limit) });
      return;
    }
    held = { res, limit, timer: setTimeout(() => answerPoll(limit), timeout * 1000) };
    res.on("close", () => {
      if (held?.res === res) {
        clearTimeout(held.timer);
        held = null;
      }
    });
  }

  function overLimit(method: string): boolean {
    if (!options.messagesPerSecond || !MESSAGE_METHODS.has(method)) return false;
    const now = Date.now();
    while (sendTimes.length > 0 && now - sendTimes[0]! >= 1000) sendTimes.shift();
    if (sendTimes.length >= options.messagesPerSecond) return true;
    sendTimes.push(now);
    return false;
  }

  function call(method: string, payload: Record<string, unknown>, res: ServerResponse): void {
    if (method === "getUpdates") {
      getUpdates(payload, res);
      return;
    }
    const scripted = options.respond?.(method, payload);
    if (scripted) {
      json(res, scripted.status, scripted.body);
      return;
    }
    if (method === "sendMessageDraft" && options.drafts === false) {
      mock.calls.push({ method, payload, at: Date.now() });
      json(res, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
      return;
    }
    if (overLimit(method)) {
      mock.rateLimited++;
      const retryAfter = options.retryAfter ?? 1;
      json(res, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
      return;
    }
    const recorded: MockCall = { method, payload, at: Date.now() };
    mock.calls.push(recorded);
    const chat = { id: Number(payload.chat_id ?? 0), type: Number(payload.chat_id ?? 0) < 0 ? "group" : "private" };
    let result: unknown = true;
    switch (method) {
      case "getMe":
        result = { id: 999, is_bot: true, first_name: "Mock", username: "mock_test_bot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
        break;
      case "sendMessage":
        result = { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat, text: payload.text };
        break;
      case "editMessageText":
        result = { message_id: Number(payload.message_id), date: Math.floor(Date.now() / 1000), chat, text: payload.text };
        break;
      case "getFile":
        result = { file_id: payload.file_id, file_unique_id: "u", file_path: "documents/file.txt" };
        break;
    }
    recorded.result = result;
    json(res, 200, { ok: true, result });
  }

  const server = createServer((req, res) => {
    if (down) return void req.socket.destroy();
    readBody(req)
      .then((body) => {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        if (url.pathname.startsWith(`/file${prefix}`)) {
          const file = mock.files.get(decodeURIComponent(url.pathname.slice(`/file${prefix}`.length)));
          if (file === undefined) return json(res, 404, { ok: false, error_code: 404, description: "Not Found" });
          return void res.writeHead(200, { "content-type": "application/octet-stream" }).end(file);
        }
        if (!url.pathname.startsWith(prefix)) return json(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
        const method = url.pathname.slice(prefix.length);
        const payload = body ? (JSON.parse(body) as Record<string, unknown>) : Object.fromEntries(url.searchParams);
        call(method, payload, res);
      })
      .catch(() => json(res, 400, { ok: false, error_code: 400, description: "Bad Request" }));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", () => resolve()));
  mock.port = (server.address() as AddressInfo).port;
  mock.apiRoot = `http://127.0.0.1:${mock.port}`;
  return mock;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
