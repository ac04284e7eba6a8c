// A process waiting for a lock file whose holder it cannot see (another host or container) takes
// it over only after watching it unchanged for the stale interval: a step of its wall clock is no
// such time, and taking a live holder's lock over on one would stop that holder's build.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { acquireLockFile } from "../../src/shared/lock-file.js";

const dir = await mkdtemp(join(tmpdir(), "lock-watch-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

it("a wall-clock step (NTP setting the clock an hour ahead) while watching another host's lock does not take it over", async () => {
  const file = join(dir, "LOCK");
  const other = JSON.stringify({ pid: 2, host: "other-host", startedAt: new Date().toISOString(), scope: "other-host", token: "other" });
  await writeFile(file, other);
  const realNow = Date.now;
  let offset = 0;
  const stepped = vi.spyOn(Date, "now").mockImplementation(() => realNow() + offset);
  try {
    const outcome = await acquireLockFile(file, { staleAfterMs: 60_000, timeoutMs: 500, pollMs: 20, onWait: () => (offset = 3_600_000) }, () => new Error("busy")).catch(
      (error: unknown) => error,
    );
    if (typeof outcome === "function") await outcome(); // taken over: let go of it
    expect(String(outcome)).toBe("Error: busy");
    expect(await readFile(file, "utf8")).toBe(other);
  } finally {
    stepped.mockRestore();
  }
});
