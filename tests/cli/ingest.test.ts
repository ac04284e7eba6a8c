import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastLine, REPO_ROOT, runCli, runCliInProcess } from "../helpers/run-cli.js";

const FIXTURES = join(REPO_ROOT, "tests", "fixtures", "articles");

/** Runs the ingest CLI in process, in a clean environment (nothing of this process's or of a .env). */
const ingest = (args: string[], env: Record<string, string> = {}) => runCliInProcess("ingest", args, { env: { HOME: work, ...env } });
/** The same as a user runs it (spawned; cwd a temp folder, so no .env of the repo's): the smoke test. */
const ingestSpawned = (args: string[], env: Record<string, string> = {}) =>
  runCli("ingest", args, { cwd: work, env: { PATH: process.env.PATH ?? "", HOME: work, ...env } });

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "ingest-cli-"));
  await cp(FIXTURES, join(work, "seeds"), { recursive: true });
  await writeFile(join(work, "seeds", "broken.txt"), Buffer.from([0xff, 0xfe, 0x00]));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe("npm run ingest", () => {
  it("prints the contract JSON as the last stdout line, then reports everything unchanged", async () => {
    const store = join(work, "store");
    const first = await ingestSpawned(["--seeds", join(work, "seeds"), "--store", store, "--json"]);
    expect(first.code).toBe(0);
    const summary = JSON.parse(lastLine(first.stdout));
    expect(Object.keys(summary)).toEqual(
      expect.arrayContaining(["articles", "chunks", "added", "changed", "removed", "unchanged", "skipped", "embedder", "ms"]),
    );
    expect(summary).toMatchObject({ articles: 3, added: 3, changed: 0, removed: 0, unchanged: 0, embedder: "local-hash-v1:512" });
    expect(summary.skipped).toEqual([{ file: "broken.txt", reason: expect.any(String), code: "binary" }]);
    expect(summary.chunks).toBeGreaterThanOrEqual(3);
    expect(typeof summary.ms).toBe("number");
    expect((await readFile(join(store, "CURRENT"), "utf8")).trim()).toBe(summary.version);

    const second = await ingest(["--seeds", join(work, "seeds"), "--store", store]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/nothing changed, 0 chunks embedded/);
    expect(second.stdout).toMatch(/unchanged 3/);
    expect(second.stdout).toMatch(/skipped broken\.txt: /);
  });

  it("rebuilds a current index that cannot be loaded (a damaged file), as the error of `ask` tells", async () => {
    const store = join(work, "damaged");
    const args = ["--seeds", join(work, "seeds"), "--store", store];
    const ask = () => runCliInProcess("ask", [...args, "Хто такий Серджіо Гор?"], { env: { HOME: work } });
    expect((await ingest(args)).code).toBe(0);
    const damaged = (await readFile(join(store, "CURRENT"), "utf8")).trim();
    await writeFile(join(store, damaged, "terms", "terms.bin"), "");
    const refused = await ask();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cannot be read.*run `npm run ingest`/);

    const repaired = await ingest([...args, "--json"]);
    expect(repaired.code).toBe(0);
    expect(repaired.stderr).toMatch(/cannot be loaded; rebuilding it/);
    const summary = JSON.parse(lastLine(repaired.stdout));
    expect(summary).toMatchObject({ unchanged: 3, embedded: 0, upToDate: false });
    expect(summary.version).not.toBe(damaged);
    expect((await ask()).code).toBe(0);
  });

  it("--force builds a new version of a current index", async () => {
    const args = ["--seeds", join(work, "seeds"), "--store", join(work, "forced"), "--json"];
    const first = JSON.parse(lastLine((await ingest(args)).stdout));
    expect(JSON.parse(lastLine((await ingest(args)).stdout)).version).toBe(first.version);
    const forced = JSON.parse(lastLine((await ingest([...args, "--force"])).stdout));
    expect(forced).toMatchObject({ articles: 3, unchanged: 3, embedded: 0 });
    expect(forced.version).not.toBe(first.version);
  });

  it("warns about an impossible date and indexes the article without one, in the text and the JSON", async () => {
    const seeds = join(work, "misdated");
    await mkdir(seeds);
    await writeFile(join(seeds, "misdated.md"), "---\ntitle: Night trams\ndate: 2026-13-45\n---\nTrams run at night from March.\n");
    const args = ["--seeds", seeds, "--store", join(work, "misdated-store")];
    const text = await ingest(args);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      '  warning misdated.md: the date "2026-13-45" is not a real YYYY-MM-DD date; indexed without a date, so it is missing from /latest and questions about dates\n',
    );
    // Still said while nothing changes, and in the --json contract.
    const json = JSON.parse(lastLine((await ingest([...args, "--json"])).stdout));
    expect(json).toMatchObject({ articles: 1, upToDate: true, warnings: [{ file: "misdated.md", code: "bad-date", date: "2026-13-45" }] });
  });

  it("warns about articles that share a title, naming the files, while nothing changes too", async () => {
    const seeds = join(work, "same-title");
    await mkdir(seeds);
    await writeFile(join(seeds, "trams.md"), "---\ntitle: Night trams\ndate: 2026-02-04\n---\nTrams run at night from March.\n");
    await writeFile(join(seeds, "trams-2.md"), "---\ntitle: Night trams\ndate: 2026-02-05\n---\nNight trams start on 1 March.\n");
    const args = ["--seeds", seeds, "--store", join(work, "same-title-store")];
    const line =
      '  warning trams-2.md: the title "Night trams" is also the title of trams.md; answers, /latest and source buttons show them alike, so give each its own title\n';
    const text = await ingest(args);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(line);
    expect((await ingest(args)).stdout).toContain(line);
    const json = JSON.parse(lastLine((await ingest([...args, "--json"])).stdout));
    expect(json).toMatchObject({ articles: 2, upToDate: true, warnings: [{ file: "trams-2.md", code: "duplicate-title", others: ["trams.md"] }] });
  });

  it("warns about a url that is no http(s) link and keeps it out of the index, so `ask` prints no such link", async () => {
    const seeds = join(work, "badly-linked");
    await mkdir(seeds);
    await writeFile(join(seeds, "linked.md"), "---\ntitle: Night trams\ndate: 2026-02-04\nurl: javascript:alert(1)\n---\nTrams run at night from March.\n");
    const args = ["--seeds", seeds, "--store", join(work, "badly-linked-store")];
    const text = await ingest(args);
    expect(text.stdout).toContain('  warning linked.md: the url "javascript:alert(1)" is not an http:// or https:// link of at most 1000 characters; indexed without a link\n');
    const json = JSON.parse(lastLine((await ingest([...args, "--json"])).stdout));
    expect(json).toMatchObject({ upToDate: true, warnings: [{ file: "linked.md", code: "bad-url", url: "javascript:alert(1)" }] });
    const asked = await runCliInProcess("ask", [...args, "When do trams run at night?"], { env: { HOME: work } });
    expect(asked.code).toBe(0);
    expect(asked.stdout).toMatch(/Night trams \(4 February 2026\)/);
    expect(asked.stdout).not.toContain("javascript:");
  });

  it("takes its folders from SEEDS_DIR and VECTORSTORE_DIR", async () => {
    const result = await ingest(["--json"], { SEEDS_DIR: join(work, "seeds"), VECTORSTORE_DIR: join(work, "env-store") });
    expect(result.code).toBe(0);
    expect(JSON.parse(lastLine(result.stdout)).articles).toBe(3);
    expect((await readFile(join(work, "env-store", "CURRENT"), "utf8")).startsWith("v-")).toBe(true);
  });

  it("prints usage and exits non-zero on an unknown flag or a missing value", async () => {
    const unknown = await ingest(["--bogus"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--bogus/);
    expect(unknown.stderr).toMatch(/Usage: npm run ingest/);
    expect((await ingest(["--seeds"])).code).toBe(2);
    expect((await ingest(["stray"])).code).toBe(2);
  });

  it("exits non-zero with one line when nothing is usable", async () => {
    await mkdir(join(work, "nothing"));
    const result = await ingest(["--seeds", join(work, "nothing"), "--store", join(work, "store2"), "--json"]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/No usable/);
    // --json: scripts reading the last stdout line get one JSON object even on failure.
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toEqual({ error: expect.stringMatching(/No usable/) });
  });

  it("reports a bad configuration in one line, exit 2, no stack", async () => {
    const result = await ingest(["--seeds", join(work, "seeds")], { EMBEDDINGS_PROVIDER: "magic" });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('EMBEDDINGS_PROVIDER must be "local" or "openai", got "magic".');
  });
});
