// `--k 3 --k 5` used to run with k=5 without a word: a flag given twice is a usage error (exit 2).
import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../src/cli/args.js";
import { UsageError } from "../../src/shared/errors.js";
import { runCliInProcess } from "../helpers/run-cli.js";

describe("a flag given twice", () => {
  it("exits 2 naming the flag, with the usage, before any work", async () => {
    const ask = await runCliInProcess("ask", ["--seeds", "/nonexistent", "--k", "3", "--k", "5", "Хто?"]);
    expect(ask.code).toBe(2);
    expect(ask.stderr).toMatch(/^--k is given more than once; give it once\.\n\nUsage: npm run ask/);
    const bench = await runCliInProcess("bench", ["--eval", "/nonexistent", "--json", "--json"]);
    expect(bench.code).toBe(2);
    expect(bench.stderr).toMatch(/^--json is given more than once/);
    const train = await runCliInProcess("train", ["--eval-dir", "/nonexistent", "--eval-dir=/other"]);
    expect(train.code).toBe(2);
    expect(train.stderr).toMatch(/^--eval-dir is given more than once/);
  });

  it("is refused in every spelling; a flag meant to repeat still may", () => {
    const options = { k: { type: "string" }, help: { type: "boolean", short: "h" }, questions: { type: "string", multiple: true } } as const;
    expect(() => parseCliArgs(["--k=3", "--k", "5"], options)).toThrow(UsageError);
    expect(() => parseCliArgs(["-h", "--help"], options)).toThrow(/--help is given more than once/);
    expect(parseCliArgs(["--questions", "a", "--questions", "b", "--k", "1"], options).values).toEqual({ questions: ["a", "b"], k: "1" });
  });
});
