import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";

/**
 * A fixed, deterministic question set: the eval sets' questions, alternating between sets
 * (so uk and en are both represented), first `limit` of them.
 */
export async function loadBenchQuestions(evalDir: string, limit: number): Promise<string[]> {
  const sets = (await readdir(evalDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const perSet: string[][] = [];
  for (const set of sets) {
    const raw = await readFile(join(evalDir, set, "questions.jsonl"), "utf8").catch(() => "");
    perSet.push(
      raw
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => String((JSON.parse(line) as { question: unknown }).question)),
    );
  }
  const questions: string[] = [];
  for (let i = 0; questions.length < limit && perSet.some((qs) => i < qs.length); i++) {
    for (const qs of perSet) {
      const q = qs[i];
      if (q !== undefined && questions.length < limit) questions.push(q);
    }
  }
  if (questions.length === 0) throw new Error(`No questions found under ${evalDir}/*/questions.jsonl.`);
  return questions;
}
