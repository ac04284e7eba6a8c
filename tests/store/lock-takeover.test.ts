// Two processes that find the same stale lock must not both end up holding it: one's removal of
// the stale lock, landing late, deleted the lock the other had just taken.
import { spawn } from "node:child_process";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { acquireWriteLock, LOCK_FILE } from "../../src/store/hnsw/write-lock.js";

// The lock module's unlink, so one call can be made slow (a busy disk, a descheduled process).
vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  return { ...real, unlink: vi.fn(real.unlink) };
});

let store: string;
beforeEach(async () => {
  store = await fs.mkdtemp(join(tmpdir(), "lock-takeover-"));
});
afterEach(() => fs.rm(store, { recursive: true, force: true }));

it("two takeovers of one stale lock at once leave one holder", async () => {
  // A lock whose process is gone (a dead pid of this machine).
  const child = spawn(process.execPath, ["-e", ""]);
  const deadPid = await new Promise<number>((resolve) => child.on("exit", () => resolve(child.pid!)));
  const release = await acquireWriteLock(store);
  const mine = JSON.parse(await fs.readFile(join(store, LOCK_FILE), "utf8")) as Record<string, unknown>;
  await release!();
  await fs.writeFile(join(store, LOCK_FILE), JSON.stringify({ ...mine, pid: deadPid, token: "dead" }));

  // The first removal of the stale lock lands 300 ms late.
  const realUnlink = (await vi.importActual<typeof import("node:fs/promises")>("node:fs/promises")).unlink;
  vi.mocked(fs.unlink).mockImplementationOnce(async (path) => {
    await sleep(300);
    return realUnlink(path);
  });
  const holders: string[] = [];
  const contenders = ["A", "B"].map((name) =>
    acquireWriteLock(store, { pollMs: 20 }).then((releaseIt) => {
      holders.push(name);
      return releaseIt!;
    }),
  );
  await vi.waitFor(() => expect(holders.length).toBeGreaterThan(0), { timeout: 5_000 });
  await sleep(600);
  expect(holders).toHaveLength(1); // the other one still waits
  const first = await contenders[holders[0] === "A" ? 0 : 1]!;
  await first();
  await vi.waitFor(() => expect(holders).toHaveLength(2), { timeout: 5_000 });
  await (await contenders[holders[1] === "A" ? 0 : 1]!)();
});
