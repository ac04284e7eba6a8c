import { describe, expect, it } from "vitest";
import { createCliLogger } from "../../src/cli/cli-logger.js";
import { createLogger } from "../../src/shared/logger.js";

describe("createCliLogger", () => {
  it("prints a warning quoting an article's or a model's text without its terminal controls", () => {
    const written: string[] = [];
    const logger = createCliLogger({ env: {}, stdout: { write: () => true }, stderr: { write: (text: string) => written.push(text) } }, "warn");
    logger.warn({ reason: "said \u001b]52;c;SGVsbG8=\u0007nothing\u009b2J" }, "LLM answer unusable");
    expect(written).toEqual(["warning: LLM answer unusable (reason: said ]52;c;SGVsbG8=nothing2J)\n"]);
  });
});

describe("a database error in a CLI warning", () => {
  it("shows the database URL without its password, however short", () => {
    const written: string[] = [];
    const logger = createCliLogger({ env: {}, stdout: { write: () => true }, stderr: { write: (text: string) => written.push(text) } }, "warn");
    logger.error({ err: new Error("connect ECONNREFUSED postgres://bot:pw42@db/news") }, "database unreachable");
    expect(written).toEqual(["error: database unreachable (err: connect ECONNREFUSED postgres://bot:[redacted]@db/news)\n"]);
  });
});

describe("a provider's error in a CLI warning", () => {
  const KEY = "sk-proj-very-secret-key-0123456789";
  const langchainError = `401 Incorrect API key provided: ${KEY}.\n\nTroubleshooting URL: https://docs.langchain.com/oss/javascript/langchain/errors/MODEL_AUTHENTICATION/\n`;

  it("is one line, without LangChain's Troubleshooting URL, and without the key", () => {
    const written: string[] = [];
    const io = { env: {}, stdout: { write: () => true }, stderr: { write: (text: string) => written.push(text) } };
    const logger = createCliLogger(io, "warn", [KEY]);
    logger.warn({ reason: "provider error", err: langchainError, ms: 12 }, "LLM answer unusable;\nfalling back");
    logger.error({ err: new Error(langchainError) }, "the LLM provider rejected the API key");
    expect(written).toEqual([
      "warning: LLM answer unusable; falling back (reason: provider error, err: 401 Incorrect API key provided: [redacted]., ms: 12)\n",
      "error: the LLM provider rejected the API key (err: 401 Incorrect API key provided: [redacted].)\n",
    ]);
  });

  it("stays as it was in the bot's JSON logs (escaped there, the key redacted)", () => {
    const lines: string[] = [];
    const logger = createLogger("info", { secrets: [KEY], destination: { write: (line: string) => lines.push(line) } });
    logger.warn({ err: langchainError }, "LLM answer unusable");
    expect(lines).toHaveLength(1);
    expect(lines[0]!.trimEnd()).not.toContain("\n");
    expect(JSON.parse(lines[0]!).err).toBe(langchainError.replace(KEY, "[redacted]"));
  });
});
