import { describe, expect, it } from "vitest";
import { createCliLogger } from "../../src/cli/cli-logger.js";

describe("createCliLogger", () => {
  it("prints a warning quoting an article's or a model's text without its terminal controls", () => {
    const written: string[] = [];
    const logger = createCliLogger({ env: {}, stdout: { write: () => true }, stderr: { write: (text: string) => written.push(text) } }, "warn");
    logger.warn({ reason: "said \u001b]52;c;SGVsbG8=\u0007nothing\u009b2J" }, "LLM answer unusable");
    expect(written).toEqual(["warning: LLM answer unusable (reason: said ]52;c;SGVsbG8=nothing2J)\n"]);
  });
});
