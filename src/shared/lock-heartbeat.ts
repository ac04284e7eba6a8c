// Keeps a held lock file's mtime fresh, so a process that cannot see the holder (another host,
// another container) can tell a live holder from a dead one. On its own thread: an index build's
// synchronous stretches (the HNSW graph: about 2 min at 100,000 chunks on 2 cores) stall the
// event loop, and a heartbeat there would stop with them and let a live build be taken over.
// It records its successful touches, so the holder can tell when it may have been taken over.
import { utimes } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import { monotonicMs } from "./clock.js";

// Shared with the worker: [last successful touch, longest time between two], in ms of the
// monotonic clock (monotonicMs, process.hrtime in the worker: the same clock in both threads).
// Read by the holder while the worker writes: a held-up process (stopped, frozen, starved of CPU)
// shows as a gap; a step of the wall clock (NTP) does not, being no time in which anyone could
// have taken the lock over.
const SOURCE = `
const { utimesSync } = require("node:fs");
const { file, everyMs, touches } = require("node:worker_threads").workerData;
setInterval(() => {
  try {
    const now = new Date();
    utimesSync(file, now, now);
    const at = process.hrtime.bigint() / 1000000n;
    const gap = at - Atomics.load(touches, 0);
    if (gap > Atomics.load(touches, 1)) Atomics.store(touches, 1, gap);
    Atomics.store(touches, 0, at);
  } catch {}
}, everyMs);
`;

export interface Heartbeat {
  stop(): Promise<void>;
  /** The longest the file went untouched since the heartbeat started, up to now (ms); 0 when it beats on the event loop. */
  untouchedFor(): number;
}

/** Touches `file` every `everyMs` until stopped. */
export function startHeartbeat(file: string, everyMs: number): Heartbeat {
  const touches = new BigInt64Array(new SharedArrayBuffer(16));
  touches[0] = BigInt(monotonicMs()); // the file was just written
  let fallback: NodeJS.Timeout | undefined;
  // No thread (resource limits): beat on the event loop rather than not at all.
  const onEventLoop = (): void => {
    fallback ??= setInterval(() => {
      const now = new Date();
      void utimes(file, now, now).then(() => {
        const at = BigInt(monotonicMs());
        if (at - touches[0]! > touches[1]!) touches[1] = at - touches[0]!;
        touches[0] = at;
      }, () => {});
    }, everyMs).unref();
  };
  let worker: Worker | undefined;
  try {
    worker = new Worker(SOURCE, { eval: true, workerData: { file, everyMs, touches } });
    worker.unref(); // the process may end while a lock is held (its exit handler removes the file)
    worker.on("error", onEventLoop);
  } catch {
    onEventLoop();
  }
  return {
    async stop() {
      clearInterval(fallback);
      await worker?.terminate();
    },
    // On the event loop the build's own synchronous stretches leave gaps (the HNSW graph: minutes),
    // so a gap says nothing there: the holder then goes by the LOCK file's token alone.
    untouchedFor: () => (fallback !== undefined ? 0 : Math.max(Number(Atomics.load(touches, 1)), monotonicMs() - Number(Atomics.load(touches, 0)))),
  };
}
