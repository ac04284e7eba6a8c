import { createServer as createHttpServer } from "node:http";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { describe, expect, it } from "vitest";
import { explainEmbedderErrors } from "../../src/app/explain-embedder-errors.js";
import { createEmbedder } from "../../src/embeddings/create-embedder.js";

// The message goes to the log and, from a failed /reindex, into the admin's chat.
describe("an embeddings server's failure names the server without its credentials", () => {
  const failing = { embedDocuments: () => Promise.reject(new Error("Connection error.")), embedQuery: () => Promise.reject(new Error("Connection error.")) };

  it("drops a user, a password and a query string from OPENAI_BASE_URL", async () => {
    const baseUrl = "https://proxyuser:hunter2secret@llm.example.org:8443/v1?api-key=querysecret123";
    const embedder = explainEmbedderErrors({ id: "openai:m", embeddings: failing }, { baseUrl, model: "m", apiKey: null });
    const message = String(await embedder.embeddings.embedDocuments(["x"]).catch((e: unknown) => (e as Error).message));
    expect(message).toMatch(/^The embeddings server at https:\/\/llm\.example\.org:8443\/v1 \(model "m"\) failed: Connection error\./);
    expect(message).not.toMatch(/hunter2secret|proxyuser|querysecret123/);
  });

  it("leaves a plain base URL as it was", async () => {
    const embedder = explainEmbedderErrors({ id: "openai:m", embeddings: failing }, { baseUrl: "http://127.0.0.1:11434/v1", model: "m", apiKey: null });
    await expect(embedder.embeddings.embedQuery("x")).rejects.toThrow(/^The embeddings server at http:\/\/127\.0\.0\.1:11434\/v1 \(model "m"\)/);
  });
});

// The OpenAI client says only "Connection error." for any request that got no answer; the operator
// needs what the network said to tell a stopped server from a wrong host or a proxy cutting in.
describe("an embeddings server that cannot be reached is reported with the network's reason", () => {
  const embedderAt = async (baseUrl: string) =>
    explainEmbedderErrors(await createEmbedder({ provider: "openai", model: "m", apiKey: null, baseUrl }), { baseUrl, model: "m", apiKey: null });

  it("a closed port: connect ECONNREFUSED with its address", async () => {
    const closed = createNetServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const embedder = await embedderAt(`http://127.0.0.1:${port}/v1`);
    await expect(embedder.embedQuery!("x", new AbortController().signal)).rejects.toThrow(
      `failed: Connection error: connect ECONNREFUSED 127.0.0.1:${port}. Check that it is running`,
    );
  });

  it("a server dropping the connection: other side closed", async () => {
    const dropping = createNetServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => dropping.listen(0, "127.0.0.1", resolve));
    try {
      const embedder = await embedderAt(`http://127.0.0.1:${(dropping.address() as AddressInfo).port}/v1`);
      await expect(embedder.embedQuery!("x", new AbortController().signal)).rejects.toThrow(/failed: Connection error: other side closed \(UND_ERR_SOCKET\)\. Check/);
    } finally {
      dropping.close();
    }
  });
});

// Ollama, vLLM and LM Studio serve the OpenAI API under /v1 only: a base URL without it gets 404
// ("404 page not found") for every request, which "check that it is running" does not explain.
describe("an embeddings server answering 404", () => {
  it("says the model may be missing or OPENAI_BASE_URL may lack /v1", async () => {
    const server = createHttpServer((req, res) => {
      req.resume();
      res.writeHead(404, { "content-type": "text/plain" }).end("404 page not found");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const embedder = explainEmbedderErrors(await createEmbedder({ provider: "openai", model: "nomic-embed-text", apiKey: null, baseUrl }), { baseUrl, model: "nomic-embed-text", apiKey: null });
      await expect(embedder.embeddings.embedDocuments(["x"])).rejects.toThrow(
        `The embeddings server at ${baseUrl} (model "nomic-embed-text") failed: 404 404 page not found. It has no model named EMBEDDINGS_MODEL (Ollama: ollama pull <model>), or OPENAI_BASE_URL is not the address of its API (OpenAI-compatible servers serve it under /v1, e.g. http://localhost:11434/v1); or set EMBEDDINGS_PROVIDER=local to embed offline (then run npm run ingest).`,
      );
    } finally {
      server.close();
    }
  });
});
