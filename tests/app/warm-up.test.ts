// The bot asks its knowledge base twice right after the index opens, so the first person's question
// does not pay for compiling the time rules' regular expressions (warm-up.ts); nobody sees it.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startBot } from "../../src/app/start-bot.js";
import { warmUp } from "../../src/app/warm-up.js";
import { loadConfig } from "../../src/config/config.js";
import type { Answer } from "../../src/knowledge-base/knowledge-base.js";
import { parseTimeSpan } from "../../src/time/time-span.js";
import { type BotApiMock, startBotApiMock } from "../helpers/bot-api-mock.js";
import { OFFLINE_ENV } from "../helpers/run-cli.js";
import { useTempSeeds } from "../helpers/temp-seeds.js";

const temp = useTempSeeds();
let api: BotApiMock;
const token = "123456:WARM-UP";
beforeAll(async () => {
  api = await startBotApiMock({ token });
});
afterAll(async () => {
  await api?.close();
});

describe("warm-up at start", () => {
  it("asks once at start, sends nothing and journals nothing; the first person's question is the journal's first", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(line) });
    const stateDir = join(temp.root, "state");
    const config = loadConfig({ ...OFFLINE_ENV, TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: api.apiRoot, SEEDS_DIR: temp.seeds, VECTORSTORE_DIR: temp.store, STATE_DIR: stateDir });
    const stop = await startBot({ ...config, telegramBotToken: token }, logger);
    try {
      await vi.waitFor(() => expect(lines.filter((l) => l.includes("question path warmed up"))).toHaveLength(1), { timeout: 10_000 });
      expect(api.sentMessages()).toEqual([]);
      api.pushText(4242, "Що було 31 лютого?");
      await vi.waitFor(() => expect(api.sentMessages(4242)).toHaveLength(1), { timeout: 10_000 });
      const journal = await readFile(join(stateDir, "updates", "updates.jsonl"), "utf8");
      // Only the person's update: the warm-up's questions went to the knowledge base, not through the bot.
      expect(journal.match(/31 лютого/g)).toHaveLength(1);
      expect(lines.filter((l) => l.includes("question path warmed up"))).toHaveLength(1);
      expect(lines.filter((l) => l.includes("31 лютого") || l.includes("February 31"))).toEqual([]);
    } finally {
      await stop();
    }
  }, 60_000);
});

describe("warmUp", () => {
  // V8 compiles a regular expression apart for a string of Latin-1 characters only (an English
  // question) and for any other (a Cyrillic one): warmed with Ukrainian alone, the first English
  // question still paid ~50 ms for the time rules.
  const latin1 = (text: string) => [...text].every((c) => c.charCodeAt(0) <= 0xff);

  it("asks a Latin-1 question as well as a Cyrillic one, each a day that does not exist (answered before the embedder and the answerer)", async () => {
    const asked: string[] = [];
    const ask = async (question: string) => {
      asked.push(question);
      return {} as Answer;
    };
    await warmUp({ ask }, pino({ level: "silent" }));
    expect(asked.some(latin1)).toBe(true);
    expect(asked.some((q) => !latin1(q))).toBe(true);
    for (const question of asked) expect(parseTimeSpan(question, new Date("2026-02-05T10:00:00Z")).noSuchDay).not.toBeNull();
  });
});
