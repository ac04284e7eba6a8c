import { afterEach, describe, expect, it } from "vitest";
import { createServer } from "node:net";
import type { Chunk } from "../../src/chunks/chunk.js";
import type { RankedPassage } from "../../src/retrieval/passage.js";
import { createAnswerer } from "../../src/app/create-answerer.js";
import { createLogger } from "../../src/shared/logger.js";
import { type OpenAiStub, type StubChatReply, startOpenAiStub } from "../helpers/openai-stub.js";

// The bot's start-up check of the configured chat model: one small request whose outcome is one
// log line (ready, or why not), a refusal the provider pause acts on from the first question on.

const KEY = "sk-proj-very-secret-key-0123456789";
const text = "Серджіо Гор є американським політичним діячем.";
const chunk: Chunk = { id: "gor.txt#0", articleId: "gor.txt", title: "Гор", date: "2025-01-01", url: null, n: 0, start: 0, end: text.length, text };
const PASSAGES: RankedPassage[] = [{ chunk, score: 0.9 }];

let stub: OpenAiStub | null = null;
afterEach(async () => {
  await stub?.close();
  stub = null;
});

async function setup(baseUrl: string, timeoutMs = 5_000) {
  const lines: string[] = [];
  const logger = createLogger("info", { secrets: [KEY], destination: { write: (line: string) => lines.push(line) } });
  const answerer = await createAnswerer({ llmModel: "openai:gpt-4.1-mini", llmTimeoutMs: timeoutMs, llmMaxTokens: 256, openaiApiKey: KEY, openaiBaseUrl: baseUrl }, logger);
  const records = () =>
    lines.map((line) => JSON.parse(line) as { level: number; msg: string; [key: string]: unknown }).filter((r) => !/answering with an LLM/.test(r.msg));
  return { answerer, lines, records };
}

async function withStub(reply: () => StubChatReply | Promise<StubChatReply>, timeoutMs?: number) {
  stub = await startOpenAiStub({ chat: reply });
  const chats = () => stub!.requests.filter((r) => r.path.endsWith("/chat/completions")).length;
  return { ...(await setup(stub.baseUrl, timeoutMs)), chats };
}

/** A port nothing listens on (connection refused). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the start-up check of the chat model", () => {
  it("a model that answers: one request, one info line naming the model and the time it took", async () => {
    const { answerer, records, chats } = await withStub(() => "OK");
    await answerer.checkModel?.(new AbortController().signal);
    expect(chats()).toBe(1);
    expect(records()).toEqual([expect.objectContaining({ level: 30, model: "openai:gpt-4.1-mini", ms: expect.any(Number), msg: expect.stringMatching(/ready/) })]);
  });

  it("a 404 (no such model, or no /v1): the provider pause's one error line, and the first question skips the model", async () => {
    const { answerer, lines, records, chats } = await withStub(() => ({ status: 404, body: "404 page not found" }));
    await answerer.checkModel?.(new AbortController().signal);
    expect(records()).toEqual([expect.objectContaining({ level: 50, status: 404, msg: expect.stringMatching(/LLM_MODEL.*OPENAI_BASE_URL/) })]);
    expect((await answerer.answer("Хто такий Гор?", PASSAGES)).mode).toBe("extractive");
    expect(chats()).toBe(1);
    expect(lines.join("")).not.toContain(KEY);
  });

  it("a rejected key: the error line never shows the key", async () => {
    const { answerer, lines, records } = await withStub(() => ({ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}.`, type: "invalid_request_error" } } }));
    await answerer.checkModel?.(new AbortController().signal);
    expect(records()).toEqual([expect.objectContaining({ level: 50, status: 401 })]);
    expect(lines.join("")).not.toContain(KEY);
  });

  it("a server that is down: one warning with the answerer's reason, which names the network's error, as each question's warning does", async () => {
    const port = await closedPort();
    const { answerer, records } = await setup(`http://127.0.0.1:${port}/v1`);
    await answerer.checkModel?.(new AbortController().signal);
    // Before: only the client's "Connection error.", the same for a refused port, a wrong host name or a bad certificate.
    const reason = `provider error: connect ECONNREFUSED 127.0.0.1:${port}`;
    expect(records()).toEqual([expect.objectContaining({ level: 40, model: "openai:gpt-4.1-mini", reason, err: expect.stringMatching(/connection/i) })]);
    expect((await answerer.answer("Хто такий Гор?", PASSAGES)).mode).toBe("extractive");
    expect(records().at(-1)).toEqual(expect.objectContaining({ level: 40, reason, msg: expect.stringMatching(/falling back/) }));
  });

  it("an OPENAI_BASE_URL with a password: the warning says why the request was refused, without the password", async () => {
    const { answerer, lines, records } = await setup(`http://bot:pw-secret-42@127.0.0.1:${await closedPort()}/v1`);
    await answerer.checkModel?.(new AbortController().signal);
    expect(records()).toEqual([expect.objectContaining({ level: 40, reason: expect.stringMatching(/^provider error: .*includes credentials: http:\/\/bot:\[redacted\]@127\.0\.0\.1/) })]);
    expect(lines.join("")).not.toContain("pw-secret-42");
  });

  it("a model that does not answer in LLM_TIMEOUT_MS: one warning saying it timed out", async () => {
    const { answerer, records } = await withStub(() => new Promise<StubChatReply>(() => {}), 300);
    await answerer.checkModel?.(new AbortController().signal);
    expect(records()).toEqual([expect.objectContaining({ level: 40, reason: "timed out after 300 ms" })]);
  });

  it("stopping the bot aborts it: the request is dropped and nothing is logged", async () => {
    const { answerer, records } = await withStub(() => new Promise<StubChatReply>(() => {}), 60_000);
    const stopping = new AbortController();
    const checked = answerer.checkModel?.(stopping.signal);
    await expect.poll(() => stub!.requests.length).toBe(1);
    stopping.abort();
    await checked;
    await expect.poll(() => stub!.requests[0]?.abandoned).toBe(true);
    expect(records()).toEqual([]);
  });
});
