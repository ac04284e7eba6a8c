import { describe, expect, it } from "vitest";
import { untabbed } from "../../src/texts/untabbed.js";

describe("untabbed", () => {
  it("shows a run of tabs, with the spaces around it, as one space", () => {
    expect(untabbed("The\tmayor \t\t said  \t")).toBe("The mayor said ");
    expect(untabbed("no tabs  here")).toBe("no tabs  here");
  });

  it("reads a long run of spaces once, not once per space", () => {
    // A tab was looked for from each space of a run, each time reading the run to its end (256 KB:
    // about half a minute). The bound is this test's timeout, far from either (a moment now).
    const spaces = " ".repeat(256 * 1024);
    expect(untabbed(`${spaces}x\ty`)).toBe(`${spaces}x y`);
  }, 5_000);
});
