// A flag missing its value, a value given to a flag that takes none, a stray argument: each
// printed Node's own parseArgs text ("Option '-k, --k <value>' argument missing", three lines
// for a value starting with a dash, "positional arguments"): our own one line now, then the usage.
import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../src/cli/args.js";
import { runCliInProcess } from "../helpers/run-cli.js";

const OPTIONS = { k: { type: "string", short: "k" }, json: { type: "boolean" } } as const;

describe("a flag without its value, a value for a flag that takes none, a stray argument", () => {
  it("each exits 2 with one line of ours, then the usage", async () => {
    const ask = await runCliInProcess("ask", ["--seeds", "/nonexistent", "--k"]);
    expect(ask.code).toBe(2);
    expect(ask.stderr).toMatch(/^--k needs a value\.\n\nUsage: npm run ask/);
    const ingest = await runCliInProcess("ingest", ["stray"]);
    expect(ingest.code).toBe(2);
    expect(ingest.stderr).toMatch(/^Unexpected argument "stray": this command takes only the flags below\.\n\nUsage: npm run ingest/);
  });

  it("names the flag as it was given", () => {
    expect(() => parseCliArgs(["--k"], OPTIONS)).toThrow(/^--k needs a value\.$/);
    expect(() => parseCliArgs(["-k"], OPTIONS)).toThrow(/^-k needs a value\.$/);
    expect(() => parseCliArgs(["--json=1"], OPTIONS)).toThrow(/^--json takes no value \(given "1"\)\.$/);
    expect(() => parseCliArgs(["--k", "3", "extra"], OPTIONS)).toThrow(/^Unexpected argument "extra": this command takes only the flags below\.$/);
  });

  it("refuses an empty value (`--store \"$DIR\"` with DIR unset) with exit 2, naming the flag, before any work", async () => {
    expect(() => parseCliArgs(["--k", ""], OPTIONS)).toThrow(/^--k needs a value; it was given an empty one\.$/);
    expect(() => parseCliArgs(["--k="], OPTIONS)).toThrow(/^--k needs a value; it was given an empty one\.$/);
    // Before: "Unexpected error: ENOENT: no such file or directory, mkdir ''", exit 1.
    const ask = await runCliInProcess("ask", ["--store", "", "question"]);
    expect(ask.code).toBe(2);
    expect(ask.stderr).toMatch(/^--store needs a value; it was given an empty one\.\n\nUsage: npm run ask/);
    // Before: the working directory was read as the articles folder.
    const ingest = await runCliInProcess("ingest", ["--seeds", ""]);
    expect(ingest.code).toBe(2);
    expect(ingest.stderr).toMatch(/^--seeds needs a value; it was given an empty one\./);
  });

  it("says how to give a value starting with a dash, in one line", () => {
    expect(() => parseCliArgs(["--k", "-5"], OPTIONS)).toThrow(/^--k needs a value; "-5" after it starts with a dash \(if that is its value, write --k=-5\)\.$/);
    expect(() => parseCliArgs(["-k", "--json"], OPTIONS, true)).toThrow(/^-k needs a value; "--json" after it starts with a dash \(if that is its value, write --k=--json\)\.$/);
    expect(parseCliArgs(["--k=-5"], OPTIONS).values.k).toBe("-5");
  });
});
