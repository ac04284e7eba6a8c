import { clip } from "../bot/clip.js";
import type { CountedQuestion, StatsSnapshot } from "./bot-state-store.js";

/** What the files keep of the stats. */
export interface SavedStats {
  questions: number;
  notFound: number;
  recent: string[];
  since: number;
}

/**
 * Usage counters for /stats. Question texts are kept only from groups, where their members saw
 * them anyway; a private chat's question is counted, never shown to anyone else.
 */
export class MemoryStats {
  questions = 0;
  notFound = 0;
  private recent: string[] = [];

  constructor(
    public since: number,
    private readonly keepRecent = 20,
    private readonly onChange: () => void = () => {},
  ) {}

  async record(question: string, notFound: boolean, fromGroup: boolean): Promise<void> {
    this.questions++;
    if (notFound) {
      this.notFound++;
      if (fromGroup) this.addGap(question);
    }
    this.onChange();
  }

  async revise(earlier: CountedQuestion, question: string, notFound: boolean, fromGroup: boolean): Promise<void> {
    this.notFound = Math.max(0, this.notFound - Number(earlier.notFound) + Number(notFound));
    if (fromGroup && earlier.notFound) {
      // Gone already when 20 newer gaps pushed it out.
      const at = this.recent.lastIndexOf(clip(earlier.question, 200));
      if (at >= 0) this.recent.splice(at, 1);
    }
    if (fromGroup && notFound) this.addGap(question);
    this.onChange();
  }

  private addGap(question: string): void {
    this.recent.push(clip(question, 200));
    if (this.recent.length > this.keepRecent) this.recent.shift();
  }

  async snapshot(recent: number): Promise<StatsSnapshot> {
    return { questions: this.questions, notFound: this.notFound, recentNotFound: [...this.recent].reverse().slice(0, recent), since: this.since };
  }

  toJSON(): SavedStats {
    return { questions: this.questions, notFound: this.notFound, recent: this.recent, since: this.since };
  }

  restore(saved: Partial<SavedStats>): void {
    if (Number.isSafeInteger(saved.questions)) this.questions = saved.questions as number;
    if (Number.isSafeInteger(saved.notFound)) this.notFound = saved.notFound as number;
    if (Number.isFinite(saved.since)) this.since = saved.since as number;
    if (Array.isArray(saved.recent)) this.recent = saved.recent.filter((q): q is string => typeof q === "string").slice(-this.keepRecent);
  }
}
