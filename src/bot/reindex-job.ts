import type { Api } from "grammy";
import { ReindexInProgressError } from "../knowledge-base/knowledge-base.js";
import type { FeatureDeps } from "./bot-deps.js";
import { type Lang, messages } from "./messages.js";
import { StatusMessage } from "./status-message.js";

/**
 * Runs `kb.reindex` in the background, editing one status message with throttled progress and
 * then the summary. Questions keep being answered meanwhile (the old index serves until the
 * swap); the returned promise never rejects. `uploaded`: the article file saved just before (an
 * admin upload), named again if another build turns out to be running.
 */
export function startReindexJob(deps: FeatureDeps, api: Api, chatId: number, statusMessageId: number, lang: Lang, uploaded?: string): Promise<void> {
  const status = new StatusMessage(api, chatId, statusMessageId, deps.progressIntervalMs ?? 2_000, deps.now);
  return (async () => {
    try {
      const summary = await deps.kb.reindex((progress) => status.progress(messages.reindexProgress(lang, progress)));
      deps.logger.info({ ...summary, skipped: summary.skipped.length }, "re-index finished");
      await status.final(messages.reindexSummary(lang, summary));
    } catch (error) {
      // Another build started since the caller checked: the status message said "Re-indexing…".
      if (error instanceof ReindexInProgressError) {
        if (uploaded !== undefined) await status.final(messages.uploadSavedButBusy(lang, uploaded));
        else await status.final(error.elsewhere ? messages.reindexBusyElsewhere(lang) : messages.reindexBusy(lang));
        return;
      }
      deps.logger.error({ err: error }, "re-index failed");
      await status.final(messages.reindexFailed(lang, error instanceof Error ? error.message : String(error)));
    }
  })().catch((error: unknown) => deps.logger.error({ err: error }, "re-index status report failed"));
}
