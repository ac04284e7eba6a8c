// One exit-code rule for every command (README, "Exit codes"): 0 success, 1 a run that failed,
// 2 bad usage or bad input the user named, said in one line naming the flag and the path.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requirePath, runCommand } from "../../src/cli/args.js";
import { AppError, ConfigError, InputError } from "../../src/shared/errors.js";
import { OFFLINE_ENV, runCliInProcess } from "../helpers/run-cli.js";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "exit-codes-"));
  await mkdir(join(root, "articles"));
  await writeFile(join(root, "articles", "snow.txt"), "У Львові випав рекордний сніг.");
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Exit 2, one stderr line matching `line`: no usage, stack or raw errno. */
function expectBadInput(run: { code: number; stderr: string }, line: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.stderr.trim()).toMatch(line);
  expect(run.stderr).not.toMatch(/ENOENT|Unexpected error|Usage:|\n\s+at /);
}

describe("a missing file or folder the user named exits 2 naming the flag and the path", () => {
  it("eval --questions", async () => {
    const run = await runCliInProcess("eval", ["--articles", join(root, "articles"), "--questions", join(root, "nope.jsonl")]);
    expectBadInput(run, /^--questions ".*nope\.jsonl" is not a file: it does not exist\.$/);
  });

  it("eval --articles, bench --eval, train --eval-dir", async () => {
    const q = join(root, "q.jsonl");
    await writeFile(q, '{"id":"1","article_id":null,"question":"Хто?","answers":[]}\n');
    expectBadInput(await runCliInProcess("eval", ["--articles", join(root, "nope"), "--questions", q]), /^--articles ".*nope" is not a folder of article files: it does not exist\.$/);
    expectBadInput(await runCliInProcess("eval", ["--articles", q, "--questions", q]), /^--articles ".*q\.jsonl" is not a folder of article files: it is a file\.$/);
    expectBadInput(await runCliInProcess("bench", ["--eval", join(root, "nope"), "--sizes", "200"]), /^--eval ".*nope" is not a folder of eval sets: it does not exist\. The default is/);
    expectBadInput(await runCliInProcess("train", ["--eval-dir", join(root, "nope")]), /^--eval-dir ".*nope" is not a folder of eval sets: it does not exist\.$/);
  });

  it("ask and ingest --seeds (or SEEDS_DIR)", async () => {
    const seeds = join(root, "no-seeds");
    const store = join(root, "store");
    expectBadInput(await runCliInProcess("ask", ["--seeds", seeds, "--store", store, "Хто?"]), /^Seeds folder ".*no-seeds" does not exist .*--seeds/);
    expectBadInput(await runCliInProcess("ingest", ["--seeds", seeds, "--store", store]), /^Seeds folder ".*no-seeds" does not exist/);
    expectBadInput(await runCliInProcess("ingest", ["--store", store], { env: { ...OFFLINE_ENV, SEEDS_DIR: seeds } }), /SEEDS_DIR/);
  });

  it("ingest --from-store and --from-state (checked before the database is touched)", async () => {
    const env = { ...OFFLINE_ENV, DATABASE_URL: "postgres://127.0.0.1:9/none" };
    expectBadInput(await runCliInProcess("ingest", ["--from-store", join(root, "nope")], { env }), /^--from-store ".*nope" is not a folder: it does not exist\.$/);
    expectBadInput(await runCliInProcess("ingest", ["--from-state", join(root, "nope")], { env }), /^--from-state ".*nope" is not a folder: it does not exist\.$/);
  });

  it("a questions line eval cannot use is bad input too", async () => {
    const bad = join(root, "bad.jsonl");
    await writeFile(bad, '{"id":"1"}\n');
    expectBadInput(await runCliInProcess("eval", ["--articles", join(root, "articles"), "--questions", bad]), /bad\.jsonl:1 is not a question line/);
  });
});

describe("a DATABASE_URL that is no postgres:// URL", () => {
  // The CLI blanks every URL's password: an example with one read "postgres://user:[redacted]@…",
  // as if the operator's own password had been hidden in it.
  it("is told with an example that reads as written, the redaction leaving it whole", async () => {
    const run = await runCliInProcess("ask", ["Хто?"], { env: { ...OFFLINE_ENV, DATABASE_URL: "mysql://bot:s3cretpw@db/news" } });
    expectBadInput(run, /^DATABASE_URL must be a postgres:\/\/ \(or postgresql:\/\/\) URL with a host, e\.g\. postgres:\/\/user@localhost:5432\/articles \(/);
    expect(run.stderr).toContain("user:secret@localhost");
    expect(run.stderr).not.toMatch(/redacted|s3cretpw/);
  });
});

describe("requirePath", () => {
  it("takes a pipe as a file: `eval --questions <(grep … q.jsonl)` reads it as before", async () => {
    const fifo = join(root, "questions.fifo");
    execFileSync("mkfifo", [fifo]);
    await expect(requirePath("--questions", fifo, "file")).resolves.toBeUndefined();
    await expect(requirePath("--questions", join(root, "articles"), "file")).rejects.toThrow(/is not a file: it is a folder\.$/);
    await expect(requirePath("--articles", fifo, "folder")).rejects.toThrow(/is not a folder: it is a file\.$/);
  });
});

describe("runCommand", () => {
  const run = async (error: Error) => {
    let stderr = "";
    const io = { env: {}, stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) } };
    const code = await runCommand(
      async () => {
        throw error;
      },
      "Usage: x",
      [],
      io,
    );
    return { code, stderr };
  };

  it("bad input exits 2 in one line, a failed run exits 1", async () => {
    expect(await run(new InputError("--x \"y\" is not a file."))).toEqual({ code: 2, stderr: '--x "y" is not a file.\n' });
    expect((await run(new ConfigError("BAD must be …"))).code).toBe(2);
    expect(await run(new AppError("No usable articles."))).toEqual({ code: 1, stderr: "No usable articles.\n" });
    expect((await run(new Error("boom"))).code).toBe(1);
  });
});
