import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OPTIONS, USAGE } from "../../src/cli/train.js";
import { REPO_ROOT, runCliInProcess } from "../helpers/run-cli.js";

// Only what is refused before any set is read: fitting is `npm run train`'s own business (minutes).
const train = (...args: string[]) => runCliInProcess("train", ["--eval-dir", "/nonexistent-eval-dir", ...args]);

describe("npm run train", () => {
  it("refuses --hold-out with --folds instead of fitting the held-out set in every fold", async () => {
    const both = await train("--folds", "3", "--hold-out", "uk-squad-long");
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--hold-out does not go with --folds/);
  });

  it("refuses a fold count it cannot use", async () => {
    for (const folds of ["1", "21", "x"]) {
      const bad = await train("--folds", folds);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--folds must be a whole number/);
    }
  });

  it("refuses a seed that is not a whole number", async () => {
    for (const seed of ["x", "1.5"]) {
      const bad = await train("--folds", "3", "--seed", seed);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--seed must be a whole number/);
    }
  });

  it("refuses an --out whose folder does not exist before fitting, not after", async () => {
    const bad = await runCliInProcess("train", ["--eval-dir", ".", "--out", "/nonexistent-folder/weights.json"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--out "\/nonexistent-folder" is not a folder to write into: it does not exist/);
  });

  it("writes by default the weights file the running code reads, found from the code, not the working directory", () => {
    // Run here (tsx) the reader reads src/reader/weights.json; compiled, dist/reader/weights.json,
    // where a fixed "src/reader/weights.json" was written instead (and relative to any folder).
    expect(OPTIONS.out.default).toBe(join(REPO_ROOT, "src", "reader", "weights.json"));
    expect(USAGE).toMatch(/--out FILE +where the weights go \(default: the file the reader reads, src\/reader\/weights\.json;\n +run compiled, dist\/reader\/weights\.json/);
  });
});
