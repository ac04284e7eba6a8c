// Without a thread the heartbeat beats on the event loop, which a build's synchronous stretch (the
// HNSW graph) stalls for minutes: that gap is the build's own, and must not make it give up its lock.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, expect, it, vi } from "vitest";

vi.mock("node:worker_threads", () => ({
  Worker: class {
    constructor() {
      throw new Error("ERR_WORKER_INIT_FAILED");
    }
  },
}));
const { startHeartbeat } = await import("../../src/shared/lock-heartbeat.js");

const dir = await mkdtemp(join(tmpdir(), "heartbeat-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

it("on the event loop, a synchronous stall is not read as the lock going untouched", async () => {
  const file = join(dir, "LOCK");
  await writeFile(file, "token");
  const heartbeat = startHeartbeat(file, 20);
  const until = Date.now() + 300;
  while (Date.now() < until) {} // the build's synchronous stretch
  await sleep(60);
  expect(heartbeat.untouchedFor()).toBe(0);
  await heartbeat.stop();
});
