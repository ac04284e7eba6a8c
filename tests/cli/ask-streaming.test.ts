// `npm run ask` in a terminal with an LLM (the real OpenAI client against a local stub): the answer
// is printed as the model writes it, and what stays on screen is exactly what a pipe gets.
import { rm } from "node:fs/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeTerminal } from "../helpers/fake-terminal.js";
import { type OpenAiStub, type StubChatReply, type StubChatRequest, startOpenAiStub } from "../helpers/openai-stub.js";
import { OFFLINE_ENV, runCliInProcess } from "../helpers/run-cli.js";
import { makeTempSeeds } from "../helpers/temp-seeds.js";

const QUESTION = "Хто такий Серджіо Гор?";
const REPLY = ["Серджіо Гор ", "– спеціальний посланець ", "США з питань ", "Південної та Центральної Азії [", "1]."];

let root: string;
let seeds: string;
let store: string;
let stub: OpenAiStub;
/** How the model answers the current test. */
let model: (body: StubChatRequest) => StubChatReply;

beforeAll(async () => {
  ({ root, seeds, store } = await makeTempSeeds());
  stub = await startOpenAiStub({ chat: (body) => model(body) });
  // Built once, offline: the runs below print no "Indexing…" notice.
  expect((await runCliInProcess("ask", ["--seeds", seeds, "--store", store, QUESTION])).code).toBe(0);
}, 60_000);
afterEach(() => {
  stub.requests.length = 0;
});
afterAll(async () => {
  await stub.close();
  await rm(root, { recursive: true, force: true });
});

/** Asks with the LLM answered by `chat`; on `terminal` when given, else into a pipe. */
async function ask(chat: (body: StubChatRequest) => StubChatReply, terminal?: FakeTerminal, ...flags: string[]) {
  model = chat;
  const env = { ...process.env, ...OFFLINE_ENV, LLM_MODEL: "openai:gpt-4.1-mini", OPENAI_BASE_URL: stub.baseUrl, TERM: "xterm-256color" };
  return runCliInProcess("ask", ["--seeds", seeds, "--store", store, ...flags, QUESTION], { env, ...(terminal ? { terminal } : {}) });
}

describe("npm run ask in a terminal, with an LLM", () => {
  it("prints the answer as the model writes it, then the sources: byte for byte what a pipe gets", async () => {
    const piped = await ask(() => REPLY.join(""));
    expect(piped.code).toBe(0);
    expect(piped.stdout).toMatch(/^Серджіо Гор – спеціальний посланець США з питань Південної та Центральної Азії \[1\]\.\n\nДжерела:\n\[1\] /);

    const terminal = new FakeTerminal(80, 24);
    const run = await ask((body) => (body.stream ? { pieces: REPLY, pieceDelayMs: 100 } : REPLY.join("")), terminal);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    // Written in pieces, the first before the model had finished.
    expect(terminal.written.length).toBeGreaterThan(2);
    expect(terminal.written[0]).toMatch(/^Серджіо Гор/);
    expect(terminal.written[0]).not.toContain("Азії");
    expect(terminal.written.some((w) => w.endsWith("["))).toBe(false); // never a half-written marker
    // The final answer began with what was shown: only the rest was written, nothing erased.
    expect(run.stdout).toBe(piped.stdout);
    expect(terminal.text()).toBe(piped.stdout);
  }, 60_000);

  it("the model's stream breaks midway: what it wrote is erased; the warning, then the extractive answer stay", async () => {
    // A model failing every time: streamed, it drops the connection after two pieces.
    const failing = (body: StubChatRequest): StubChatReply =>
      body.stream ? { pieces: ["Серджіо Гор був ", "послом у Франції ", "[1]."], pieceDelayMs: 200, breakAfterPieces: 2 } : { status: 500 };
    const piped = await ask(failing);
    expect(piped.stderr).toMatch(/^warning: LLM answer unusable; falling back to the extractive answer/);
    expect(piped.stdout).not.toContain("Франції");

    const terminal = new FakeTerminal(20, 24); // the half-written answer takes two rows
    const run = await ask(failing, terminal);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("послом у Франції"); // shown while it was written…
    expect(terminal.text()).toBe(run.stderr + piped.stdout); // …and gone: the screen is the warning and the answer
    expect(run.stderr).toMatch(/^warning: LLM answer unusable; falling back to the extractive answer[^\n]*\n$/);
  }, 60_000);

  it("--json in a terminal: one line, written at once, and the model is not asked to stream", async () => {
    const terminal = new FakeTerminal(80, 24);
    const run = await ask(() => REPLY.join(""), terminal, "--json");
    expect(run.code).toBe(0);
    expect(terminal.written).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ mode: "llm", answer: REPLY.join("") });
    expect(stub.requests.map((r) => (r.body as StubChatRequest).stream ?? false)).toEqual([false]);
  }, 60_000);
});

describe("npm run ask in a terminal, extractive (no LLM)", () => {
  it("prints the answer in one piece, as into a pipe", async () => {
    const args = ["--seeds", seeds, "--store", store, QUESTION];
    const env = { ...process.env, ...OFFLINE_ENV, TERM: "xterm-256color" };
    const piped = await runCliInProcess("ask", args, { env });
    const terminal = new FakeTerminal(80, 24);
    const run = await runCliInProcess("ask", args, { env, terminal });
    expect(run.code).toBe(0);
    expect(terminal.written).toEqual([piped.stdout]);
  }, 60_000);
});
