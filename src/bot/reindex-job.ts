import type { Api } from "grammy";
import { AppError, ReindexInProgressError } from "../knowledge-base/knowledge-base.js";
import type { FeatureDeps } from "./bot-deps.js";
import { type Lang, messages } from "./messages.js";
import { StatusMessage } from "./status-message.js";

/** An article file an admin added (uploaded) or removed: what a build is started for. */
export interface FileChange {
  fileName: string;
  removed?: true;
  /** An upload replaced a file of that name (its reply says so). */
  replaced?: boolean;
}

/** A chat a build reports to, and the file changes it was started for (named again if it cannot run). */
interface Target {
  status: StatusMessage;
  lang: Lang;
  changes: FileChange[];
}

/**
 * The re-index builds this bot starts, one at a time, in the background, each editing status
 * messages with throttled progress and then the summary. Questions keep being answered meanwhile
 * (the old index serves until the swap). Files uploaded or removed while a build runs may be missed
 * by it (it may have read the folder already): they wait for one more build right after it, so a
 * burst of files (several files selected at once arrive as a message each) costs at most two
 * builds and none is left unindexed.
 */
export class ReindexJobs {
  /** The chat the running build was started in; undefined when none of ours runs. */
  private runningChat: number | undefined;
  /** Files uploaded or removed during the running build, by chat: the next build is theirs. */
  private readonly queued = new Map<number, { api: Api; lang: Lang; changes: FileChange[] }>();

  constructor(private readonly deps: FeatureDeps) {}

  /** Whether a build runs (ours, or another one in this process). */
  busy(): boolean {
    return this.runningChat !== undefined || this.deps.kb.isReindexing();
  }

  /**
   * Whether another process builds now. A database that cannot be asked counts as no build
   * elsewhere: the build asks again first, and its failure tells the admin why ("Cannot use the
   * database …"), not "something went wrong" (after an upload or removal that was stored, too).
   */
  buildingElsewhere(): Promise<boolean> {
    return this.deps.kb.isReindexingElsewhere().catch(() => false);
  }

  /** Whether our running build was started in `chatId` (its status message is there). */
  runningIn(chatId: number): boolean {
    return this.runningChat === chatId;
  }

  /**
   * Starts a build reporting to `statusMessageId` (undefined: none was sent, see StatusMessage);
   * `change`: the article file uploaded or removed just before. The returned promise never rejects.
   */
  start(api: Api, chatId: number, statusMessageId: number | undefined, lang: Lang, change?: FileChange): Promise<void> {
    // One of ours began while the caller was sending its status message (two admins at the same
    // moment): this one is refused, or its change queued, as it would have been a moment later.
    // Starting it anyway took over `runningChat`, and the running build's own chat was then told
    // it runs in another one.
    if (this.runningChat !== undefined) {
      if (change !== undefined) this.queue(api, chatId, lang, change);
      const text = change !== undefined ? messages.changeQueued(lang, change) : messages.reindexBusy(lang, this.runningIn(chatId));
      return this.statusMessage(api, chatId, statusMessageId)
        .final(text)
        .catch(this.notSent(change !== undefined ? "the change stays queued" : "the re-index already running goes on"));
    }
    this.runningChat = chatId;
    return (async () => {
      await this.run([{ status: this.statusMessage(api, chatId, statusMessageId), lang, changes: change === undefined ? [] : [change] }]);
      while (this.queued.size > 0) await this.runQueued();
    })().finally(() => {
      // Cleared only once the queue is empty: an upload meanwhile never starts a build of its own.
      this.runningChat = undefined;
    });
  }

  /** A file uploaded or removed while a build runs: indexed by the build that follows it. */
  private queue(api: Api, chatId: number, lang: Lang, change: FileChange): void {
    const entry = this.queued.get(chatId) ?? { api, lang, changes: [] };
    entry.lang = lang;
    // The same file uploaded, then removed (or back): its last change is what the build will find.
    entry.changes = [...entry.changes.filter((c) => c.fileName !== change.fileName), change];
    this.queued.set(chatId, entry);
  }

  /**
   * Indexes a file an admin just uploaded or removed: by a build now, whose status is the message
   * `show` puts `text` in (and returns the id of); by the build after ours when one runs; or, when
   * another process builds, not at all, saying so (a /reindex after it will). The file is saved or
   * removed already: a status `show` cannot send (Telegram unreachable) is one warning, and
   * changes nothing else: the build still starts (it sends its summary as a new message), the
   * queued change still waits. Before, it stopped the build, and the file stayed unindexed.
   */
  async indexChange(api: Api, chatId: number, lang: Lang, change: FileChange, show: (text: string) => Promise<number>): Promise<void> {
    // The running build may have read the folder already: the change waits for the next one.
    if (this.busy()) {
      this.queue(api, chatId, lang, change);
      await show(messages.changeQueued(lang, change)).catch(this.notSent("the change stays queued"));
      return;
    }
    if (await this.buildingElsewhere()) {
      await show(messages.changesSavedButBusy(lang, [change])).catch(this.notSent("another instance is building, so a /reindex after it will index the change"));
      return;
    }
    const statusId = await show(messages.changeStarted(lang, change)).catch(this.notSent("re-indexing anyway"));
    void this.start(api, chatId, statusId, lang, change);
  }

  /** A status text Telegram could not take: one warning, saying what happens anyway (`then`). */
  private notSent(then: string): (error: unknown) => undefined {
    return (error) => {
      this.deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, `re-index status message not sent; ${then}`);
      return undefined;
    };
  }

  private statusMessage(api: Api, chatId: number, messageId: number | undefined): StatusMessage {
    return new StatusMessage(api, chatId, messageId, this.deps.progressIntervalMs ?? 2_000, this.deps.now);
  }

  /**
   * One build reported to `targets`; never rejects. What rejects here is a final text Telegram
   * could not take (unreachable after the retries): the build itself is done and logged.
   */
  private async run(targets: Target[]): Promise<void> {
    const report = await this.build(targets);
    await Promise.all(targets.map((t) => t.status.final(report(t)))).catch(this.notSent("the re-index's outcome is unaffected"));
  }

  /**
   * Runs the build; returns each target's final text. The texts are sent by the caller, outside
   * this: a summary Telegram could not take was caught here as the build's failure, logged as
   * "re-index failed" and followed by a "re-index failed" text for a build that succeeded.
   */
  private async build(targets: Target[]): Promise<(t: Target) => string> {
    const { deps } = this;
    try {
      const summary = await deps.kb.reindex((progress) => {
        for (const t of targets) t.status.progress(messages.reindexProgress(t.lang, progress));
      });
      deps.logger.info({ ...summary, skipped: summary.skipped.length, warnings: summary.warnings.length }, "re-index finished");
      const uploaded = (t: Target): string[] => t.changes.filter((c) => !c.removed).map((c) => c.fileName);
      return (t) => messages.reindexSummary(t.lang, summary, uploaded(t));
    } catch (error) {
      // Another build started since the caller checked: the status message said "Re-indexing…".
      if (error instanceof ReindexInProgressError) {
        return (t) =>
          t.changes.length > 0
            ? messages.changesSavedButBusy(t.lang, t.changes)
            : error.elsewhere
              ? messages.reindexBusyElsewhere(t.lang)
              : messages.reindexBusy(t.lang, false);
      }
      deps.logger.error({ err: error }, "re-index failed");
      // Only our own errors are written for the chat: another's message (ENOSPC, a pg or OpenAI
      // client error) may hold server paths, URLs or key fragments. The log has it in full.
      const reason = error instanceof AppError ? error.message : null;
      return (t) => messages.reindexFailed(t.lang, reason);
    }
  }

  /** Runs the build the changes queued during the last one wait for, with a new status message in each of their chats. */
  private async runQueued(): Promise<void> {
    const entries = [...this.queued];
    this.queued.clear();
    this.runningChat = entries[0]?.[0];
    const targets: Target[] = [];
    for (const [chatId, { api, lang, changes }] of entries) {
      // The files are saved or removed: the build runs without this message, and its summary is
      // sent as a new one, as after an upload whose reply was lost (see indexChange).
      const sent = await api.sendMessage(chatId, messages.reindexQueuedStarted(lang, changes), { parse_mode: "HTML" }).catch(this.notSent("re-indexing anyway"));
      targets.push({ status: this.statusMessage(api, chatId, sent?.message_id), lang, changes });
    }
    await this.run(targets);
  }
}
