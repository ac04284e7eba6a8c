// Counted messages read as English: "Evaluating 1 question", not "1 questions".
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatTable } from "../../src/cli/eval.js";
import { runCliInProcess } from "../helpers/run-cli.js";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "counts-"));
  await mkdir(join(root, "articles"));
  await writeFile(join(root, "articles", "snow.txt"), "У Львові випав рекордний сніг. Місто розчищає вулиці.");
  await writeFile(join(root, "one.jsonl"), `${JSON.stringify({ id: "q1", article_id: "snow", question: "Що випало у Львові?", answers: ["сніг"] })}\n`);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("npm run eval with one question", () => {
  it("says 1 question while it runs and in its table", async () => {
    const run = await runCliInProcess("eval", ["--articles", join(root, "articles"), "--questions", join(root, "one.jsonl"), "--store", join(root, "store")]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^Evaluating 1 question \(hybrid, k=5\)…$/m);
    expect(run.stdout).toMatch(/^1 question, retriever hybrid$/m);
    expect(formatTable(2, "bm25", {} as never)).toMatch(/^2 questions, retriever bm25\n/);
  });
});
