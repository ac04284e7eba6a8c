// The command line a bench report shows: it is printed and pasted into docs, so a database
// password given with --database-url must not appear in it.
import { describe, expect, it } from "vitest";
import { benchCommand } from "../../src/cli/bench.js";

describe("bench report command", () => {
  it("keeps the flags and drops a --database-url password (both spellings)", () => {
    expect(benchCommand(["--sizes", "1000", "--backend", "postgres", "--database-url", "postgres://bench:s3cret@db.example:5432/qa"])).toBe(
      "npm run bench -- --sizes 1000 --backend postgres --database-url postgres://bench@db.example:5432/qa",
    );
    const inline = benchCommand(["--database-url=postgresql://bench:s3cret@db.example/qa"]);
    expect(inline).toBe("npm run bench -- --database-url=postgres://bench@db.example/qa");
    expect(inline).not.toContain("s3cret");
    expect(benchCommand([])).toBe("npm run bench --");
  });
});
