// Fixture: three passages and questions from UA-SQuAD (FIdo-AI, a Ukrainian derivative of SQuAD 2.0,
// Rajpurkar et al.), and one SQuAD 2.0 dev question, CC BY-SA 4.0; see ../shared/eval/README.md.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastLine, runCli, runCliInProcess } from "../helpers/run-cli.js";
import { computeMetrics, containsAnswer, type EvalOutcome } from "../../src/eval/metrics.js";
import { percentile } from "../../src/shared/percentile.js";

const ARTICLES: Record<string, string> = {
  "uk_squad-039":
    "Його округи Лос-Анджелес, Орандж, Сан-Дієго, Сан-Бернардіно та Ріверсайд є п'ятьма найнаселенішими в штаті і всі входять до п'ятнадцятки найнаселеніших округів у Сполучених Штатах.",
  "uk_squad-168":
    'У 1900 році газета Los Angeles Times визначила південну Каліфорнію як "сім округів Лос-Анджелес, Сан-Бернардіно, Орандж, Ріверсайд, Сан-Дієго, Вентура та Санта-Барбара." У 1999 році Times додав новий округ - Імперіал до цього списку.',
  "uk_squad-089":
    "Багато місцевих жителів і туристи часто відвідують південне узбережжя Каліфорнії заради його популярних пляжів, а пустельне місто Палм-Спрінгс популярне завдяки відпочинковій атмосфері та недалеким відкритим просторам.",
};
const QUESTIONS = [
  { id: "uk_squad-168-q1", article_id: "uk_squad-168", question: "Яка газета визначила південну Каліфорнію?", answers: ["Los Angeles Times"] },
  { id: "uk_squad-089-q1", article_id: "uk_squad-089", question: "Як називається пустельне місто?", answers: ["Палм-Спрінгс"] },
  {
    id: "uk_squad-039-q1",
    article_id: "uk_squad-039",
    question: "Орандж, Сан-Дієго, Ріверсайд і Сан-Бернардіно становлять чотири з п'яти округів — як називається п'ятий округ?",
    answers: ["Лос-Анджелес"],
  },
  { id: "en_squad2-148-q2-x", article_id: null, question: "Who sold the rights to the Canary Islands?", answers: [] },
];
const METRIC_KEYS = ["hit@1", "hit@5", "hit@10", "mrr@10", "answerInTop5", "answerContained", "refusalAccuracy", "falseNotFoundRate", "unsureRight", "unsureWrong", "p50Ms", "p95Ms"];

let root: string;

const evalCli = (...args: string[]) => runCliInProcess("eval", args);
const evalSpawned = (...args: string[]) => runCli("eval", args);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "eval-test-"));
  await mkdir(join(root, "articles"));
  for (const [id, text] of Object.entries(ARTICLES)) await writeFile(join(root, "articles", `${id}.txt`), text);
  await writeFile(join(root, "questions.jsonl"), QUESTIONS.map((q) => JSON.stringify(q)).join("\n"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("npm run eval", () => {
  const common = () => ["--articles", join(root, "articles"), "--questions", join(root, "questions.jsonl"), "--store", join(root, "store")];

  it("prints {questions, metrics} with every contract metric as the last JSON line", async () => {
    const { code, stdout } = await evalSpawned(...common(), "--json");
    expect(code).toBe(0);
    const out = JSON.parse(lastLine(stdout)) as { questions: number; metrics: Record<string, number | null> };
    expect(out.questions).toBe(4);
    expect(Object.keys(out.metrics).sort()).toEqual([...METRIC_KEYS].sort());
    expect(out.metrics["hit@1"]).toBe(1);
    expect(out.metrics["mrr@10"]).toBe(1);
    expect(out.metrics.answerInTop5).toBe(1);
    expect(out.metrics.refusalAccuracy).toBe(1);
    expect(out.metrics.falseNotFoundRate).toBe(0);
    expect(out.metrics.answerContained).toBeGreaterThanOrEqual(2 / 3);
    expect(typeof out.metrics.p95Ms).toBe("number");
  }, 60_000);

  it("joins repeated --questions files (a set's questions and its refusals)", async () => {
    const { code, stdout } = await evalCli(...common(), "--questions", join(root, "questions.jsonl"), "--json");
    expect(code).toBe(0);
    expect((JSON.parse(lastLine(stdout)) as { questions: number }).questions).toBe(8);
  }, 60_000);

  it("prints a table for people and rejects bad arguments with exit 2", async () => {
    const [table, missing, badMode] = await Promise.all([
      evalCli(...common(), "--retriever", "bm25"),
      evalCli("--articles", join(root, "articles")),
      evalCli(...common(), "--retriever", "magic"),
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/retriever bm25/);
    expect(table.stdout).toMatch(/hit@1\s+1\.000/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--questions/);
    expect(badMode.code).toBe(2);
    expect(badMode.stderr).toMatch(/--retriever must be/);
  }, 60_000);

  it("prints with --replies --json the object --help names for it, {questions, replies}", async () => {
    const [help, replies] = await Promise.all([evalCli("--help"), evalCli(...common(), "--replies", "--json")]);
    expect(replies.code).toBe(0);
    const keys = Object.keys(JSON.parse(lastLine(replies.stdout)) as object);
    expect(keys).toEqual(["questions", "replies"]);
    expect(help.stdout).toContain(`{${keys.join(", ")}}`);
  }, 60_000);
});

describe("eval metrics", () => {
  const outcome = (o: Partial<EvalOutcome>): EvalOutcome => ({
    goldArticle: "a",
    answers: ["Київ"],
    rankedArticles: [],
    passageTexts: [],
    answer: "",
    notFound: false,
    ms: 10,
    ...o,
  });

  it("counts hits, reciprocal ranks, answers and refusals", () => {
    const m = computeMetrics([
      outcome({ rankedArticles: ["a", "b"], passageTexts: ["столиця — КИЇВ"], answer: "Київ [1]", ms: 10 }),
      outcome({ rankedArticles: ["b", "c", "a"], passageTexts: ["ні"], answer: "ні", ms: 30 }),
      outcome({ rankedArticles: ["b"], notFound: true, answer: "Київ", ms: 20 }),
      outcome({ goldArticle: null, answers: [], notFound: true, ms: 40 }),
      outcome({ goldArticle: null, answers: [], notFound: false, ms: 50 }),
    ]);
    expect(m["hit@1"]).toBeCloseTo(1 / 3);
    expect(m["hit@5"]).toBeCloseTo(2 / 3);
    expect(m["mrr@10"]).toBeCloseTo((1 + 1 / 3) / 3);
    expect(m.answerInTop5).toBeCloseTo(1 / 3);
    expect(m.answerContained).toBeCloseTo(1 / 3); // a not-found answer never counts
    expect(m.refusalAccuracy).toBe(0.5);
    expect(m.falseNotFoundRate).toBeCloseTo(1 / 3);
    expect(m.p50Ms).toBe(30);
    expect(m.p95Ms).toBe(50);
  });

  it("counts the cautioned share of right and of wrong answers, refusals aside", () => {
    const m = computeMetrics([
      outcome({ answer: "Київ [1]", unsure: true }),
      outcome({ answer: "Київ [1]" }),
      outcome({ answer: "Львів [1]", unsure: true }), // wrong quote to an answerable question
      outcome({ goldArticle: null, answers: [], answer: "Львів [1]" }), // answered what no article answers
      outcome({ goldArticle: null, answers: [], notFound: true, unsure: true }), // a refusal is neither
    ]);
    expect(m.unsureRight).toBe(0.5);
    expect(m.unsureWrong).toBe(0.5);
    expect(computeMetrics([outcome({ notFound: true })]).unsureRight).toBeNull();
  });

  it("reports null where no question applies", () => {
    const m = computeMetrics([outcome({ rankedArticles: ["a"] })]);
    expect(m.refusalAccuracy).toBeNull();
    expect(computeMetrics([])["hit@1"]).toBeNull();
  });

  it("matches answers case-insensitively and across whitespace", () => {
    expect(containsAnswer("The  WARS of\nreligion began", ["wars of religion"])).toBe(true);
    expect(containsAnswer("nothing here", ["wars", ""])).toBe(false);
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile([], 95)).toBeNull();
  });
});
