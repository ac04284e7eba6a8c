import { promises as fs } from "node:fs";
import path from "node:path";
import { clip } from "../bot/clip.js";
import { writeFileDurably } from "../shared/durable-write.js";
import type { FeedbackSummary, Vote } from "./bot-state-store.js";

export type { FeedbackSummary, Vote } from "./bot-state-store.js";

export const FEEDBACK_FILE = "feedback.json";
// Readable by the bot's user only: it holds group questions.
const FILE_MODE = 0o600;
// Changes are saved at most this often, as bot-state.json is (file-bot-state.ts): the whole
// file is rewritten, and every answer and every vote changes it. A crash loses at most this
// much of the votes (statistics).
const SAVE_DELAY_MS = 2_000;

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
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly file: string | null,
    private readonly maxAnswers: number,
    private readonly maxVoters: number,
    /** A failed save (disk full, read-only): votes stay in memory, the caller logs why. */
    private readonly onSaveError: (error: unknown) => void = () => undefined,
  ) {}

  /** Kept in memory only (tests, or no state dir). */
  static inMemory(options: { maxAnswers?: number; maxVoters?: number } = {}): FeedbackStore {
    return new FeedbackStore(null, options.maxAnswers ?? 2_000, options.maxVoters ?? 200);
  }

  /** Opens (or starts) `dir/feedback.json`; an unreadable file is started afresh rather than stopping the bot. */
  static async open(
    dir: string,
    options: { maxAnswers?: number; maxVoters?: number; onSaveError?: (error: unknown) => void } = {},
  ): Promise<FeedbackStore> {
    await fs.mkdir(dir, { recursive: true });
    const store = new FeedbackStore(path.join(dir, FEEDBACK_FILE), options.maxAnswers ?? 2_000, options.maxVoters ?? 200, options.onSaveError);
    try {
      const saved = JSON.parse(await fs.readFile(path.join(dir, FEEDBACK_FILE), "utf8")) as { answers?: [string, AnswerVotes][] };
      for (const [key, entry] of saved.answers ?? []) {
        if (typeof key === "string" && entry && typeof entry.votes === "object") store.answers.set(key, entry);
      }
      store.trim();
    } catch {
      // Missing or damaged: feedback starts empty (it is statistics, not data anyone needs back).
    }
    return store;
  }

  /** Remembers an answer that can be voted on; `groupQuestion` only for questions asked in groups. */
  register(answerKey: string, groupQuestion: string | null): void {
    this.answers.delete(answerKey);
    this.answers.set(answerKey, { question: groupQuestion === null ? null : clip(groupQuestion, 200), votes: {} });
    this.trim();
    this.save();
  }

  /** Records `userId`'s vote on an answer; says whether it is new, changed or the same as before. */
  vote(answerKey: string, userId: number, vote: Vote): "new" | "changed" | "same" {
    let entry = this.answers.get(answerKey);
    if (!entry) {
      entry = { question: null, votes: {} };
      this.answers.set(answerKey, entry);
      this.trim();
    }
    const before = entry.votes[userId];
    if (before === vote) return "same";
    if (before === undefined && Object.keys(entry.votes).length >= this.maxVoters) return "same";
    entry.votes[userId] = vote;
    this.save();
    return before === undefined ? "new" : "changed";
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
    if (this.timer) this.write();
    return this.writing;
  }

  private trim(): void {
    while (this.answers.size > this.maxAnswers) {
      const oldest = this.answers.keys().next().value;
      if (oldest === undefined) break;
      this.answers.delete(oldest);
    }
  }

  private save(): void {
    if (this.file === null || this.timer) return;
    this.timer = setTimeout(() => this.write(), SAVE_DELAY_MS);
    this.timer.unref();
  }

  // Whole-file rewrite (small, bounded), crash-safe (durable-write.ts); writes are chained so
  // the last one wins.
  private write(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const file = this.file;
    if (file === null) return;
    const text = JSON.stringify({ answers: [...this.answers] });
    this.writing = this.writing.then(() => writeFileDurably(file, text, FILE_MODE)).catch((error: unknown) => this.onSaveError(error));
  }
}
