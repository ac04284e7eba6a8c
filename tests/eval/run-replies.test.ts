import { describe, expect, it } from "vitest";
import type { AskOptions } from "../../src/knowledge-base/knowledge-base.js";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import type { EvalQuestion } from "../../src/eval/eval-questions.js";
import { runReplies } from "../../src/eval/run-replies.js";

const q = (id: string, articleId: string | null, answers: string[]): EvalQuestion => ({ id, articleId, question: `question ${id}?`, answers });

describe("runReplies", () => {
  it("asks each answerable question but its article's first three ways, and scores each way", async () => {
    const seen: { question: string; history: string[] }[] = [];
    // Right alone, wrong after a question of its own article, not found after another article's.
    const kb = {
      ask: async (question: string, options: AskOptions = {}) => {
        const history = (options.history ?? []).map((t) => t.question);
        seen.push({ question, history });
        const fromA = history.some((h) => h.includes("a"));
        const sameArticle = history.length > 0 && fromA === question.includes("a");
        const notFound = history.length > 0 && !sameArticle;
        return { answer: history.length === 0 ? "the gold answer [1]" : "something else [1]", notFound, ...(sameArticle ? { unsure: true } : {}) };
      },
    } as unknown as LocalKnowledgeBase;
    const questions = [q("a1", "A", ["gold"]), q("a2", "A", ["gold"]), q("a3", "A", ["gold"]), q("b1", "B", ["gold"]), q("b2", "B", ["gold"]), q("x", null, [])];
    const { asked, metrics } = await runReplies(kb, questions, { k: 5 });
    expect(asked).toBe(3); // a2, a3, b2: first questions and the unanswerable one are only context
    expect(metrics.alone).toEqual({ answerContained: 1, notFound: 0, cautionedRight: 0, cautionedWrong: 0 });
    expect(metrics.sameArticle).toEqual({ answerContained: 0, notFound: 0, cautionedRight: 0, cautionedWrong: 1 });
    expect(metrics.otherArticle).toEqual({ answerContained: 0, notFound: 1, cautionedRight: 0, cautionedWrong: 0 });
    // a2 after a1 (same article); b2 after a question of A (another article).
    expect(seen).toContainEqual({ question: "question a2?", history: ["question a1?"] });
    expect(seen).toContainEqual({ question: "question b2?", history: ["question a2?"] });
  });

  it("asks the 'another article' way after another article's question whatever the number of articles (7 made it the same one)", async () => {
    const seen: { question: string; history: string[] }[] = [];
    const kb = {
      ask: async (question: string, options: AskOptions = {}) => {
        seen.push({ question, history: (options.history ?? []).map((t) => t.question) });
        return { answer: "the gold answer [1]", notFound: false };
      },
    } as unknown as LocalKnowledgeBase;
    const articles = ["A", "B", "C", "D", "E", "F", "G"];
    const questions = articles.flatMap((a) => [q(`${a}1`, a, ["gold"]), q(`${a}2`, a, ["gold"])]);
    await runReplies(kb, questions, { k: 5 });
    // Each second question asked after its own article's first, and after another article's.
    for (const a of articles) {
      const histories = seen.filter((s) => s.question === `question ${a}2?` && s.history.length > 0).map((s) => s.history[0]);
      expect(histories).toHaveLength(2);
      expect(histories.filter((h) => h?.startsWith(`question ${a}`)), a).toHaveLength(1);
    }
  });
});
