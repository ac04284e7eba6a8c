// An unknown flag printed Node's own parseArgs text, whose advice for commands that take
// positionals ended in an unbalanced quote (`as in '-- "--bogus"`): our own line now, then the usage.
import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../src/cli/args.js";
import { runCliInProcess } from "../helpers/run-cli.js";

describe("an unknown flag", () => {
  it("exits 2 with one line naming it, then the usage, whether the command takes positionals or not", async () => {
    const ask = await runCliInProcess("ask", ["--seeds", "/nonexistent", "--bogus", "Хто?"]);
    expect(ask.code).toBe(2);
    expect(ask.stderr).toMatch(/^Unknown option --bogus\.\n\nUsage: npm run ask/);
    const ingest = await runCliInProcess("ingest", ["--bogus=3"]);
    expect(ingest.code).toBe(2);
    expect(ingest.stderr).toMatch(/^Unknown option --bogus\.\n\nUsage: npm run ingest/);
  });

  it("is named as it was given: a short one too", () => {
    const options = { k: { type: "string", short: "k" } } as const;
    expect(() => parseCliArgs(["-x"], options)).toThrow(/^Unknown option -x\.$/);
    expect(() => parseCliArgs(["--k", "1", "--nope", "a"], options, true)).toThrow(/^Unknown option --nope\.$/);
  });
});
