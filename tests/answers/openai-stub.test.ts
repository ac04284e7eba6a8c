import { afterEach, describe, expect, it } from "vitest";
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import { hashEmbedding, startOpenAiStub } from "../helpers/openai-stub.js";
import type { OpenAiStub } from "../helpers/openai-stub.js";

let stub: OpenAiStub | null = null;
afterEach(async () => {
  await stub?.close();
  stub = null;
});

const model = (baseURL: string) =>
  new ChatOpenAI({ model: "gpt-test", apiKey: "test", configuration: { baseURL }, maxRetries: 0 });

describe("openai stub with the real @langchain/openai client", () => {
  it("answers chat completions and records the request", async () => {
    stub = await startOpenAiStub({ chat: (b) => `echo: ${String(b.messages.at(-1)?.content)}` });
    const reply = await model(stub.baseUrl).invoke("привіт");
    expect(reply.content).toBe("echo: привіт");
    expect(stub.requests[0]?.path).toBe("/v1/chat/completions");
  });

  it("streams SSE chunks that the client concatenates", async () => {
    const text = "A fairly long streamed answer that spans several chunks [1].";
    stub = await startOpenAiStub({ chat: () => text });
    // .stream(), not invoke() with streaming: true: the latter estimates token counts with
    // tiktoken, which downloads its encoding from the internet and hangs offline.
    const pieces: string[] = [];
    for await (const chunk of await model(stub.baseUrl).stream("q")) pieces.push(String(chunk.content));
    expect(pieces.filter(Boolean).length).toBeGreaterThan(1);
    expect(pieces.join("")).toBe(text);
    expect((stub.requests[0]!.body as { stream?: boolean }).stream).toBe(true);
  });

  it("returns embeddings, base64-encoded when asked (the client default)", async () => {
    stub = await startOpenAiStub({});
    const embeddings = new OpenAIEmbeddings({ model: "e", apiKey: "test", configuration: { baseURL: stub.baseUrl }, maxRetries: 0 });
    const [v] = await embeddings.embedDocuments(["київ"]);
    const expected = hashEmbedding("київ");
    expect(v).toHaveLength(expected.length);
    v!.forEach((x, i) => {
      expect(x).toBeCloseTo(expected[i]!, 5);
    });
  });

  it("sends configured error statuses", async () => {
    stub = await startOpenAiStub({ chat: () => ({ status: 500 }) });
    await expect(model(stub.baseUrl).invoke("q")).rejects.toThrow();
  });
});
