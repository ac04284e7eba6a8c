import type { Api } from "grammy";
import { ReindexInProgressError } from "../knowledge-base/knowledge-base.js";
import type { FeatureDeps } from "./bot-deps.js";
import { type Lang, messages } from "./messages.js";

/**
 * Runs `kb.reindex` in the background, editing one status message with throttled progress and
 * then the summary. Questions keep being answered meanwhile (the old index serves until the
 * swap); the returned promise never rejects.
 */
export function startReindexJob(deps: FeatureDeps, api: Api, chatId: number, statusMessageId: number, lang: Lang): Promise<void> {
  const status = new StatusMessage(api, chatId, statusMessageId, deps.progressIntervalMs ?? 2_000, deps.now);
  const job = (async () => {
    try {
      const summary = await deps.kb.reindex((progress) => status.progress(messages.reindexProgress(lang, progress)));
      deps.logger.info({ ...summary, skipped: summary.skipped.length }, "re-index finished");
      await status.final(messages.reindexSummary(lang, summary));
    } catch (error) {
      if (error instanceof ReindexInProgressError) {
        await status.final(messages.reindexBusy(lang));
        return;
      }
      deps.logger.error({ err: error }, "re-index failed");
      await status.final(messages.reindexFailed(lang));
    }
  })().catch((error: unknown) => deps.logger.error({ err: error }, "re-index status report failed"));
  deps.state.tasks.add(job);
  void job.finally(() => deps.state.tasks.delete(job));
  return job;
}

/** One message edited in place: progress at most every `intervalMs`, one edit in flight at a time. */
class StatusMessage {
  private lastEditAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> = Promise.resolve();
  private busy = false;
  private lastText = "";

  constructor(
    private readonly api: Api,
    private readonly chatId: number,
    private readonly messageId: number,
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  /** Shows progress unless an edit is running or the last one was too recent (Telegram rate-limits edits). */
  progress(text: string): void {
    if (this.busy || text === this.lastText || this.now() - this.lastEditAt < this.intervalMs) return;
    this.busy = true;
    this.inFlight = this.edit(text)
      .catch(() => undefined) // a lost progress edit is harmless
      .finally(() => {
        this.busy = false;
      });
  }

  /** Shows the final text; if the message cannot be edited, sends it as a new message. */
  async final(text: string): Promise<void> {
    await this.inFlight;
    try {
      await this.edit(text);
    } catch {
      await this.api.sendMessage(this.chatId, text, { parse_mode: "HTML" });
    }
  }

  private async edit(text: string): Promise<void> {
    this.lastEditAt = this.now();
    this.lastText = text;
    await this.api.editMessageText(this.chatId, this.messageId, text, { parse_mode: "HTML" });
  }
}
