// What the webhook server writes to the logs: its URL's path is often a secret token.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { GrammyError } from "grammy";
import { describe, expect, it, vi } from "vitest";
import { listenForWebhook, type WebhookAddress, type WebhookIntake } from "../../src/app/webhook-server.js";
import type { ArticleBot } from "../../src/bot/create-bot.js";
import { ConfigError } from "../../src/shared/errors.js";
import { createLogger, type Logger, silentLogger } from "../../src/shared/logger.js";
import { freePort } from "../helpers/free-port.js";

const SECRET_HEADER = { "x-telegram-bot-api-secret-token": "s" };
import { rawRequest } from "../helpers/raw-request.js";

/** Listens and takes updates at once (startBot opens the server once the bot runs). */
async function startWebhookServer(bot: ArticleBot, options: WebhookAddress & WebhookIntake, logger: Logger): Promise<() => Promise<void>> {
  return (await listenForWebhook(options, logger)).open(bot, options);
}

describe("webhook server logs", () => {
  it("say it listens, with the host and the path's shape, never the path itself", async () => {
    const lines: string[] = [];
    const logger = createLogger("info", { destination: { write: (line: string) => void lines.push(line) } });
    const bot = { api: { setWebhook: async () => true } } as unknown as ArticleBot;
    const url = "https://bot.example.org/tg/7f3a9c1e5b2d4f60a8e1";
    const stop = await startWebhookServer(bot, { url, secret: "header-secret-value", port: 0, accept: async () => {}, waitForRoom: async () => {} }, logger);
    await stop();
    const listening = lines.map((line) => JSON.parse(line)).find((record) => record.msg === "webhook server listening");
    expect(listening).toMatchObject({ port: 0, host: "bot.example.org", path: "/***/***" });
    expect(lines.join("")).not.toContain("7f3a9c1e5b2d4f60a8e1");
  });
});

describe("webhook server on a request target that is no URL", () => {
  it("answers 400 and keeps taking updates (one such request used to end the bot's process)", async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const accepted: number[] = [];
    const bot = { api: { setWebhook: async () => true } } as unknown as ArticleBot;
    const stop = await startWebhookServer(
      bot,
      { url: "https://bot.example.org/hook", secret: "s3cret", port, accept: async (updates) => void accepted.push(...updates.map((u) => u.update_id)), waitForRoom: async () => {} },
      silentLogger,
    );
    try {
      for (const target of ["//[", "//x:99999/hook", "http://["]) {
        expect(await rawRequest(port, "POST", target)).toBe("HTTP/1.1 400 Bad Request");
      }
      const ok = await fetch(`http://127.0.0.1:${port}/hook`, { method: "POST", headers: { "x-telegram-bot-api-secret-token": "s3cret" }, body: JSON.stringify({ update_id: 7 }) });
      expect(ok.status).toBe(200);
      expect(accepted).toEqual([7]);
    } finally {
      await stop();
    }
  });
});

describe("webhook server's path", () => {
  async function freePort(): Promise<number> {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    return port;
  }

  // A proxy routing `location /tg/` redirects a post to /tg, and Telegram follows no redirect.
  it("registers WEBHOOK_URL exactly as written, a trailing slash kept, and takes updates with or without it", async () => {
    for (const [written, other] of [
      ["/tg/", "/tg"],
      ["/tg", "/tg/"],
    ]) {
      const port = await freePort();
      const registered: string[] = [];
      const accepted: number[] = [];
      const bot = { api: { setWebhook: async (url: string) => void registered.push(url) } } as unknown as ArticleBot;
      const url = `https://bot.example.org${written}`;
      const stop = await startWebhookServer(
        bot,
        { url, secret: "s", port, accept: async (updates) => void accepted.push(...updates.map((u) => u.update_id)), waitForRoom: async () => {} },
        silentLogger,
      );
      try {
        expect(registered).toEqual([url]);
        for (const [i, path] of [written, other].entries()) {
          const response = await fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", headers: SECRET_HEADER, body: JSON.stringify({ update_id: i + 1 }) });
          expect(response.status).toBe(200);
        }
        expect(accepted).toEqual([1, 2]);
        expect((await fetch(`http://127.0.0.1:${port}/tgx`, { method: "POST", headers: SECRET_HEADER, body: "{}" })).status).toBe(404);
      } finally {
        await stop();
      }
    }
  });
});

describe("webhook server when Telegram refuses WEBHOOK_URL", () => {
  it("stops with a message naming WEBHOOK_URL, its host and Telegram's reason (not an 'Unexpected error'), and frees PORT", async () => {
    const description = "Bad Request: bad webhook: Failed to resolve host: Name or service not known";
    const bot = {
      token: "123:T",
      api: {
        setWebhook: async () => {
          throw new GrammyError("Call to 'setWebhook' failed!", { ok: false, error_code: 400, description }, "setWebhook", {});
        },
      },
    } as unknown as ArticleBot;
    const url = "https://bot.example.invalid/tg/7f3a9c1e5b2d4f60a8e1";
    const error = await startWebhookServer(bot, { url, secret: null, port: 0, accept: async () => {}, waitForRoom: async () => {} }, silentLogger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError); // exit code 2: a setting to fix, as every other bad setting
    const message = (error as Error).message;
    expect(message).toContain("WEBHOOK_URL");
    expect(message).toContain("bot.example.invalid");
    expect(message).toContain("Failed to resolve host");
    expect(message).not.toContain("7f3a9c1e5b2d4f60a8e1"); // the path may be a secret
  });

  it("leaves a Bot API failure (5xx, after its retries) as no bad setting: a restart may get through", async () => {
    const bot = {
      token: "123:T",
      api: {
        setWebhook: async () => {
          throw new GrammyError("Call to 'setWebhook' failed!", { ok: false, error_code: 502, description: "Bad Gateway" }, "setWebhook", {});
        },
      },
    } as unknown as ArticleBot;
    const error = await startWebhookServer(bot, { url: "https://bot.example.org/hook", secret: null, port: 0, accept: async () => {}, waitForRoom: async () => {} }, silentLogger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).not.toBeInstanceOf(ConfigError);
  });

  it("leaves Telegram's flood control (429, past its retries) as no bad setting: exit 2 would keep systemd from starting it again", async () => {
    const bot = {
      token: "123:T",
      api: {
        setWebhook: async () => {
          throw new GrammyError("Call to 'setWebhook' failed!", { ok: false, error_code: 429, description: "Too Many Requests: retry after 300", parameters: { retry_after: 300 } }, "setWebhook", {});
        },
      },
    } as unknown as ArticleBot;
    const error = await startWebhookServer(bot, { url: "https://bot.example.org/hook", secret: null, port: 0, accept: async () => {}, waitForRoom: async () => {} }, silentLogger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).not.toBeInstanceOf(ConfigError);
  });

  it("closes its server, so PORT is free again", async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const bot = {
      token: "123:T",
      api: {
        setWebhook: async () => {
          throw new GrammyError("Call to 'setWebhook' failed!", { ok: false, error_code: 400, description: "Bad Request: bad webhook: IP address 10.0.0.5 is reserved" }, "setWebhook", {});
        },
      },
    } as unknown as ArticleBot;
    await expect(startWebhookServer(bot, { url: "https://bot.example.org/hook", secret: null, port, accept: async () => {}, waitForRoom: async () => {} }, silentLogger)).rejects.toThrow(
      "IP address 10.0.0.5 is reserved",
    );
    const again = http.createServer();
    await new Promise<void>((resolve, reject) => {
      again.once("error", reject);
      again.listen(port, resolve);
    });
    await new Promise((resolve) => again.close(resolve));
  });
});

describe("webhook server's /healthz on PORT", () => {
  it("answers as the health server on HEALTH_PORT: 503 'starting' until the webhook is registered, then 200 'ready', HEAD too", async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const get = async (method = "GET") => {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`, { method });
      return { status: response.status, body: await response.text() };
    };
    let register!: () => void;
    let whileRegistering: { status: number; body: string } | undefined;
    const bot = {
      token: "123:T",
      api: {
        setWebhook: async () => {
          whileRegistering = await get();
          await new Promise<void>((resolve) => (register = resolve));
          return true;
        },
      },
    } as unknown as ArticleBot;
    const starting = startWebhookServer(bot, { url: "https://bot.example.org/hook", secret: "s3cret", port, accept: async () => {}, waitForRoom: async () => {} }, silentLogger);
    await vi.waitFor(() => expect(whileRegistering).toBeDefined());
    register();
    const stop = await starting;
    try {
      expect(whileRegistering).toEqual({ status: 503, body: "starting\n" });
      expect(await get()).toEqual({ status: 200, body: "ready\n" });
      expect(await get("HEAD")).toEqual({ status: 200, body: "" });
      expect((await get("POST")).status).toBe(404);
    } finally {
      await stop();
    }
  });
});

describe("webhook server without WEBHOOK_SECRET", () => {
  it("registers a secret of its own, derived from the bot token, and refuses updates without it (a forged tap could remove articles as an admin)", async () => {
    const secrets: unknown[] = [];
    const registering = (token: string) =>
      ({ token, api: { setWebhook: async (_url: string, options: { secret_token?: string }) => void secrets.push(options.secret_token) } }) as unknown as ArticleBot;
    const accepted: number[] = [];
    const port = await freePort();
    const intake = { secret: null, accept: async (updates: readonly { update_id: number }[]) => void accepted.push(...updates.map((u) => u.update_id)), waitForRoom: async () => {} };
    const server = await listenForWebhook({ url: "https://bot.example.org/hook", port }, silentLogger);
    const stop = await server.open(registering("123456:AAAA-token-one"), intake);
    try {
      const post = (headers: Record<string, string>) => fetch(`http://127.0.0.1:${port}/hook`, { method: "POST", headers, body: JSON.stringify({ update_id: 9 }) });
      const [secret] = secrets;
      expect(typeof secret === "string" && /^[A-Za-z0-9_-]{32,256}$/.test(secret)).toBe(true);
      expect(String(secret)).not.toContain("AAAA-token-one");
      expect((await post({})).status).toBe(401);
      expect(accepted).toEqual([]);
      expect((await post({ "x-telegram-bot-api-secret-token": String(secret) })).status).toBe(200);
      expect(accepted).toEqual([9]);
    } finally {
      await stop();
    }
    // Every instance with the token derives the same one (they share one webhook); another token, another one.
    for (const token of ["123456:AAAA-token-one", "654321:BBBB-token-two"]) {
      const again = await listenForWebhook({ url: "https://bot.example.org/hook", port: 0 }, silentLogger);
      await (await again.open(registering(token), intake))();
    }
    expect(secrets[1]).toBe(secrets[0]);
    expect(secrets[2]).not.toBe(secrets[0]);
  });
});
