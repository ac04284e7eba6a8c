// A lock file that one process at a time holds, across processes (the index store's LOCK:
// src/store/hnsw/write-lock.ts; STATE_DIR's bot.lock: src/state/state-folder-lock.ts). It names its holder: pid, host, start time, a random token, and
// the process table its pid belongs to (`scope`: host name, boot and pid namespace). It is stale,
// and taken over, when
// - its scope is ours and its pid is gone, or is our own pid while this process does not hold
//   it: a container restarted with its host name gives node the same pid again (7 under tini);
// - in any other case (another host, as `docker compose run` killed with Ctrl-C; a restarted
//   container's new pid namespace; a live pid that may belong to another process now), when its
//   mtime has not moved for 30 s while we watched: the holder touches it every 5 s, from a thread
//   of its own (lock-heartbeat.ts). Watched, not compared with our clock: hosts' clocks differ.
//   The 30 s are timed on our monotonic clock, as the holder times the gaps between its touches
//   on its own: a step of either's wall clock (NTP) makes no lock stale nor lost, and while the
//   machine sleeps both clocks stand still. Only a file no holder touches (one with no holder in
//   it yet, a takeover folder) is judged by its mtime's age, on the wall clock that wrote it.
// The holder removes it when released and when its process exits (a signal during a start-up
// build ends the bot with process.exit); only a crash (kill -9, OOM, power loss) leaves one.
// A live holder can lose it too: its touches failing (or the process stopped) past the stale
// interval, or the file deleted by hand and taken by another process. It can ask (HeldLockFile.lost).
import { randomBytes } from "node:crypto";
import { readFileSync, readlinkSync, unlinkSync } from "node:fs";
import { mkdir, open, readFile, rmdir, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { type MonotonicClock, monotonicMs } from "./clock.js";
import { type Heartbeat, startHeartbeat } from "./lock-heartbeat.js";

interface Holder {
  pid: number;
  host: string;
  startedAt: string;
  /** Where `pid` names a process: see processScope (none in locks of older versions). */
  scope?: string;
  /** Tells this holder from an earlier process with the same pid. */
  token?: string;
}

/** How often a holder touches its lock file. */
const HEARTBEAT_MS = 5_000;
/** A lock whose holder cannot be checked is stale once untouched this long (six heartbeats). */
const STALE_AFTER_MS = 30_000;
/** A lock file with no holder in it yet (or a takeover folder) is stale once this old. */
const EMPTY_STALE_MS = 10_000;
/** Beside the lock file while a process takes a stale one over. */
const TAKEOVER_SUFFIX = ".takeover";
const TAKEOVER_POLL_MS = 20;

export interface LockFileOptions {
  /** Wait for a running writer (default true); false returns null at once when the lock is held. */
  wait?: boolean;
  /** Give up waiting after this long (default 10 minutes) with the caller's error, which names the holder. */
  timeoutMs?: number;
  /**
   * Wait only to learn whether the holder is alive: give up (the caller's error) as soon as it
   * shows it is, and take the lock over when it turns out stale. For a lock that is not worth
   * waiting for (a second bot on one state folder).
   */
  untilLive?: boolean;
  /** Called once when the lock is held by someone else and we start waiting. */
  onWait?: (holder: string) => void;
  pollMs?: number;
  /** For tests: how often a holder touches the file (default 5 s), how long an untouched one counts as live (default 30 s). */
  heartbeatMs?: number;
  staleAfterMs?: number;
  /** For tests: the monotonic clock that times the waiting, the watching and a LOCK left unread (the heartbeat's thread keeps to process.hrtime). */
  monotonic?: MonotonicClock;
}

/** A held lock: call it to let go (the file is removed if it is still ours). */
export interface HeldLockFile {
  (): Promise<void>;
  /**
   * Why the lock may be someone else's now, or null while it is ours: the file names another
   * holder (or none, or is gone), or no touch of it succeeded, or no read of it did, for half the
   * stale interval. Once given, the same reason every time.
   */
  lost(): Promise<string | null>;
}

/** The locks this process holds (token → file): known live, and removed at exit. */
const held = new Map<string, string>();

/**
 * Takes the lock `file`; resolves to its release function (or null: held and `wait: false`).
 * `busy` makes the error thrown when waiting gives up, from a description of the holder.
 */
export async function acquireLockFile(file: string, options: LockFileOptions, busy: (holder: string) => Error): Promise<HeldLockFile | null> {
  const clock = options.monotonic ?? monotonicMs;
  const deadline = clock() + (options.timeoutMs ?? 10 * 60_000);
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  let waiting = false;
  // The holder and mtime seen last, and since when (our monotonic clock): a heartbeat moves the mtime.
  let watched = { state: "", since: 0 };
  for (;;) {
    const token = randomBytes(8).toString("hex");
    const mine: Holder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), scope: processScope(), token };
    // Registered before the file exists: a signal that ends the process while the file is
    // created and written (an empty file then) must not leave it behind.
    removeAtExit(token, file);
    try {
      const handle = await open(file, "wx");
      try {
        await handle.writeFile(`${JSON.stringify(mine)}\n`);
      } finally {
        await handle.close();
      }
      const heartbeat = startHeartbeat(file, options.heartbeatMs ?? HEARTBEAT_MS);
      return Object.assign(() => release(file, token, heartbeat), { lost: lostCheck(file, token, heartbeat, staleAfterMs, clock) });
    } catch (error) {
      held.delete(token);
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const mtimeMs = (await stat(file).catch(() => null))?.mtimeMs;
    const raw = await readFile(file, "utf8").catch(() => null);
    if (raw === null || mtimeMs === undefined) continue; // released in between: try again
    // A file that changed while we watched has a live holder (a heartbeat, or a new holder).
    const moved = watched.state !== "" && `${mtimeMs} ${raw}` !== watched.state;
    if (`${mtimeMs} ${raw}` !== watched.state) watched = { state: `${mtimeMs} ${raw}`, since: clock() };
    const holder = parseHolder(raw);
    if (isStale(holder, mtimeMs, clock() - watched.since >= staleAfterMs)) {
      if (!(await removeStale(file, raw))) await sleep(TAKEOVER_POLL_MS);
      continue;
    }
    if (options.wait === false) return null;
    const who = describe(holder, file);
    const live = moved || (holder?.scope === processScope() && holder.pid === process.pid); // or held by this process
    if (clock() >= deadline || (options.untilLive && live)) {
      throw busy(who);
    }
    if (!waiting) {
      waiting = true;
      options.onWait?.(who);
    }
    await sleep(options.pollMs ?? 200);
  }
}

/**
 * Removes the stale lock that read `raw`, unless it changed meanwhile; false when another
 * process is taking over right now. One takeover at a time (`<file>.takeover`, a folder: mkdir
 * fails when it exists): with a re-read and an unlink alone, two processes could both judge one
 * lock stale, and the slower delete the lock the faster had just taken.
 */
async function removeStale(file: string, raw: string): Promise<boolean> {
  const guard = `${file}${TAKEOVER_SUFFIX}`;
  try {
    await mkdir(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // One left by a crash in the few milliseconds it lasts: removed once old.
    const since = (await stat(guard).catch(() => null))?.mtimeMs ?? Date.now();
    if (Date.now() - since > EMPTY_STALE_MS) await rmdir(guard).catch(() => {});
    return false;
  }
  try {
    if ((await readFile(file, "utf8").catch(() => null)) === raw) await unlink(file).catch(() => {});
    return true;
  } finally {
    await rmdir(guard).catch(() => {});
  }
}

/**
 * HeldLockFile.lost. Untouched for half the stale interval counts as lost though no one can take
 * the lock over before the whole interval: what the holder does after a check that passed (an
 * index build's switch of CURRENT, a few ms) then has the other half to itself.
 */
function lostCheck(file: string, token: string, heartbeat: Heartbeat, staleAfterMs: number, clock: MonotonicClock): () => Promise<string | null> {
  const margin = staleAfterMs / 2;
  const untouched = (ms: number): string | null =>
    ms >= margin ? `${file} went untouched for ${seconds(ms)} s (its touches failed, or the process was held up), so another instance could have taken over` : null;
  let lost: string | null = null;
  // When the file last read as ours: at first, when it was written.
  let oursAt = clock();
  return async () => {
    if (lost) return lost;
    const asked = clock();
    const read = await readFile(file, "utf8").then(
      (raw) => ({ raw }),
      (error: NodeJS.ErrnoException) => ({ code: error.code ?? String(error) }),
    );
    // After the read: a read that hung on the disk counts against the margin.
    const untouchedMs = heartbeat.untouchedFor();
    if ("raw" in read) {
      lost = notHeldBy(token, read.raw, file) ?? untouched(untouchedMs);
      if (!lost) oursAt = asked;
    } else if (read.code === "ENOENT") {
      lost = `${file} was deleted, so another instance could have taken over`;
    } else {
      // A read that failed otherwise (EMFILE, EIO) tells nothing either way: the next check reads
      // again. Meanwhile the touches rule out a takeover of a stale lock; what goes unseen is a
      // LOCK deleted by hand and taken, as between any check and the step after it, for no longer
      // than the margin: past it, the unread file counts as lost.
      const unreadMs = clock() - oursAt;
      lost = untouched(untouchedMs) ?? (unreadMs >= margin ? `could not read ${file} (${read.code}) for ${seconds(unreadMs)} s, so another instance could have taken over` : null);
    }
    return lost;
  };
}

function seconds(ms: number): number {
  return Math.round(ms / 1000);
}

/** Why the lock file reading `raw` is not ours (token `token`), or null when it is. */
function notHeldBy(token: string, raw: string, file: string): string | null {
  const holder = parseHolder(raw);
  if (holder?.token === token) return null;
  // Empty: another process is writing its own into it this instant, after taking the lock over.
  return holder ? `another instance took over (${file} names ${describe(holder, file)})` : `${file} no longer names this process as its holder`;
}

async function release(file: string, token: string, heartbeat: Heartbeat): Promise<void> {
  if (!held.delete(token)) return; // released already
  await heartbeat.stop();
  // Only our own lock: a stale-lock takeover may have given it to someone else meanwhile.
  if (parseHolder((await readFile(file, "utf8").catch(() => null)) ?? "")?.token === token) await unlink(file).catch(() => {});
}

let exitHandler = false;

/** Records a held lock; the process's exit removes the ones still held (exit handlers run synchronously). */
function removeAtExit(token: string, file: string): void {
  held.set(token, file);
  if (exitHandler) return;
  exitHandler = true;
  process.on("exit", () => {
    for (const [heldToken, heldFile] of held) {
      try {
        // Empty: ours, created but not yet written (another process's would have made our
        // create fail, and is empty only for the moment it takes to write it).
        const raw = readFileSync(heldFile, "utf8");
        if (raw === "" || parseHolder(raw)?.token === heldToken) unlinkSync(heldFile);
      } catch {
        // gone already, or unreadable: nothing of ours to remove
      }
    }
  });
}

function parseHolder(raw: string): Holder | null {
  try {
    const value = JSON.parse(raw) as Partial<Holder>;
    if (typeof value.pid !== "number" || typeof value.host !== "string" || typeof value.startedAt !== "string") return null;
    return {
      pid: value.pid,
      host: value.host,
      startedAt: value.startedAt,
      ...(typeof value.scope === "string" ? { scope: value.scope } : {}),
      ...(typeof value.token === "string" ? { token: value.token } : {}),
    };
  } catch {
    return null;
  }
}

/** `untouched`: the file has not changed for the stale interval while we watched it. */
function isStale(holder: Holder | null, mtimeMs: number, untouched: boolean): boolean {
  // No holder in it: being written this instant, or its writer died between creating and filling it.
  if (!holder) return Date.now() - mtimeMs > EMPTY_STALE_MS;
  if (holder.scope === processScope()) {
    // Our pid, not our lock: an earlier process that had this pid (a restarted container).
    if (holder.pid === process.pid) return !held.has(holder.token ?? "");
    if (!isAlive(holder.pid)) return true;
  }
  // A process we cannot see, or a live pid that may since have gone to another process.
  return untouched;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

let scope: string | undefined;

/**
 * The process table our pids belong to: the host name, and on Linux the boot and the pid
 * namespace. Two containers may share a host name (`network_mode: host` gives them the host's)
 * while each has its own pids: a pid seen in another one says nothing here.
 */
function processScope(): string {
  const read = (get: () => string): string => {
    try {
      return get().trim();
    } catch {
      return ""; // not Linux, or no /proc: the host name alone
    }
  };
  scope ??= [hostname(), read(() => readFileSync("/proc/sys/kernel/random/boot_id", "utf8")), read(() => readlinkSync("/proc/self/ns/pid"))].join(" ");
  return scope;
}

function describe(holder: Holder | null, file: string): string {
  return holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}` : `lock file ${file}`;
}
