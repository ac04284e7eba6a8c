// A newcomer's first mistakes, each answered by a message that says what to do (issue 8 item 9).
import { readdir, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { explainEmbedderErrors } from "../../src/app/explain-embedder-errors.js";
import { formatSummary, progressBar } from "../../src/cli/ingest.js";
import { messages } from "../../src/bot/messages.js";
import { runCommand } from "../../src/cli/args.js";
import { AppError, UsageError } from "../../src/shared/errors.js";
import { useTempSeeds } from "../helpers/temp-seeds.js";
import { lastLine, runCliInProcess } from "../helpers/run-cli.js";

const temp = useTempSeeds();

const offline = { LLM_MODEL: "", EMBEDDINGS_PROVIDER: "local" };

describe("bad configuration", () => {
  it("exits 2 with one line naming the variable, in every command", async () => {
    const env = { ...offline, EMBEDDINGS_PROVIDER: "magic", TELEGRAM_BOT_TOKEN: "123:x" };
    const runs = await Promise.all([
      runCliInProcess("ask", ["--seeds", temp.seeds, "--store", temp.store, "Хто?"], { env }),
      runCliInProcess("ingest", ["--seeds", temp.seeds, "--store", temp.store], { env }),
      runCliInProcess("eval", ["--articles", temp.seeds, "--questions", join(temp.root, "q.jsonl")], { env }),
      runCliInProcess("start", [], { env }),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toBe('EMBEDDINGS_PROVIDER must be "local" or "openai", got "magic".');
    }
    const noToken = await runCliInProcess("start", [], { env: offline });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/TELEGRAM_BOT_TOKEN is not set/);
    // Said to whoever started it, also as node dist/cli/start.js or in the Docker image, where
    // npm start (tsx, a devDependency) does not run.
    expect(noToken.stderr).toMatch(/as TELEGRAM_BOT_TOKEN=\.\.\. and start the bot again\./);
    // A token of the wrong shape is refused before anything is built or asked of Telegram (the
    // missing seeds folder would be the error otherwise).
    const badTokenEnv = { ...offline, TELEGRAM_BOT_TOKEN: "hello world", SEEDS_DIR: join(temp.root, "no-such-folder"), TELEGRAM_API_ROOT: "http://127.0.0.1:9" };
    const badToken = await runCliInProcess("start", [], { env: badTokenEnv });
    expect(badToken.code).toBe(2);
    expect(badToken.stderr.trim()).toMatch(/^TELEGRAM_BOT_TOKEN is not a bot token: .* Copy it again from @BotFather \(\/token\)\.$/);
    expect(badToken.stderr).not.toContain("hello world");
  });

  it("LLM_MODEL=nonsense says what is valid, without LangChain's doubled full stop", async () => {
    const run = await runCliInProcess("ask", ["--seeds", temp.seeds, "--store", temp.store, "Хто?"], { env: { ...offline, LLM_MODEL: "nonsense" } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/LLM_MODEL="nonsense" cannot be used: it names no provider\. Valid: "provider:model"/);
    expect(run.stderr).toMatch(/"openai:gpt-4\.1-mini"/);
    expect(run.stderr).toMatch(/leave LLM_MODEL empty/);
    expect(run.stderr).not.toContain("..");
    const unknown = await runCliInProcess("ask", ["--seeds", temp.seeds, "--store", temp.store, "Хто?"], { env: { ...offline, LLM_MODEL: "foo:bar" } });
    expect(unknown.stderr).toMatch(/"foo" is not a provider LangChain knows/);
  });
});

describe("help", () => {
  it("npm start -- --help and npm run bench -- -h print their usage", async () => {
    const start = await runCliInProcess("start", ["--help"], { env: {} });
    expect(start).toMatchObject({ code: 0, stderr: "" });
    expect(start.stdout).toMatch(/^Usage: npm start/);
    expect(start.stdout).toMatch(/TELEGRAM_BOT_TOKEN/);
    const bench = await runCliInProcess("bench", ["-h"]);
    expect(bench.code).toBe(0);
    expect(bench.stdout).toMatch(/^Usage: npm run bench/);
    expect(bench.stdout).toMatch(/default 1000,10000,100000/);
  });
});

describe("bad paths", () => {
  it("eval names --articles when the folder does not exist", async () => {
    await writeFile(join(temp.root, "q.jsonl"), '{"id":"1","article_id":null,"question":"x?","answers":[]}\n');
    const run = await runCliInProcess("eval", ["--articles", "/nope", "--questions", join(temp.root, "q.jsonl")], { env: offline });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^--articles "\/nope" is not a folder/);
    expect(run.stderr).not.toMatch(/--seeds/);
  });

  it("--store pointing at a file says to point it at a folder (before embedding anything)", async () => {
    const file = join(temp.root, "a-file");
    await writeFile(file, "x");
    for (const name of ["ask", "ingest"] as const) {
      const args = name === "ask" ? ["--seeds", temp.seeds, "--store", file, "Хто?"] : ["--seeds", temp.seeds, "--store", file];
      const run = await runCliInProcess(name, args, { env: offline });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/The index folder ".*a-file" cannot be created: .* is a file\. Point --store \(or VECTORSTORE_DIR\) at a folder/);
      expect(run.stderr).not.toMatch(/EEXIST|ENOTDIR|Unexpected/);
    }
  });

  it("a failing --json run still ends with one JSON line", async () => {
    const run = await runCliInProcess("ask", ["--seeds", join(temp.root, "none"), "--store", temp.store, "--json", "Хто?"], { env: offline });
    expect(run.code).toBe(2); // a missing seeds folder is bad input, as every missing path named by the user
    expect(JSON.parse(lastLine(run.stdout))).toEqual({ error: expect.stringMatching(/Seeds folder .*none/) });
  });

  it("a missing --seeds folder says to point --seeds (or SEEDS_DIR) at one", async () => {
    for (const name of ["ask", "ingest"] as const) {
      const args = ["--seeds", join(temp.root, "none"), "--store", temp.store, ...(name === "ask" ? ["Хто?"] : [])];
      const run = await runCliInProcess(name, args, { env: offline });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/Seeds folder ".*none" does not exist or is not a folder; create it or point --seeds \(or SEEDS_DIR\) at one\./);
    }
  });
});

describe("an unreachable embeddings server", () => {
  it("is reported with what to check, not as the client's bare 'Connection error.'", async () => {
    const failing = { embedDocuments: () => Promise.reject(new Error("Connection error.")), embedQuery: () => Promise.reject(new Error("Connection error.")) };
    const embedder = explainEmbedderErrors({ id: "openai:m", embeddings: failing }, { baseUrl: "http://127.0.0.1:9/v1", model: "m", apiKey: null });
    const error = await embedder.embeddings.embedQuery("x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as Error).message).toMatch(/^The embeddings server at http:\/\/127\.0\.0\.1:9\/v1 \(model "m"\) failed: Connection error\. Check that it is running/);
    expect((error as Error).message).toMatch(/EMBEDDINGS_PROVIDER=local/);
    await expect(embedder.embeddings.embedDocuments(["x"])).rejects.toThrow(/OPENAI_BASE_URL/);
  });

  it("ingest's error line says what the network said (after its retries: a few seconds)", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const env = { ...offline, EMBEDDINGS_PROVIDER: "openai", OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` };
    const run = await runCliInProcess("ingest", ["--seeds", temp.seeds, "--store", join(temp.root, "store-refused")], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`failed: Connection error: connect ECONNREFUSED 127.0.0.1:${port}. Check that it is running`);
  }, 30_000);
});

describe("secrets in error messages", () => {
  const KEY = "sk-SECRETKEY123456";
  const TOKEN = "123456:SHORTTOKEN";

  it("an embeddings server echoing the refused API key: the key is in neither the error line nor the --json line", async () => {
    // A tiny OpenAI-style server refusing the key as some do, quoting it back (401 is not retried).
    const server = createServer((req, res) => {
      const key = (req.headers.authorization ?? "").replace(/^Bearer /, "");
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `Invalid API key: ${key}`, type: "invalid_request_error", code: "invalid_api_key" } }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    try {
      const env = { ...offline, EMBEDDINGS_PROVIDER: "openai", OPENAI_API_KEY: KEY, OPENAI_BASE_URL: baseUrl };
      const run = await runCliInProcess("ingest", ["--seeds", temp.seeds, "--store", join(temp.root, "store-401"), "--json"], { env });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/failed: 401 Invalid API key: \[redacted\]\. Check/);
      expect(JSON.parse(lastLine(run.stdout)).error).toMatch(/Invalid API key: \[redacted\]/);
      expect(run.stderr + run.stdout).not.toContain(KEY);
    } finally {
      server.close();
    }
  });

  it("the embedder's error quotes the server without the key (it may go on to an admin's chat)", async () => {
    const failing = { embedDocuments: () => Promise.reject(new Error(`401 Invalid API key: ${KEY}`)), embedQuery: () => Promise.reject(new Error("x")) };
    const embedder = explainEmbedderErrors({ id: "openai:m", embeddings: failing }, { baseUrl: null, model: "m", apiKey: KEY });
    await expect(embedder.embeddings.embedDocuments(["x"])).rejects.toThrow(/failed: 401 Invalid API key: \[redacted\]\. Check/);
  });

  it("the final error line and the --json line blank out TELEGRAM_BOT_TOKEN and OPENAI_API_KEY, as the logger does", async () => {
    const env = { TELEGRAM_BOT_TOKEN: ` ${TOKEN} `, OPENAI_API_KEY: KEY };
    const fail = (error: unknown) => async () => {
      throw error;
    };
    const messages = [
      new AppError(`Could not reach the Telegram Bot API at http://127.0.0.1:1: Call to 'getMe' failed! (400: /bot${TOKEN}/getMe).`),
      new Error(`401 ${KEY}`),
      new UsageError(`--x ${KEY}`),
    ];
    for (const error of messages) {
      let stdout = "";
      let stderr = "";
      const io = { env: { ...env, DEBUG: "1" }, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
      await runCommand(fail(error), "usage", ["--json"], io);
      expect(stderr).toContain("[redacted]");
      expect(lastLine(stdout)).toContain("[redacted]");
      expect(stderr + stdout).not.toMatch(/SHORTTOKEN|SECRETKEY/);
    }
  });
});

describe("human output", () => {
  it("log lines among a command's output are human lines, not JSON", async () => {
    const fresh = join(temp.root, "store-log");
    const run = await runCliInProcess("ingest", ["--seeds", temp.seeds, "--store", fresh], { env: { ...offline, LOG_LEVEL: "info" } });
    expect(run.code).toBe(0);
    const lines = run.stderr.trim().split("\n");
    expect(lines.some((line) => line.startsWith("info: index built"))).toBe(true);
    for (const line of lines) expect(line.startsWith("{")).toBe(false);
  });

  it("a second ingest with nothing new writes no version folder", async () => {
    const fresh = join(temp.root, "store-noop");
    await runCliInProcess("ingest", ["--seeds", temp.seeds, "--store", fresh], { env: offline });
    const before = await readdir(fresh);
    const again = await runCliInProcess("ingest", ["--seeds", temp.seeds, "--store", fresh], { env: offline });
    expect(again.stdout).toMatch(/^Index is up to date/);
    expect(await readdir(fresh)).toEqual(before);
  });

  it("counts read as English: 1 article, 2 chunks", () => {
    const summary = { articles: 1, chunks: 2, added: 1, changed: 0, removed: 0, unchanged: 0, skipped: [], warnings: [], embedder: "e", embedded: 1, version: "v", upToDate: false, ms: 5 };
    expect(formatSummary(summary)).toMatch(/^Indexed 1 article in 2 chunks; embedded 1 new chunk\./);
    expect(formatSummary({ ...summary, added: 0, embedded: 0, chunks: 1, upToDate: true })).toMatch(/^Index is up to date: .*\(1 article, 1 chunk\)/);
    // --force, or a serving version that could not be loaded: a new version with the same articles.
    expect(formatSummary({ ...summary, added: 0, embedded: 0, chunks: 1 })).toMatch(/^Rebuilt the index: no article changed, 0 chunks embedded \(1 article, 1 chunk\)/);
  });

  it("shows no progress bar for single-step phases, only for embedding", async () => {
    const stream = new PassThrough();
    let written = "";
    stream.on("data", (d: Buffer) => (written += d));
    const bar = progressBar(stream);
    bar.update({ phase: "load", done: 0, total: 1 });
    bar.update({ phase: "load", done: 1, total: 1 });
    bar.update({ phase: "embed", done: 0, total: 0 });
    bar.update({ phase: "write", done: 0, total: 1 });
    expect(written).toBe("");
    bar.update({ phase: "embed", done: 1, total: 3 });
    bar.stop();
    expect(written).toMatch(/embedding \[.*\] 1\/3 chunks/);
    expect(written).not.toMatch(/reading|writing|0\/1/);
    expect(messages.reindexProgress("en", { phase: "load", done: 0, total: 1 })).toBe("Re-indexing: reading articles…");
    expect(messages.reindexProgress("en", { phase: "embed", done: 2, total: 4 })).toBe("Re-indexing: embedding 2/4 50%");
  });
});
