// A .env that is there but cannot be read must say so: its settings silently missing read as
// "TELEGRAM_BOT_TOKEN is not set … put it in a .env file", sending the operator to the file they
// already wrote (a .env copied as root, mode 600, next to a unit running as another user).
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadEnvFile } from "../../src/cli/env-file.js";
import { OFFLINE_ENV, runCli } from "../helpers/run-cli.js";

let dir = "";
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The tests' environment, offline, with no bot token (a developer's own must not leak in). */
function withoutToken(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...OFFLINE_ENV };
  delete env.TELEGRAM_BOT_TOKEN;
  return env;
}

describe(".env", () => {
  it("that cannot be read stops every command with one line naming it, exit 2", async () => {
    dir = await mkdtemp(join(tmpdir(), "env-file-"));
    // A folder: unreadable as a file even by root (a chmod 000 file is readable to root, who runs CI).
    await mkdir(join(dir, ".env"));
    const env = withoutToken();
    for (const [command, args] of [["start", []], ["ask", ["Хто?"]]] as const) {
      const run = await runCli(command, [...args], { cwd: dir, env });
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toBe(`Could not read ${join(dir, ".env")}: it is a folder. Make it a file readable by this user, or remove it.`);
    }
  }, 60_000);

  it("that is missing is no error: settings come from the environment", async () => {
    dir = await mkdtemp(join(tmpdir(), "env-file-"));
    const env = withoutToken();
    const run = await runCli("start", [], { cwd: dir, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^TELEGRAM_BOT_TOKEN is not set/);
  }, 60_000);

  it("with a value cut short at an unquoted \"#\" stops every command with one line naming the variable, never the value, exit 2", async () => {
    dir = await mkdtemp(join(tmpdir(), "env-file-"));
    // dotenv reads it as "postgres://bot:pa": before, the generic "must be a postgres:// URL" message.
    await writeFile(join(dir, ".env"), "DATABASE_URL=postgres://bot:pa#ss@db/x\n");
    const run = await runCli("ask", ["Хто?"], { cwd: dir, env: withoutToken() });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `DATABASE_URL in ${join(dir, ".env")} has a "#" in its value with no space before it, and .env reading takes a "#" for the start of a comment, so the value was cut there: put the value in quotes (DATABASE_URL="…"), or write the password's "#" as %23.`,
    );
    expect(run.stderr + run.stdout).not.toContain("pa#ss");
  }, 60_000);

  it("with a value whose opening quote is not closed stops every command with one line naming the variable, never the value, exit 2", async () => {
    dir = await mkdtemp(join(tmpdir(), "env-file-"));
    // dotenv reads it as '"postgres://a:b', the quote kept and the value cut at the "#".
    await writeFile(join(dir, ".env"), 'DATABASE_URL="postgres://a:b#c@h/x\n');
    const run = await runCli("ask", ["Хто?"], { cwd: dir, env: withoutToken() });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `DATABASE_URL in ${join(dir, ".env")} has a value that opens with " and does not end with one, so .env reading kept the " as part of the value and cut the value at its "#": end the value with the same quote (DATABASE_URL="…").`,
    );
    expect(run.stderr + run.stdout).not.toContain("a:b");
  }, 60_000);

  describe("an unclosed quote", () => {
    const load = async (text: string, env: NodeJS.ProcessEnv = {}) => {
      dir = await mkdtemp(join(tmpdir(), "env-file-"));
      await writeFile(join(dir, ".env"), text);
      loadEnvFile(env, join(dir, ".env"));
      return env;
    };

    it("(read with the quote kept, cut at a \"#\" or not) is refused, naming the variable and the quote", async () => {
      // Before, dotenv's '"abc' (or "'sk-abc") was used as the value without a word.
      await expect(load('KEY="abc#def\n')).rejects.toThrow(/^KEY in .* opens with " .* and cut the value at its "#": end the value with the same quote \(KEY="…"\)\.$/);
      await expect(load("LOG_LEVEL=info\nexport OPENAI_API_KEY='sk-abc\nADMIN_IDS=1\n")).rejects.toThrow(
        /^OPENAI_API_KEY in .* opens with ' and does not end with one, so \.env reading kept the ' as part of the value: end the value with the same quote \(OPENAI_API_KEY='…'\)\.$/,
      );
      await expect(load("TELEGRAM_BOT_TOKEN=`123:AAE#x\n")).rejects.toThrow(/^TELEGRAM_BOT_TOKEN in .* opens with `/);
      // A later line's quote does not close it: dotenv still reads '"abc'.
      await expect(load('KEY="abc\nB=2\nC="x"\n')).rejects.toThrow(/^KEY in .* opens with "/);
      // Closed before the value ends: read as '"ab"c', quotes and all.
      await expect(load('KEY="ab"c#d\n')).rejects.toThrow(/^KEY in .* opens with "/);
    });

    it("is not what a value closed on its line or a later one, or quoted in another quote, has", async () => {
      expect(await load('A="abc" # c\nB="x\ny"\nC=\'"in"\'\nD="a\\"b"\nE=say "hi"\n')).toEqual({ A: "abc", B: "x\ny", C: '"in"', D: 'a\\"b', E: 'say "hi"' });
    });

    it("of a variable the environment sets is not the file's concern", async () => {
      expect(await load('OPENAI_API_KEY="sk-abc\n', { OPENAI_API_KEY: "sk-from-env" })).toEqual({ OPENAI_API_KEY: "sk-from-env" });
    });

    it("in an earlier line that a later one sets again is no concern", async () => {
      expect(await load('OPENAI_API_KEY="sk-old\nOPENAI_API_KEY="sk-new"\n')).toEqual({ OPENAI_API_KEY: "sk-new" });
    });
  });

  describe("a \"#\" in a value", () => {
    const load = async (text: string, env: NodeJS.ProcessEnv = {}) => {
      dir = await mkdtemp(join(tmpdir(), "env-file-"));
      await writeFile(join(dir, ".env"), text);
      loadEnvFile(env, join(dir, ".env"));
      return env;
    };

    it("inside it (a token, a key: silently shortened before) is refused, naming the variable", async () => {
      await expect(load("TELEGRAM_BOT_TOKEN=123456789:AAE#x\n")).rejects.toThrow(/^TELEGRAM_BOT_TOKEN in .* put the value in quotes \(TELEGRAM_BOT_TOKEN="…"\)\.$/);
      await expect(load("LOG_LEVEL=info\r\nexport OPENAI_API_KEY=sk-#abc\r\n")).rejects.toThrow(/^OPENAI_API_KEY in /);
      await expect(load("OPENAI_API_KEY=#abc\n")).rejects.toThrow(/^OPENAI_API_KEY in /);
      await expect(load("OPENAI_API_KEY=sk-abc#\n")).rejects.toThrow(/^OPENAI_API_KEY in /);
    });

    it("in quotes, or after a space as a comment, is read as dotenv reads it", async () => {
      expect(await load('TELEGRAM_BOT_TOKEN="123456789:AAE#x"\nOPENAI_API_KEY=\'sk-#abc\'\n')).toEqual({ TELEGRAM_BOT_TOKEN: "123456789:AAE#x", OPENAI_API_KEY: "sk-#abc" });
      expect(await load("ADMIN_IDS=11111111            # your numeric Telegram user id\nLLM_MODEL= # none\n# DATABASE_URL=postgres://a#b\n")).toEqual({ ADMIN_IDS: "11111111", LLM_MODEL: "" });
    });

    it("of a variable the environment sets is not the file's concern: the environment's value is used", async () => {
      expect(await load("OPENAI_API_KEY=sk-#abc\n", { OPENAI_API_KEY: "sk-from-env" })).toEqual({ OPENAI_API_KEY: "sk-from-env" });
    });

    it("cut in an earlier line that a later one sets again is no cut", async () => {
      expect(await load("OPENAI_API_KEY=sk-#old\nOPENAI_API_KEY=sk-new\n")).toEqual({ OPENAI_API_KEY: "sk-new" });
    });
  });
});
