// A questions file with a line eval cannot use fails before anything is indexed, naming file:line.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/run-cli.js";

let root: string;
const line = (q: object) => JSON.stringify(q);
const ok = { id: "q1", article_id: "snow", question: "Що сталося у Львові?", answers: ["сніг"] };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "eval-questions-file-"));
  await mkdir(join(root, "articles"));
  await writeFile(join(root, "articles", "snow.txt"), "У Львові випав рекордний сніг. Місто розчищає вулиці.");
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function evalWith(name: string, lines: string[]) {
  const file = join(root, name);
  await writeFile(file, `${lines.join("\n")}\n`);
  const store = join(root, `store-${name}`);
  const run = await runCliInProcess("eval", ["--articles", join(root, "articles"), "--questions", file, "--store", store]);
  return { ...run, file, store };
}

describe("npm run eval: a questions file it cannot use", () => {
  it("a question longer than ask accepts is named by file:line, not a stack overflow", async () => {
    const run = await evalWith("long.jsonl", [line(ok), line({ ...ok, id: "q2", question: `${"Що ".repeat(400_000)}?` })]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${run.file}:2`);
    expect(run.stderr).not.toMatch(/Unexpected error|call stack/);
    expect(existsSync(run.store)).toBe(false);
  });

  it("a repeated id is named by file:line with the line it repeats, not counted twice", async () => {
    const run = await evalWith("dup.jsonl", [line(ok), line({ ...ok, question: "Що розчищає місто?" })]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${run.file}:2`);
    expect(run.stderr).toMatch(/"q1".*line 1/);
    expect(existsSync(run.store)).toBe(false);
  });

  it("an article_id that names no article file is named by file:line, not scored as a miss", async () => {
    const run = await evalWith("noart.jsonl", [line(ok), line({ ...ok, id: "q2", article_id: "snwo" })]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${run.file}:2`);
    expect(run.stderr).toContain('"snwo"');
    expect(existsSync(run.store)).toBe(false);
  });
});
