// `npm run start:prod` before `npm run build`: one line saying what to do, not Node's stack.
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = path.resolve(import.meta.dirname, "../..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

let dir: string;
beforeAll(async () => {
  // The project's package.json alone: its scripts, and no dist/.
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "start-prod-unbuilt-"));
  await fs.copyFile(path.join(REPO, "package.json"), path.join(dir, "package.json"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe("npm run start:prod without a build", () => {
  it("exits 2 with one line saying to run npm run build first", async () => {
    const result = await promisify(execFile)(NPM, ["run", "--silent", "start:prod"], { cwd: dir, timeout: 30_000 }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("dist/cli/start.js is missing: run npm run build first.\n");
  });
});
