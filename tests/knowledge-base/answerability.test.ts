// How the reader's answerability shapes an answer: below the threshold (the articles' script's,
// or the caller's notFoundThreshold) it is "not found"; answered but under even odds, the quote
// goes out with a caution ("confident and wrong" is what the issue asks the bot to stop being).
// Only extractive answers get the caution: an LLM judges the passages itself.
import { describe, expect, it } from "vitest";
import { createApp, createConfiguredEmbedder, createConfiguredStore } from "../../src/app/create-app.js";
import { silentLogger } from "../../src/shared/logger.js";
import { useTempSeeds } from "../helpers/temp-seeds.js";
import type { Answerer } from "../../src/answers/answer.js";
import { createExtractiveAnswerer } from "../../src/answers/extractive-answerer.js";
import { createLlmAnswerer } from "../../src/answers/llm-answerer.js";
import { openKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { QUESTION_FEATURES, SENTENCE_FEATURES } from "../../src/reader/features.js";
import { createReader } from "../../src/reader/reader.js";
import { answerText } from "../../src/texts/answer-texts.js";

const temp = useTempSeeds();

describe("notFoundThreshold", () => {
  const uncovered = "Хто виграв чемпіонат світу з футболу?";
  const covered = "Хто такий Серджіо Гор?";

  it("unset, the trained threshold refuses what the articles do not cover", async () => {
    const kb = await createApp(temp.config, { logger: silentLogger });
    expect((await kb.ask(uncovered)).notFound).toBe(true);
    expect((await kb.ask(covered)).notFound).toBe(false);
  });

  it("0 never refuses, 1 always does, whatever the script's threshold", async () => {
    const never = await createApp(temp.config, { logger: silentLogger, notFoundThreshold: 0 });
    expect((await never.ask(uncovered)).notFound).toBe(false);
    const always = await createApp(temp.config, { logger: silentLogger, notFoundThreshold: 1 });
    expect((await always.ask(covered)).notFound).toBe(true);
  });
});

/** A reader whose answerability is `p` for every question, against the threshold 0.3. */
function readerAt(p: number) {
  const z = Math.log(p / (1 - p));
  const script = { sentence: { features: [...SENTENCE_FEATURES], base: 0, trees: [] }, answerability: { features: [...QUESTION_FEATURES], base: z, trees: [] }, threshold: 0.3 };
  return createReader({ cyrillic: script, latin: script });
}

async function ask(p: number, answerer: Answerer = createExtractiveAnswerer()) {
  const kb = await openKnowledgeBase({
    seedsDir: temp.config.seedsDir,
    maxArticleBytes: temp.config.maxArticleBytes,
    store: createConfiguredStore(temp.config, silentLogger),
    embedder: await createConfiguredEmbedder(temp.config),
    answerer,
    logger: silentLogger,
    reader: readerAt(p),
  });
  return kb.ask("Хто такий Серджіо Гор?");
}

describe("a quote the reader doubts", () => {
  it("is answered, marked unsure, and its text starts with the caution (answerability 0.4, threshold 0.3)", async () => {
    const answer = await ask(0.4);
    expect(answer.notFound).toBe(false);
    expect(answer.unsure).toBe(true);
    expect(answerText(answer)).toBe(`Прямої відповіді в статтях може не бути. Найближче, що в них є:\n${answer.answer}`);
  });

  it("is not marked when the reader finds an answer likely (0.7)", async () => {
    const answer = await ask(0.7);
    expect(answer.notFound).toBe(false);
    expect(answer.unsure).toBeUndefined();
    expect(answerText(answer)).toBe(answer.answer);
  });

  it("is not marked when an LLM wrote the answer: the model judged the passages itself", async () => {
    const llm: Answerer = { mode: "llm", answer: async () => ({ mode: "llm", text: "Серджіо Гор – посол США [1].", citations: [] }) };
    const answer = await ask(0.4, llm);
    expect(answer.mode).toBe("llm");
    expect(answer.unsure).toBeUndefined();
  });
});

describe("an LLM that fails", () => {
  // A chat model whose provider is down: the LLM answerer falls back to quoting.
  const failing = createLlmAnswerer({
    model: {
      invoke: async () => {
        throw new Error("503 Service Unavailable");
      },
    },
    timeoutMs: 1_000,
    fallback: createExtractiveAnswerer(),
    logger: silentLogger,
  });
  const withoutMs = ({ ms: _ms, ...answer }: Awaited<ReturnType<typeof ask>>) => answer;

  it.each([
    ["borderline: asked of an LLM, not answered by quotes (answerability 0.2, threshold 0.3)", 0.2, true],
    ["above the threshold", 0.4, false],
  ])("gives exactly the extractive answer, %s", async (_case, p, notFound) => {
    const extractive = await ask(p);
    expect(extractive.notFound).toBe(notFound);
    expect(withoutMs(await ask(p, failing))).toEqual(withoutMs(extractive));
  });
});
