// README: LOG_LEVEL defaults to info for the bot and to warn for the commands, and its set-up
// says to copy .env.example to .env, which the commands read too. The copy must keep both
// defaults: a LOG_LEVEL set there, even to the bot's own default, raises the commands to info.
import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "dotenv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { REPO_ROOT, runCli } from "../helpers/run-cli.js";
import { SEED_ARTICLE } from "../helpers/temp-seeds.js";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "env-example-"));
  await copyFile(join(REPO_ROOT, ".env.example"), join(work, ".env"));
  await mkdir(join(work, "seeds"));
  await copyFile(join(REPO_ROOT, "seeds", SEED_ARTICLE), join(work, "seeds", SEED_ARTICLE));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe(".env.example copied to .env", () => {
  it("leaves npm run ingest at warnings: no info lines beside its summary", async () => {
    // cwd holds the .env; nothing of this process's environment is passed on.
    const run = await runCli("ingest", ["--store", join(work, "store")], { cwd: work, env: { PATH: process.env.PATH ?? "", HOME: work } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Indexed 1 article in 4 chunks/);
    expect(run.stderr).not.toMatch(/^info:/m);
  });

  it("leaves the bot at info", async () => {
    expect(loadConfig(parse(await readFile(join(work, ".env"), "utf8"))).logLevel).toBe("info");
  });
});
