import { describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readEvalQuestions, type EvalQuestion } from "../../src/eval/eval-questions.js";
import { questionTopics } from "../../src/eval/question-topics.js";

// The dev sets' shapes (../shared/eval/README.md), with made-up questions.
const q = (id: string, articleId: string | null, extra: Partial<EvalQuestion> = {}): EvalQuestion => ({ id, articleId, question: "?", answers: [], ...extra });
const short = q("en_squad2-001-q1", "en_squad2-001");
const long = q("en_squad2-001-q1", "en-squad2-long-006", { title: "Huguenot", passageId: "en_squad2-001" });
const unanswerable = q("u1", null, { title: "Huguenot", passageId: "en_squad2-002" });
const ukShort = q("uk_squad-161-q1", "uk_squad-161");
const xling = q("xling-dev-56e1", "uk_squad-161", { title: "Computational_complexity_theory" });

describe("questionTopics", () => {
  const topicOf = questionTopics([short, long, unanswerable, ukShort, xling]);

  it("puts a short set's question in the topic of its copy in a long set", () => {
    expect(topicOf(short)).toBe("Huguenot");
    expect(topicOf(long)).toBe("Huguenot");
    expect(topicOf(q("en_squad2-002-q3", "en_squad2-002"))).toBe("Huguenot");
  });

  it("puts a short set's question in the topic of a cross-language question about its article", () => {
    expect(topicOf(ukShort)).toBe(topicOf(xling));
  });

  it("falls back to the article, then to the question", () => {
    expect(topicOf(q("en_squad2-300-q1", "en_squad2-300"))).toBe("en_squad2-300");
    expect(topicOf(q("lonely", null))).toBe("lonely");
  });
});

describe("readEvalQuestions", () => {
  it("keeps the title and passage_id a long set's line gives", async () => {
    const dir = await mkdtemp(join(tmpdir(), "eval-questions-"));
    try {
      const file = join(dir, "questions.jsonl");
      await writeFile(file, `${JSON.stringify({ id: "a-q1", article_id: "long-1", question: "Who?", answers: ["X"], title: "T", passage_id: "short-1" })}\n`);
      expect(await readEvalQuestions(file)).toEqual([{ id: "a-q1", articleId: "long-1", question: "Who?", answers: ["X"], title: "T", passageId: "short-1" }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
