// `.env.example`, copied to `.env`, is also what `docker run --env-file .env` and compose's
// `env_file` pass to the image: a line there overrides the image's own ENV, a blank one too (Docker
// does not read `KEY=` as "unset"). The image's settings must survive it.
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { stopDeadlineMs } from "../../src/app/start-bot.js";
import { reportCliError } from "../../src/cli/args.js";
import { loadConfig } from "../../src/config/config.js";
import { REPO_ROOT } from "../helpers/run-cli.js";

/** An env file as Docker reads it: `KEY=value` lines, taken as written; `#` lines are comments. */
function dockerEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match && !line.trimStart().startsWith("#")) env[match[1]!] = match[2]!;
  }
  return env;
}

/** The runtime stage's `ENV` settings and `WORKDIR`. */
function imageSettings(dockerfile: string): { env: Record<string, string>; workdir: string } {
  const runtime = dockerfile.slice(dockerfile.search(/^FROM .* AS runtime$/m));
  const block = /^ENV ((?:.*\\\n)*.*)$/m.exec(runtime)?.[1] ?? "";
  const env = Object.fromEntries(block.split(/\s*\\\n\s*|\s+/).map((pair) => pair.split("=", 2) as [string, string]));
  return { env, workdir: /^WORKDIR (\S+)$/m.exec(runtime)?.[1] ?? "/" };
}

describe(".env.example as Docker's env file", () => {
  it("keeps the image's HEALTH_PORT (its HEALTHCHECK probes it) and its folders", async () => {
    const image = imageSettings(await readFile(join(REPO_ROOT, "Dockerfile"), "utf8"));
    expect(image.env).toMatchObject({ HEALTH_PORT: "8081", SEEDS_DIR: "/app/seeds", VECTORSTORE_DIR: "/app/vectorstore" });
    const config = loadConfig({ ...image.env, ...dockerEnvFile(await readFile(join(REPO_ROOT, ".env.example"), "utf8")) });
    expect(config.healthPort).toBe(8081);
    expect(resolve(image.workdir, config.seedsDir)).toBe(image.env.SEEDS_DIR);
    expect(resolve(image.workdir, config.vectorstoreDir)).toBe(image.env.VECTORSTORE_DIR);
  });

  it("names every variable compose.yaml takes from .env (README says to put them there)", async () => {
    const compose = await readFile(join(REPO_ROOT, "compose.yaml"), "utf8");
    const example = await readFile(join(REPO_ROOT, ".env.example"), "utf8");
    const read = [...compose.matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]!);
    expect(read).toContain("POSTGRES_PASSWORD");
    for (const name of read) expect(example, name).toMatch(new RegExp(`^(# )?${name}=`, "m"));
  });

  it("compose sets the same HEALTH_PORT as the image", async () => {
    const compose = await readFile(join(REPO_ROOT, "compose.yaml"), "utf8");
    expect(/^\s+HEALTH_PORT: "(\d+)"$/m.exec(compose)?.[1]).toBe("8081");
  });
});

describe("stop grace periods", () => {
  it("compose and the systemd unit wait longer than the bot's own stop deadline before SIGKILL", async () => {
    const deadline = stopDeadlineMs(loadConfig({})); // LLM_TIMEOUT_MS + 15 s: 35 s by default
    const compose = await readFile(join(REPO_ROOT, "compose.yaml"), "utf8");
    const unit = await readFile(join(REPO_ROOT, "deploy/article-qa-bot.service"), "utf8");
    const grace = Number(/^\s+stop_grace_period: (\d+)s$/m.exec(compose)?.[1]) * 1000;
    const timeoutStop = Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1]) * 1000;
    expect(grace).toBeGreaterThan(deadline);
    expect(timeoutStop).toBeGreaterThan(deadline);
  });
});

describe("compose's log limits", () => {
  it("caps the bot's json-file logs (Docker keeps them without bound otherwise)", async () => {
    const compose = await readFile(join(REPO_ROOT, "compose.yaml"), "utf8");
    const service = compose.slice(compose.indexOf("\n  bot:\n"), compose.indexOf("\n  postgres:\n")); // the bot service
    expect(service).toMatch(/\n {4}logging:\n {6}driver: json-file\n {6}options:\n {8}max-size: "10m"\n {8}max-file: "5"\n/);
  });
});

describe("the systemd unit on a bad setting", () => {
  it("does not restart a bot that stopped on a bad setting (exit 2) every 5 s forever", async () => {
    // A typo in .env exits 2 (README, "Exit codes"); Restart=on-failure would start it again every
    // RestartSec=5, under systemd's default start limit (5 starts in 10 s), so never "failed".
    let bad: unknown;
    try {
      loadConfig({ ADMIN_IDS: "abc" });
    } catch (error) {
      bad = error;
    }
    const code = reportCliError(bad, "", { env: {}, stdout: { write: () => true }, stderr: { write: () => true } });
    const unit = await readFile(join(REPO_ROOT, "deploy/article-qa-bot.service"), "utf8");
    const prevented = (/^RestartPreventExitStatus=(.*)$/m.exec(unit)?.[1] ?? "").split(/\s+/);
    expect(code).toBe(2);
    expect(prevented).toContain(String(code));
  });
});
