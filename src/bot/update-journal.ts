import { appendFileSync, promises as fs } from "node:fs";
import path from "node:path";
import type { Update } from "grammy/types";
import type { UpdateLog } from "../state/bot-state-store.js";

const FILE = "updates.jsonl";
// Journal lines beyond the live content before the file is rewritten (compacted). Small, so
// the text of handled messages does not stay on disk for long.
const COMPACT_AFTER_LINES = 1_000;
// Updates hold people's messages: readable by the bot's user only.
const FILE_MODE = 0o600;

// Handled update ids remembered (a second delivery of one of them is ignored).
const KEEP_DONE = 10_000;

type Line = { u: Update } | { d: number } | { r: number };

/** What a journal file says: updates not handled yet, the last handled ids, and how often each unfinished one was handled again. */
export interface JournalContent {
  pending: Map<number, Update>;
  done: Set<number>;
  replays: Map<number, number>;
}

/**
 * Reads the journal at `file` without changing it (the bot's start, and moving the state into
 * Postgres); null when there is none. Torn or foreign lines are skipped.
 */
export async function readJournalFile(file: string, keepDone = KEEP_DONE): Promise<JournalContent | null> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const content: JournalContent = { pending: new Map(), done: new Set(), replays: new Map() };
  for (const raw of text.split("\n")) {
    if (!raw) continue;
    let line: Line;
    try {
      line = JSON.parse(raw) as Line;
    } catch {
      continue; // torn write
    }
    if (typeof line !== "object" || line === null) continue;
    if ("u" in line && typeof line.u?.update_id === "number") {
      if (!content.done.has(line.u.update_id)) content.pending.set(line.u.update_id, line.u);
    } else if ("d" in line && typeof line.d === "number") {
      content.pending.delete(line.d);
      content.replays.delete(line.d);
      rememberDone(content.done, line.d, keepDone);
    } else if ("r" in line && typeof line.r === "number") {
      content.replays.set(line.r, (content.replays.get(line.r) ?? 0) + 1);
    }
  }
  return content;
}

/** Adds a handled id, forgetting the oldest beyond `keep`. */
function rememberDone(done: Set<number>, updateId: number, keep: number): void {
  done.add(updateId);
  if (done.size <= keep) return;
  const oldest = done.values().next();
  if (!oldest.done) done.delete(oldest.value);
}

/**
 * A durable record of the updates the bot has taken from Telegram: each update is appended
 * (and fsynced) before Telegram is told it was received, and marked done once handled. On
 * start, updates never marked done are handled again, so a crash or kill at any moment loses no
 * question. The ids of the last `keepDone` handled updates are kept too, so an update delivered
 * twice (a re-sent webhook, a poll not yet confirmed) is handled once.
 *
 * One JSON object per line: `{"u": update}` when received, `{"d": id}` when handled, `{"r": id}`
 * each time an unfinished update is handled again after a restart. A torn last
 * line (a kill mid-write) is ignored: its update was never confirmed to Telegram, which sends it
 * again.
 */
export class UpdateJournal implements UpdateLog {
  /** One process owns the folder: nothing else finishes or takes over its updates. */
  readonly shared = false;

  private lines = 0;
  private chain: Promise<void> = Promise.resolve();
  private dirty = false;
  private syncTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private compactQueued = false;
  /** The last append failed: the file may end in part of a line. */
  private torn = false;
  /** While a compaction runs: ids marked done since it took its snapshot. */
  private doneDuringCompaction: number[] | undefined;

  private constructor(
    private readonly file: string,
    private handle: fs.FileHandle,
    private readonly keepDone: number,
    private readonly pendingUpdates: Map<number, Update>,
    private readonly doneIds: Set<number>,
    private readonly replays: Map<number, number>,
  ) {}

  /** Opens (creating when needed) the journal in `dir` and compacts it. */
  static async open(dir: string, options: { keepDone?: number } = {}): Promise<UpdateJournal> {
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, FILE);
    const keepDone = options.keepDone ?? KEEP_DONE;
    const { pending, done, replays } = (await readJournalFile(file, keepDone)) ?? { pending: new Map(), done: new Set<number>(), replays: new Map() };
    const journal = new UpdateJournal(file, await fs.open(file, "a", FILE_MODE), keepDone, pending, done, replays);
    await journal.enqueue(() => journal.compact());
    return journal;
  }

  /** Received earlier (handled or still pending): a second delivery is to be ignored. */
  has(updateId: number): boolean {
    return this.pendingUpdates.has(updateId) || this.doneIds.has(updateId);
  }

  /** Journals the updates not seen before and returns them (see UpdateLog). */
  async claim(updates: readonly Update[]): Promise<Update[]> {
    const seen = new Set<number>();
    const fresh = updates.filter((u) => {
      if (this.has(u.update_id) || seen.has(u.update_id)) return false;
      seen.add(u.update_id);
      return true;
    });
    await this.add(fresh);
    return fresh;
  }

  /** The updates an earlier run left unfinished, to handle again (see UpdateLog). */
  async reclaim(maxReplays: number): Promise<{ replay: Update[]; dropped: number[] }> {
    const replay: Update[] = [];
    const dropped: number[] = [];
    for (const update of this.pending()) {
      if (this.replayCount(update.update_id) < maxReplays) replay.push(update);
      else dropped.push(update.update_id);
    }
    for (const id of dropped) this.markDone(id);
    await this.markReplayed(replay.map((u) => u.update_id));
    return { replay, dropped };
  }

  /** Updates received but not handled yet (left by a crash or a stop), oldest first. */
  pending(): Update[] {
    return [...this.pendingUpdates.values()].sort((a, b) => a.update_id - b.update_id);
  }

  /** How many times an unfinished update was handled again after a restart. */
  replayCount(updateId: number): number {
    return this.replays.get(updateId) ?? 0;
  }

  /** Records durably that these pending updates are being handled again (see `replayCount`). */
  markReplayed(updateIds: readonly number[]): Promise<void> {
    if (updateIds.length === 0) return Promise.resolve();
    for (const id of updateIds) this.replays.set(id, this.replayCount(id) + 1);
    const text = updateIds.map((r) => `${JSON.stringify({ r })}\n`).join("");
    return this.enqueue(async () => {
      await this.append(text);
      this.lines += updateIds.length;
    });
  }

  /**
   * Records new updates durably (written and fsynced when this resolves); the caller filters
   * out known ids with `has` first. Only then may Telegram be told they were received.
   */
  add(updates: readonly Update[]): Promise<void> {
    if (updates.length === 0) return Promise.resolve();
    for (const update of updates) this.pendingUpdates.set(update.update_id, update);
    const text = updates.map((u) => `${JSON.stringify({ u })}\n`).join("");
    return this.enqueue(async () => {
      try {
        await this.append(text);
      } catch (error) {
        // Not journaled (disk full, read-only): forgotten, so that Telegram, which was not told
        // they arrived, sends them again and they are taken then. Kept, they were taken for
        // duplicates of themselves, confirmed, and never answered.
        for (const update of updates) this.pendingUpdates.delete(update.update_id);
        throw error;
      }
      this.lines += updates.length;
    });
  }

  /** One process's journal (its folder is locked): no one else takes its updates. */
  lost(): boolean {
    return false;
  }

  /**
   * Marks an update handled. Appended synchronously, right after the answer went out: a kill
   * in between is what repeats an answer after a restart, so the gap must not wait behind
   * another write's fsync (that made 2 of 40 answers repeat in a crash test). Fsynced within
   * a moment: after a power loss the worst case is an answer sent twice, never one lost.
   */
  markDone(updateId: number): void {
    if (!this.pendingUpdates.delete(updateId)) return;
    this.replays.delete(updateId);
    rememberDone(this.doneIds, updateId, this.keepDone);
    if (this.closed) return;
    try {
      appendFileSync(this.file, `${this.torn ? "\n" : ""}${JSON.stringify({ d: updateId })}\n`, { mode: FILE_MODE });
    } catch {
      this.torn = true;
      return; // not fatal: at worst the update is answered again after a restart
    }
    this.torn = false;
    this.doneDuringCompaction?.push(updateId);
    this.lines++;
    this.dirty = true;
    this.syncTimer ??= setTimeout(() => {
      this.syncTimer = undefined;
      void this.enqueue(() => this.sync()).catch(() => undefined);
    }, 200);
    if (!this.compactQueued && this.lines > COMPACT_AFTER_LINES + this.pendingUpdates.size + this.doneIds.size) {
      this.compactQueued = true;
      void this.enqueue(() => this.compact()).catch(() => undefined);
    }
  }

  /** Flushes everything and closes the file; pending updates stay for the next start. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.syncTimer);
    await this.enqueue(async () => {
      await this.compact();
      await this.handle.close();
    });
  }

  /**
   * Appends whole lines durably. writeFile, not write: a nearly full disk takes part of a write
   * without an error. After a failed append part of a line may be in the file: the next one
   * starts on a new line, so it is not glued to the torn one (and skipped with it at start).
   */
  private async append(text: string): Promise<void> {
    try {
      await this.handle.writeFile(this.torn ? `\n${text}` : text);
      await this.handle.datasync();
    } catch (error) {
      this.torn = true;
      throw error;
    }
    this.torn = false;
  }

  private async sync(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    await this.handle.datasync();
  }

  /** Rewrites the file with only what is live: pending updates and the remembered done ids. */
  private async compact(): Promise<void> {
    this.compactQueued = false;
    this.doneDuringCompaction = [];
    const body = [
      ...this.pending().flatMap((u) => [JSON.stringify({ u }), ...Array.from({ length: this.replayCount(u.update_id) }, () => JSON.stringify({ r: u.update_id }))]),
      ...[...this.doneIds].map((d) => JSON.stringify({ d })),
    ];
    const tmp = `${this.file}.tmp`;
    const out = await fs.open(tmp, "w", FILE_MODE);
    try {
      await out.writeFile(body.length > 0 ? `${body.join("\n")}\n` : "");
      await out.datasync();
    } finally {
      await out.close();
    }
    await fs.rename(tmp, this.file);
    this.torn = false;
    // Done marks appended while the new file was written went to the old one: add them again.
    const late = this.doneDuringCompaction;
    this.doneDuringCompaction = undefined;
    await this.handle.close();
    this.handle = await fs.open(this.file, "a", FILE_MODE);
    if (late.length > 0) await this.handle.write(late.map((d) => `${JSON.stringify({ d })}\n`).join(""));
    this.lines = body.length + late.length;
    this.dirty = late.length > 0;
  }

  // One file operation at a time, in order (appends must not interleave with a compaction).
  private enqueue(op: () => Promise<void>): Promise<void> {
    const next = this.chain.then(op);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
