// A lock file that one process at a time holds, across processes (the index store's LOCK:
// src/store/hnsw/write-lock.ts). It holds the holder's pid, host and start time; a lock whose
// process is gone (same host) is stale and taken over.
import { open, readFile, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";

interface Holder {
  pid: number;
  host: string;
  startedAt: string;
}

export interface LockFileOptions {
  /** Wait for a running writer (default true); false returns null at once when the lock is held. */
  wait?: boolean;
  /** Give up waiting after this long (default 10 minutes) with the caller's error, which names the holder. */
  timeoutMs?: number;
  /** Called once when the lock is held by someone else and we start waiting. */
  onWait?: (holder: string) => void;
  pollMs?: number;
}

/**
 * Takes the lock `file`; resolves to its release function (or null: held and `wait: false`).
 * `busy` makes the error thrown when waiting gives up, from a description of the holder.
 */
export async function acquireLockFile(file: string, options: LockFileOptions, busy: (holder: string) => Error): Promise<(() => Promise<void>) | null> {
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  let waiting = false;
  for (;;) {
    const mine: Holder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
    try {
      const handle = await open(file, "wx");
      try {
        await handle.writeFile(`${JSON.stringify(mine)}\n`);
      } finally {
        await handle.close();
      }
      return () => release(file, mine);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const raw = await readFile(file, "utf8").catch(() => null);
    if (raw === null) continue; // released in between: try again
    const holder = parseHolder(raw);
    if (await isStale(holder, file)) {
      // Re-read right before removing, so a lock just re-taken by someone else is left alone.
      if ((await readFile(file, "utf8").catch(() => null)) === raw) await unlink(file).catch(() => {});
      continue;
    }
    if (options.wait === false) return null;
    const who = describe(holder, file);
    if (Date.now() >= deadline) {
      throw busy(who);
    }
    if (!waiting) {
      waiting = true;
      options.onWait?.(who);
    }
    await sleep(options.pollMs ?? 200);
  }
}

async function release(file: string, mine: Holder): Promise<void> {
  const raw = await readFile(file, "utf8").catch(() => null);
  const holder = raw === null ? null : parseHolder(raw);
  // Only our own lock: a stale-lock takeover may have given it to someone else meanwhile.
  if (holder && holder.pid === mine.pid && holder.host === mine.host && holder.startedAt === mine.startedAt) {
    await unlink(file).catch(() => {});
  }
}

function parseHolder(raw: string): Holder | null {
  try {
    const value = JSON.parse(raw) as Partial<Holder>;
    return typeof value.pid === "number" && typeof value.host === "string" && typeof value.startedAt === "string"
      ? { pid: value.pid, host: value.host, startedAt: value.startedAt }
      : null;
  } catch {
    return null;
  }
}

async function isStale(holder: Holder | null, file: string): Promise<boolean> {
  // No holder in it: being written this instant, or its writer died between creating and filling it.
  if (!holder) return Date.now() - ((await stat(file).catch(() => null))?.mtimeMs ?? 0) > 10_000;
  if (holder.host !== hostname()) return false; // cannot see another machine's processes
  return !isAlive(holder.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

function describe(holder: Holder | null, file: string): string {
  return holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}` : `lock file ${file}`;
}
