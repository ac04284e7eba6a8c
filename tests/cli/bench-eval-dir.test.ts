// `--eval` pointing at no folder is a usage error said in one line, before any corpus is written.
import { describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/run-cli.js";

describe("npm run bench -- --eval DIR", () => {
  it("a missing folder exits 2 naming --eval, not 'Unexpected error: ENOENT … scandir'", async () => {
    const run = await runCliInProcess("bench", ["--eval", "/nope/eval", "--sizes", "200", "--queries", "10"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^--eval "\/nope\/eval" is not a folder/);
    expect(run.stderr).not.toMatch(/Unexpected error|ENOENT/);
  });
});
