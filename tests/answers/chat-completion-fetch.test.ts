import { afterEach, describe, expect, it } from "vitest";
import type { Chunk } from "../../src/chunks/chunk.js";
import type { RankedPassage } from "../../src/retrieval/passage.js";
import { chatCompletionFetch, NotChatCompletionError } from "../../src/answers/chat-completion-fetch.js";
import { createAnswerer } from "../../src/app/create-answerer.js";
import { createLogger } from "../../src/shared/logger.js";
import { type OpenAiStub, startOpenAiStub } from "../helpers/openai-stub.js";

// An OPENAI_BASE_URL that reaches a server which is not the chat API, and answers 200 all the same
// (LM Studio without /v1, a web page): the log says so, not "Cannot read properties of undefined"
// nor "empty reply".

const text = "Серджіо Гор є американським політичним діячем.";
const chunk: Chunk = { id: "gor.txt#0", articleId: "gor.txt", title: "Гор", date: "2025-01-01", url: null, n: 0, start: 0, end: text.length, text };
const PASSAGES: RankedPassage[] = [{ chunk, score: 0.9 }];
/** What LM Studio answers, with 200, to a path it does not serve. */
const LM_STUDIO = { error: "Unexpected endpoint or method. (POST /chat/completions)" };

let stub: OpenAiStub | null = null;
afterEach(async () => {
  await stub?.close();
  stub = null;
});

describe("a chat model whose OPENAI_BASE_URL answers 200 without a chat completion", () => {
  it("the start-up check, an asked answer and a streamed one each log what the server said and that /v1 may be missing", async () => {
    stub = await startOpenAiStub({ chat: () => ({ body: LM_STUDIO }) });
    const lines: string[] = [];
    const logger = createLogger("info", { destination: { write: (line: string) => lines.push(line) } });
    const answerer = await createAnswerer({ llmModel: "openai:qwen3", llmTimeoutMs: 5_000, llmMaxTokens: 256, openaiApiKey: null, openaiBaseUrl: stub.baseUrl }, logger);
    await answerer.checkModel?.(new AbortController().signal);
    expect((await answerer.answer("Хто такий Гор?", PASSAGES)).mode).toBe("extractive");
    expect((await answerer.answer("Хто такий Гор?", PASSAGES, { onDraft: () => {} })).mode).toBe("extractive");
    const warnings = lines.map((line) => JSON.parse(line) as { level: number; reason?: string }).filter((r) => r.level === 40);
    expect(warnings.map((w) => w.reason)).toEqual(
      Array(3).fill(`provider error: no chat completion at OPENAI_BASE_URL (is its /v1 missing?): it answered 200 without choices: ${JSON.stringify(LM_STUDIO)}`),
    );
  });
});

describe("chatCompletionFetch", () => {
  const URL_ = "http://127.0.0.1:1234/chat/completions";
  const answering = (body: string, contentType: string, status = 200) => chatCompletionFetch(async () => new Response(body, { status, headers: { "content-type": contentType } }));

  it("refuses a web page, or JSON without choices, answered to a chat completion request", async () => {
    await expect(answering("<!doctype html>\n<html><body>Welcome   to nginx!</body></html>", "text/html; charset=utf-8")(URL_, {})).rejects.toThrow(
      new NotChatCompletionError("no chat completion at OPENAI_BASE_URL (is its /v1 missing?): it answered 200 with a web page: <!doctype html> <html><body>Welcome to nginx!</body></html>"),
    );
    await expect(answering(JSON.stringify(LM_STUDIO), "application/json; charset=utf-8")(URL_, {})).rejects.toThrow(NotChatCompletionError);
    await expect(answering('"404 page not found"', "application/json")(new URL(URL_), {})).rejects.toThrow(NotChatCompletionError);
    const long = await answering(JSON.stringify({ error: "x".repeat(500) }), "application/json")(URL_, {}).catch((error: Error) => error.message);
    expect(String(long).length).toBeLessThan(200);
  });

  it("passes a completion, a stream, an error status, unparsable JSON and other paths as they are, body intact", async () => {
    const completion = JSON.stringify({ id: "c", choices: [{ index: 0, message: { role: "assistant", content: "OK" } }] });
    for (const [body, type, status, url] of [
      [completion, "application/json", 200, URL_],
      ["data: {}\n\n", "text/event-stream", 200, URL_],
      [JSON.stringify({ error: { message: "bad key" } }), "application/json", 401, URL_],
      ["{not json", "application/json", 200, URL_],
      [JSON.stringify({ data: [] }), "application/json", 200, "http://127.0.0.1:1234/v1/embeddings"],
    ] as const) {
      const response = await answering(body, type, status)(url, {});
      expect(response.status).toBe(status);
      expect(await response.text()).toBe(body);
    }
  });
});
