import { clip } from "./clip.js";

/** Usage counters since the bot started, for /stats (kept in memory on purpose: no user data on disk). */
export class BotStats {
  questions = 0;
  notFound = 0;
  readonly startedAt: number;
  private readonly recent: string[] = [];

  constructor(
    private readonly keepRecent = 5,
    now: number = Date.now(),
  ) {
    this.startedAt = now;
  }

  /** Counts one answered question; unanswered ones are remembered as content gaps. */
  record(question: string, notFound: boolean): void {
    this.questions++;
    if (!notFound) return;
    this.notFound++;
    this.recent.push(clip(question, 200));
    if (this.recent.length > this.keepRecent) this.recent.shift();
  }

  /** The last few questions that found nothing, newest first. */
  recentNotFound(): string[] {
    return [...this.recent].reverse();
  }
}
