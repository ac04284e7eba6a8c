// Keeps a held lock file's mtime fresh, so a process that cannot see the holder (another host,
// another container) can tell a live holder from a dead one. On its own thread: an index build's
// synchronous stretches (the HNSW graph: about 2 min at 100,000 chunks on 2 cores) stall the
// event loop, and a heartbeat there would stop with them and let a live build be taken over.
import { utimes } from "node:fs/promises";
import { Worker } from "node:worker_threads";

const SOURCE = `
const { utimesSync } = require("node:fs");
const { file, everyMs } = require("node:worker_threads").workerData;
setInterval(() => {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {}
}, everyMs);
`;

/** Touches `file` every `everyMs` until the returned function stops it. */
export function startHeartbeat(file: string, everyMs: number): () => Promise<void> {
  let fallback: NodeJS.Timeout | undefined;
  // No thread (resource limits): beat on the event loop rather than not at all.
  const onEventLoop = (): void => {
    fallback ??= setInterval(() => {
      const now = new Date();
      void utimes(file, now, now).catch(() => {});
    }, everyMs).unref();
  };
  let worker: Worker | undefined;
  try {
    worker = new Worker(SOURCE, { eval: true, workerData: { file, everyMs } });
    worker.unref(); // the process may end while a lock is held (its exit handler removes the file)
    worker.on("error", onEventLoop);
  } catch {
    onEventLoop();
  }
  return async () => {
    clearInterval(fallback);
    await worker?.terminate();
  };
}
