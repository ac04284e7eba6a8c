import type { Api } from "grammy";
import { ReindexInProgressError } from "../knowledge-base/knowledge-base.js";
import type { FeatureDeps } from "./bot-deps.js";
import { type Lang, messages } from "./messages.js";
import { StatusMessage } from "./status-message.js";

/** A chat a build reports to, and the uploads it was started for (named again if it cannot run). */
interface Target {
  status: StatusMessage;
  lang: Lang;
  uploaded: string[];
}

/**
 * The re-index builds this bot starts, one at a time, in the background, each editing status
 * messages with throttled progress and then the summary. Questions keep being answered meanwhile
 * (the old index serves until the swap). Files uploaded while a build runs may be missed by it
 * (it may have read the folder already): they wait for one more build right after it, so a burst
 * of files (several files selected at once arrive as a message each) costs at most two builds and
 * none is left unindexed.
 */
export class ReindexJobs {
  /** The chat the running build was started in; undefined when none of ours runs. */
  private runningChat: number | undefined;
  /** Uploads saved during the running build, by chat: the next build is theirs. */
  private readonly queued = new Map<number, { api: Api; lang: Lang; files: string[] }>();

  constructor(private readonly deps: FeatureDeps) {}

  /** Whether a build runs (ours, or another one in this process). */
  busy(): boolean {
    return this.runningChat !== undefined || this.deps.kb.isReindexing();
  }

  /** Whether our running build was started in `chatId` (its status message is there). */
  runningIn(chatId: number): boolean {
    return this.runningChat === chatId;
  }

  /**
   * Starts a build reporting to `statusMessageId`; `uploaded`: the article file saved just before
   * (an admin upload). The returned promise never rejects.
   */
  start(api: Api, chatId: number, statusMessageId: number, lang: Lang, uploaded?: string): Promise<void> {
    this.runningChat = chatId;
    return (async () => {
      await this.run([{ status: this.statusMessage(api, chatId, statusMessageId), lang, uploaded: uploaded === undefined ? [] : [uploaded] }]);
      while (this.queued.size > 0) await this.runQueued();
    })().finally(() => {
      // Cleared only once the queue is empty: an upload meanwhile never starts a build of its own.
      this.runningChat = undefined;
    });
  }

  /** An upload saved while a build runs: indexed by the build that follows it. */
  queue(api: Api, chatId: number, lang: Lang, fileName: string): void {
    const entry = this.queued.get(chatId) ?? { api, lang, files: [] };
    entry.lang = lang;
    if (!entry.files.includes(fileName)) entry.files.push(fileName);
    this.queued.set(chatId, entry);
  }

  private statusMessage(api: Api, chatId: number, messageId: number): StatusMessage {
    return new StatusMessage(api, chatId, messageId, this.deps.progressIntervalMs ?? 2_000, this.deps.now);
  }

  /** One build reported to `targets`; never rejects. */
  private async run(targets: Target[]): Promise<void> {
    const { deps } = this;
    await this.build(targets).catch((error: unknown) => deps.logger.error({ err: error }, "re-index status report failed"));
  }

  private async build(targets: Target[]): Promise<void> {
    const { deps } = this;
    try {
      const summary = await deps.kb.reindex((progress) => {
        for (const t of targets) t.status.progress(messages.reindexProgress(t.lang, progress));
      });
      deps.logger.info({ ...summary, skipped: summary.skipped.length }, "re-index finished");
      await Promise.all(targets.map((t) => t.status.final(messages.reindexSummary(t.lang, summary))));
    } catch (error) {
      // Another build started since the caller checked: the status message said "Re-indexing…".
      if (error instanceof ReindexInProgressError) {
        await Promise.all(
          targets.map((t) =>
            t.status.final(
              t.uploaded.length > 0
                ? messages.uploadSavedButBusy(t.lang, t.uploaded)
                : error.elsewhere
                  ? messages.reindexBusyElsewhere(t.lang)
                  : messages.reindexBusy(t.lang, false),
            ),
          ),
        );
      } else {
        deps.logger.error({ err: error }, "re-index failed");
        const reason = error instanceof Error ? error.message : String(error);
        await Promise.all(targets.map((t) => t.status.final(messages.reindexFailed(t.lang, reason))));
      }
    }
  }

  /** Runs the build the uploads queued during the last one wait for, with a new status message in each of their chats. */
  private async runQueued(): Promise<void> {
    const entries = [...this.queued];
    this.queued.clear();
    this.runningChat = entries[0]?.[0];
    const targets: Target[] = [];
    for (const [chatId, { api, lang, files }] of entries) {
      try {
        const sent = await api.sendMessage(chatId, messages.reindexQueuedStarted(lang, files), { parse_mode: "HTML" });
        targets.push({ status: this.statusMessage(api, chatId, sent.message_id), lang, uploaded: files });
      } catch (error) {
        // The build still runs: the files are saved, only this report is lost.
        this.deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "re-index status message not sent");
      }
    }
    await this.run(targets);
  }
}
