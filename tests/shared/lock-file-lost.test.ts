// A holder asking whether its lock file may be someone else's now (HeldLockFile.lost) is told
// why: the build that stops on it says so, and must not blame another instance for its own disk.
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { acquireLockFile, type HeldLockFile } from "../../src/shared/lock-file.js";

// The lock module's readFile, so one read of the LOCK can fail (EIO, EMFILE).
vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  return { ...real, readFile: vi.fn(real.readFile) };
});

// Wide enough that a loaded machine's scheduling never looks like a lost lock (see hnsw-lost-lock);
// how long the LOCK goes unread is timed on a clock of the test's (the touches keep the real one).
let now = 0;
const LOCK = { heartbeatMs: 100, staleAfterMs: 4_000, monotonic: () => now };
let dir: string;
let file: string;
let release: HeldLockFile;
beforeEach(async () => {
  now = 0;
  dir = await fs.mkdtemp(join(tmpdir(), "lock-lost-"));
  file = join(dir, "LOCK");
  release = (await acquireLockFile(file, LOCK, () => new Error("busy")))!;
});
afterEach(async () => {
  await release();
  await fs.rm(dir, { recursive: true, force: true });
});

function failingRead(code: string): void {
  vi.mocked(fs.readFile).mockRejectedValueOnce(Object.assign(new Error(`${code}: read ${file}`), { code }));
}

it("a lock file that names another holder is reported as taken over, naming that holder", async () => {
  await fs.writeFile(file, JSON.stringify({ pid: 2, host: "other-host", startedAt: "2026-11-28T10:00:00.000Z", scope: "other-host", token: "other" }));
  expect(await release.lost()).toBe(`another instance took over (${file} names pid 2 on other-host, since 2026-11-28T10:00:00.000Z)`);
});

it("a lock file that is gone is reported as deleted", async () => {
  await fs.unlink(file);
  expect(await release.lost()).toMatch(/LOCK was deleted, so another instance could have taken over$/);
});

it("a read of the lock file that fails (EMFILE) is tried again at the next check, not taken for a lost lock", async () => {
  failingRead("EMFILE");
  expect(await release.lost()).toBeNull();
  expect(await release.lost()).toBeNull();
});

it("a lock file left unread for half the stale interval since it last read as ours is reported as unreadable, with the error's code", async () => {
  now = 1_000;
  expect(await release.lost()).toBeNull();
  failingRead("EIO");
  now = 2_900;
  expect(await release.lost()).toBeNull();
  failingRead("EIO");
  now = 3_000;
  const unreadable = `could not read ${file} (EIO) for 2 s, so another instance could have taken over`;
  expect(await release.lost()).toBe(unreadable);
  expect(await release.lost()).toBe(unreadable); // for good, though it reads again
});

it("a lock file that is still ours is not lost", async () => {
  expect(await release.lost()).toBeNull();
});

it("a step of the wall clock (NTP setting it an hour ahead) is not read as the lock going untouched", async () => {
  const realNow = Date.now;
  const stepped = vi.spyOn(Date, "now").mockImplementation(() => realNow() + 3_600_000);
  try {
    expect(await release.lost()).toBeNull();
  } finally {
    stepped.mockRestore();
  }
});
