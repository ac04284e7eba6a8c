import { promises as fs } from "node:fs";
import path from "node:path";
import { clip } from "../bot/clip.js";
import { DelayedSave } from "../shared/delayed-save.js";
import type { FeedbackSummary, Vote, VoteResult } from "./bot-state-store.js";

export type { FeedbackSummary, Vote, VoteResult } from "./bot-state-store.js";

export const FEEDBACK_FILE = "feedback.json";

interface AnswerVotes {
  /** The question, kept only when it was asked in a group (its members saw it); null for private chats. */
  question: string | null;
  votes: Record<string, Vote>;
}

/**
 * Votes on answers, one per user per answer (voting again replaces the vote), kept in a small
 * JSON file in STATE_DIR so they survive restarts. Bounded: the oldest answers are forgotten
 * beyond `maxAnswers`, and at most `maxVoters` votes are kept per answer. Private questions are
 * never stored, only counted.
 */
export class FeedbackStore {
  private readonly answers = new Map<string, AnswerVotes>();
  // Every answer and every vote changes the file: saved a moment later (a crash loses a few
  // votes, which are statistics), as bot-state.json is.
  private readonly saver: DelayedSave | null;

  private constructor(
    file: string | null,
    private readonly maxAnswers: number,
    private readonly maxVoters: number,
    /** A failed save (disk full, read-only): votes stay in memory, the caller logs why. */
    onSaveError: (error: unknown) => void = () => undefined,
  ) {
    this.saver = file === null ? null : new DelayedSave(file, () => JSON.stringify({ answers: [...this.answers] }), onSaveError);
  }

  /** Kept in memory only (tests, or no state dir). */
  static inMemory(options: { maxAnswers?: number; maxVoters?: number } = {}): FeedbackStore {
    return new FeedbackStore(null, options.maxAnswers ?? 2_000, options.maxVoters ?? 200);
  }

  /** Opens (or starts) `dir/feedback.json`; an unreadable file is started afresh rather than stopping the bot. */
  static async open(
    dir: string,
    options: { maxAnswers?: number; maxVoters?: number; onSaveError?: (error: unknown) => void; onDamaged?: OnDamaged } = {},
  ): Promise<FeedbackStore> {
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, FEEDBACK_FILE);
    const store = new FeedbackStore(file, options.maxAnswers ?? 2_000, options.maxVoters ?? 200, options.onSaveError);
    try {
      const saved = JSON.parse(await fs.readFile(file, "utf8")) as { answers?: [string, AnswerVotes][] };
      for (const [key, entry] of saved.answers ?? []) {
        if (typeof key === "string" && entry && typeof entry.votes === "object") store.answers.set(key, entry);
      }
      store.trim();
    } catch (error) {
      // Missing or damaged: feedback starts empty (it is statistics, not data anyone needs back).
      await setAsideDamaged(file, error, options.onDamaged);
    }
    return store;
  }

  /** Remembers an answer that can be voted on; `groupQuestion` only for questions asked in groups. */
  register(answerKey: string, groupQuestion: string | null): void {
    this.answers.delete(answerKey);
    this.answers.set(answerKey, { question: groupQuestion === null ? null : clip(groupQuestion, 200), votes: {} });
    this.trim();
    this.saver?.request();
  }

  /**
   * Records `userId`'s vote on an answer; says whether it is new, changed or the same as before,
   * and whether the answer's question is kept (an answer forgotten is counted under none).
   */
  vote(answerKey: string, userId: number, vote: Vote): VoteResult {
    let entry = this.answers.get(answerKey);
    if (!entry) {
      entry = { question: null, votes: {} };
      this.answers.set(answerKey, entry);
      this.trim();
    }
    const listed = entry.question !== null;
    const before = entry.votes[userId];
    if (before === vote) return { outcome: "same", listed };
    // A new voter beyond the bound: the vote is not kept (the answer has plenty), and the thanks
    // says nothing of it being counted.
    if (before === undefined && Object.keys(entry.votes).length >= this.maxVoters) return { outcome: "not-kept", listed };
    entry.votes[userId] = vote;
    this.saver?.request();
    return { outcome: before === undefined ? "new" : "changed", listed };
  }

  summary(worstCount = 5): FeedbackSummary {
    let up = 0;
    let down = 0;
    const worst: FeedbackSummary["worst"] = [];
    for (const entry of this.answers.values()) {
      const values = Object.values(entry.votes);
      const u = values.filter((v) => v === 1).length;
      const d = values.length - u;
      up += u;
      down += d;
      if (entry.question !== null && d > u) worst.push({ question: entry.question, up: u, down: d });
    }
    worst.sort((a, b) => b.down - b.up - (a.down - a.up) || b.down - a.down);
    return { up, down, worst: worst.slice(0, worstCount) };
  }

  /** Saves what is not saved yet now; resolves when the last change is on disk (tests, shutdown). */
  flush(): Promise<void> {
    return this.saver?.flush() ?? Promise.resolve();
  }

  private trim(): void {
    while (this.answers.size > this.maxAnswers) {
      const oldest = this.answers.keys().next().value;
      if (oldest === undefined) break;
      this.answers.delete(oldest);
    }
  }
}

/**
 * A state file that could not be read (not a missing one): where its content was kept, and why
 * it could not be read in words that quote none of it (it holds users' questions).
 */
export type OnDamaged = (file: string, keptAs: string, reason: string) => void;

/**
 * A state file that exists but could not be read (half-written by a file system without atomic
 * renames, edited by hand): renamed to `<file>.damaged-<time>` (e.g. `bot-state.json.damaged-2026-02-04T10-00-00.000Z`)
 * and reported, so the next save does not overwrite what may still be recovered by hand. Before,
 * it was overwritten without a word. One found damaged later does not replace an earlier one.
 * The state folder is locked by this process, so no one else takes the name in between.
 */
export async function setAsideDamaged(file: string, error: unknown, onDamaged: OnDamaged = () => undefined, now = new Date()): Promise<void> {
  if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
  const base = `${file}.damaged-${now.toISOString().replace(/:/g, "-")}`; // no ":" (not allowed in Windows file names)
  let keptAs = base;
  for (let n = 2; await fs.lstat(keptAs).then(() => true, () => false); n++) keptAs = `${base}-${n}`;
  const reason = damageReason(error);
  await fs.rename(file, keptAs).then(
    () => onDamaged(file, keptAs, reason),
    () => onDamaged(file, file, reason), // could not be moved (read-only folder): it stays, and is overwritten if a save ever succeeds
  );
}

/**
 * Why a state file could not be read, without its content: JSON.parse's message quotes the
 * text around the fault (on newer Node about 20 characters of it: a user's question), so only
 * the offset is taken from it.
 */
export function damageReason(error: unknown): string {
  if (error instanceof SyntaxError) {
    const offset = /\bat position (\d+)/.exec(error.message)?.[1];
    if (offset !== undefined) return `not valid JSON (at offset ${offset})`;
    if (/end of JSON input/i.test(error.message)) return "not valid JSON (it ends too early)";
    return "not valid JSON";
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === "string" && /^[A-Z0-9_]+$/.test(code)) return `could not be read (${code})`;
  return "valid JSON, but not in the form this version reads";
}
