import { describe, expect, it } from "vitest";
import { explainEmbedderErrors } from "../../src/app/explain-embedder-errors.js";

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
