import { afterEach, describe, expect, it } from "vitest";
import type { Chunk } from "../../src/chunks/chunk.js";
import type { RankedPassage } from "../../src/retrieval/passage.js";
import { AUTH_PAUSE_MS, MAX_RETRY_AFTER_MS, retryAfterMs } from "../../src/answers/provider-pause.js";
import { createAnswerer } from "../../src/app/create-answerer.js";
import { createLogger } from "../../src/shared/logger.js";
import { type OpenAiStub, type StubChatReply, startOpenAiStub } from "../helpers/openai-stub.js";

// The chat provider saying "wait" (429/503 with Retry-After) or "bad key" (401/403): later
// questions skip the model for a while instead of calling it again at once, and the log says so
// once, not per question, and never with the key.

const KEY = "sk-proj-very-secret-key-0123456789";
const text = "Серджіо Гор є американським політичним діячем. У 2025 році його призначили послом США в Індії.";
const chunk: Chunk = { id: "gor.txt#0", articleId: "gor.txt", title: "Гор", date: "2025-01-01", url: null, n: 0, start: 0, end: text.length, text };
const PASSAGES: RankedPassage[] = [{ chunk, score: 0.9 }];

let stub: OpenAiStub | null = null;
afterEach(async () => {
  await stub?.close();
  stub = null;
});

async function setup(reply: () => StubChatReply) {
  stub = await startOpenAiStub({ chat: reply });
  const lines: string[] = [];
  const logger = createLogger("info", { secrets: [KEY], destination: { write: (line: string) => lines.push(line) } });
  let clock = Date.parse("2026-02-10T12:00:00Z");
  const answerer = await createAnswerer(
    { llmModel: "openai:gpt-4.1-mini", llmTimeoutMs: 5_000, llmMaxTokens: 256, openaiApiKey: KEY, openaiBaseUrl: stub.baseUrl },
    logger,
    () => clock,
  );
  const chats = () => stub!.requests.filter((r) => r.path.endsWith("/chat/completions")).length;
  const records = () => lines.map((line) => JSON.parse(line) as { level: number; msg: string; [key: string]: unknown }).filter((r) => !/answering with an LLM/.test(r.msg));
  return { answerer, lines, records, chats, advance: (ms: number) => (clock += ms) };
}

describe("a pause after the chat provider's 429 or 503 with Retry-After", () => {
  it.each([
    ["429, Retry-After in seconds", 429, "30", 30_000],
    ["503, Retry-After as an HTTP date", 503, "Tue, 10 Feb 2026 12:02:00 GMT", 120_000],
    ["429, Retry-After of a day, capped", 429, "86400", MAX_RETRY_AFTER_MS],
  ])("%s: later questions are extractive without a call until then, one line at its start and one at its end", async (_name, status, header, pauseMs) => {
    let refuse = true;
    const { answerer, records, chats, advance } = await setup(() => (refuse ? { status, headers: { "retry-after": header } } : "Гор є політичним діячем [1]."));
    expect((await answerer.answer("Хто такий Гор?", PASSAGES)).mode).toBe("extractive");
    expect(chats()).toBe(1);
    refuse = false;

    advance(pauseMs - 1_000);
    for (const _ of [1, 2, 3]) expect((await answerer.answer("Хто такий Гор?", PASSAGES)).mode).toBe("extractive");
    expect(chats()).toBe(1); // before the fix: a call per question
    const paused = records().filter((r) => /asked to wait/.test(r.msg));
    expect(paused).toHaveLength(1);
    expect(paused[0]).toMatchObject({ level: 40, status, retryAfterSeconds: pauseMs / 1000 });

    advance(1_000);
    expect((await answerer.answer("Хто такий Гор?", PASSAGES)).mode).toBe("llm");
    expect((await answerer.answer("Хто такий Гор?", PASSAGES)).mode).toBe("llm");
    expect(chats()).toBe(3);
    expect(records().filter((r) => /pause is over/.test(r.msg))).toHaveLength(1);
    // The question that met the 429 is logged as a fallback; the paused ones are not.
    expect(records().filter((r) => /LLM answer unusable/.test(r.msg))).toHaveLength(1);
  });

  it("a 429 met while streaming pauses the model too", async () => {
    const { answerer, chats, advance } = await setup(() => ({ status: 429, headers: { "retry-after": "20" } }));
    const drafts: string[] = [];
    expect((await answerer.answer("Хто такий Гор?", PASSAGES, { onDraft: (d) => drafts.push(d) })).mode).toBe("extractive");
    advance(10_000);
    await answerer.answer("Хто такий Гор?", PASSAGES, { onDraft: (d) => drafts.push(d) });
    expect(chats()).toBe(1);
  });

  it("a 429 without Retry-After does not pause (each question asks again)", async () => {
    const { answerer, chats } = await setup(() => ({ status: 429 }));
    await answerer.answer("Хто такий Гор?", PASSAGES);
    await answerer.answer("Хто такий Гор?", PASSAGES);
    expect(chats()).toBe(2);
  });
});

describe("a rejected API key (401, 403)", () => {
  it("is logged as an error once per pause, never with the key, and questions meanwhile skip the model", async () => {
    const { answerer, lines, records, chats, advance } = await setup(() => ({
      status: 401,
      body: { error: { message: `Incorrect API key provided: ${KEY}. You can find your API key at https://platform.openai.com/account/api-keys.`, type: "invalid_request_error", code: "invalid_api_key" } },
    }));
    for (const _ of [1, 2, 3, 4]) {
      expect((await answerer.answer("Хто такий Гор?", PASSAGES)).mode).toBe("extractive");
      advance(60_000);
    }
    expect(chats()).toBe(1);
    const errors = records().filter((r) => r.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ status: 401, msg: expect.stringMatching(/rejected the API key.*OPENAI_API_KEY/) });
    expect(String(errors[0]!.err)).toMatch(/Incorrect API key provided: \[redacted\]/);

    advance(AUTH_PAUSE_MS);
    await answerer.answer("Хто такий Гор?", PASSAGES);
    expect(chats()).toBe(2);
    expect(records().filter((r) => r.level === 50)).toHaveLength(2);
    expect(lines.join("")).not.toContain(KEY);
    expect(lines.join("")).not.toContain(KEY.slice(3, 20));
  });
  it("a 403 says the request was refused (region or model access), not that the key is wrong", async () => {
    const { answerer, records } = await setup(() => ({ status: 403, body: { error: { message: "Country, region, or territory not supported", type: "request_forbidden" } } }));
    expect((await answerer.answer("Хто такий Гор?", PASSAGES)).mode).toBe("extractive");
    const errors = records().filter((r) => r.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ status: 403, msg: expect.stringMatching(/refused the request \(403/) });
    expect(String(errors[0]!.msg)).not.toMatch(/rejected the API key/);
  });
});

describe("a model or address the provider does not know (404)", () => {
  it.each([
    ["no such model (Ollama)", { error: { message: 'model "llama3" not found, try pulling it first', type: "api_error" } }],
    ["OPENAI_BASE_URL without /v1", "404 page not found"],
  ])("%s: one error saying what to check, and questions meanwhile skip the model", async (_name, body) => {
    const { answerer, records, chats, advance } = await setup(() => ({ status: 404, body }));
    for (const _ of [1, 2, 3]) {
      expect((await answerer.answer("Хто такий Гор?", PASSAGES)).mode).toBe("extractive");
      advance(60_000);
    }
    expect(chats()).toBe(1); // before the fix: a call, and a warning, per question
    const errors = records().filter((r) => r.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ status: 404, msg: expect.stringMatching(/404.*LLM_MODEL.*OPENAI_BASE_URL.*\/v1/) });
    advance(AUTH_PAUSE_MS);
    await answerer.answer("Хто такий Гор?", PASSAGES);
    expect(chats()).toBe(2);
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2026-02-10T12:00:00Z");
  it("reads seconds and HTTP dates, and nothing else", () => {
    expect(retryAfterMs("30", now)).toBe(30_000);
    expect(retryAfterMs(" 1.5 ", now)).toBe(1_500);
    expect(retryAfterMs("Tue, 10 Feb 2026 12:00:45 GMT", now)).toBe(45_000);
    expect(retryAfterMs("Tue, 10 Feb 2026 11:00:00 GMT", now)).toBeLessThan(0);
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs("", now)).toBeNull();
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs("-5", now)).toBeNull();
  });
});
