import { clip } from "./clip.js";

/**
 * Usage counters since the bot started, for /stats (kept in memory on purpose: no user data on
 * disk). Question texts are kept only from groups, where their members saw them anyway; a
 * private chat's question is counted, never shown to anyone else.
 */
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

  /** Counts one answered question; unanswered ones from groups are remembered as content gaps. */
  record(question: string, notFound: boolean, fromGroup: boolean): void {
    this.questions++;
    if (!notFound) return;
    this.notFound++;
    if (!fromGroup) return;
    this.recent.push(clip(question, 200));
    if (this.recent.length > this.keepRecent) this.recent.shift();
  }

  /** The last few group questions that found nothing, newest first. */
  recentNotFound(): string[] {
    return [...this.recent].reverse();
  }
}
