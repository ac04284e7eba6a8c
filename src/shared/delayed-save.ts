// A small state file rewritten whole a moment after it changes, not on every change: a busy bot
// changes it on every message. A crash loses at most the last SAVE_DELAY_MS of changes (after a
// failed write, what changed since the last good one: it is written again with the next change).
import { writeFileDurably } from "./durable-write.js";

export const SAVE_DELAY_MS = 2_000;
// Readable by the bot's user only: what is saved this way holds people's questions.
const FILE_MODE = 0o600;

/**
 * Saves `content()` to `file` (crash-safe, durable-write.ts) SAVE_DELAY_MS after the first change
 * not yet saved, and at once on `flush`. Writes are chained: two never overlap, and the last one
 * wins. A failed write (disk full, read-only) goes to `onError`; the data stays in memory and is
 * written again with the next change or the flush.
 */
export class DelayedSave {
  private timer: NodeJS.Timeout | undefined;
  private unsaved = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly content: () => string,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Something changed: a save is due within SAVE_DELAY_MS. */
  request(): void {
    this.unsaved = true;
    if (this.timer) return;
    this.timer = setTimeout(() => void this.write(), SAVE_DELAY_MS).unref();
  }

  /** Writes what is not saved yet now; resolves when the last write is done (shutdown, tests). */
  flush(): Promise<void> {
    return this.unsaved ? this.write() : this.writing;
  }

  private write(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.unsaved = false;
    const text = this.content();
    this.writing = this.writing
      .then(() => writeFileDurably(this.file, text, FILE_MODE))
      .catch((error: unknown) => {
        this.unsaved = true;
        this.onError(error);
      });
    return this.writing;
  }
}
