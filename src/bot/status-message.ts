import type { Api } from "grammy";
import { inPassing } from "./api-retry.js";

const HTML = { parse_mode: "HTML" } as const;

/**
 * One message edited in place: progress at most every `intervalMs` (Telegram rate-limits
 * edits), one edit in flight at a time. A progress text that arrives too soon is not dropped
 * but kept as the latest, and shown when the interval allows: otherwise a build whose later
 * phases report nothing for a while showed its first step ("reading 0/1") until the summary.
 * Progress is shown in passing (see `inPassing`): a progress edit refused by Telegram's flood
 * control is not waited out, as the final text waits for the edit in flight and was held up to
 * 5 minutes behind it; the final text itself is waited for.
 */
export class StatusMessage {
  private lastEditAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> = Promise.resolve();
  private busy = false;
  private lastText = "";
  private pending: string | null = null;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly api: Pick<Api, "editMessageText" | "sendMessage">,
    private readonly chatId: number,
    /** Undefined when the message could not be sent: no progress then, and the final text is sent anew. */
    private readonly messageId: number | undefined,
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  /** Shows progress now, or as soon as the interval and the edit in flight allow (the latest text wins). */
  progress(text: string): void {
    if (this.closed || this.messageId === undefined) return;
    this.pending = text === this.lastText ? null : text;
    this.flush();
  }

  /** Shows the final text (no progress after it); if the message cannot be edited, sends it as a new message. */
  async final(text: string): Promise<void> {
    this.closed = true;
    this.pending = null;
    clearTimeout(this.timer);
    await this.inFlight;
    try {
      await this.edit(text, HTML);
    } catch {
      await this.api.sendMessage(this.chatId, text, { parse_mode: "HTML" });
    }
  }

  private flush(): void {
    if (this.closed || this.busy || this.timer || this.pending === null) return;
    const wait = this.lastEditAt + this.intervalMs - this.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, wait);
      this.timer.unref();
      return;
    }
    const text = this.pending;
    this.pending = null;
    this.busy = true;
    this.inFlight = this.edit(text, inPassing(HTML))
      .catch(() => undefined) // a lost progress edit is harmless
      .finally(() => {
        this.busy = false;
        this.flush();
      });
  }

  private async edit(text: string, options: typeof HTML): Promise<void> {
    const { messageId } = this;
    if (messageId === undefined) throw new Error("no status message to edit"); // final sends its text anew
    this.lastEditAt = this.now();
    this.lastText = text;
    await this.api.editMessageText(this.chatId, messageId, text, options);
  }
}
