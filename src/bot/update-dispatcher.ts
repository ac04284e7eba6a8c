import type { Update } from "grammy/types";
import type { Logger } from "../shared/logger.js";
import type { UpdateLog } from "../state/bot-state-store.js";

// Times an unfinished update is handled again after restarts before it is given up.
const MAX_REPLAYS = 3;

export interface UpdateDispatcherOptions {
  /** The update journal (files) or the shared table (Postgres). */
  journal: UpdateLog;
  /** Handles one update (the bot's middleware; the order within a chat is kept there, see chat-order.ts). */
  handle: (update: Update) => Promise<void>;
  logger: Logger;
  /**
   * Whether the bot may act on an update (see for-the-bot.ts; default: every update). The others,
   * most of a group's messages when it sends the bot all of them, are neither journaled (an
   * fsynced write each) nor handled: the bot would drop them by the same test.
   */
  forTheBot?: (update: Update) => boolean;
  /** Updates being handled at once before `waitForRoom` holds the source back (default 500). */
  maxInFlight?: number;
}

/**
 * Between an update source (long polling, webhook) and the bot: drops updates seen before,
 * journals new ones durably, then handles them concurrently and marks each done in the journal.
 * A source confirms updates to Telegram only after `accept` resolved.
 */
export class UpdateDispatcher {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxInFlight: number;
  private roomWaiters: (() => void)[] = [];

  constructor(private readonly options: UpdateDispatcherOptions) {
    this.maxInFlight = options.maxInFlight ?? 500;
  }

  /**
   * Handles what an earlier run journaled but never finished (call once, before any source
   * starts). An update that was already handled again MAX_REPLAYS times without finishing is
   * dropped with an error: one that crashes the process would otherwise do so on every start.
   */
  async replayPending(): Promise<number> {
    const { journal, logger } = this.options;
    const { replay, dropped } = await journal.reclaim(MAX_REPLAYS);
    for (const updateId of dropped) {
      logger.error({ updateId, attempts: MAX_REPLAYS + 1 }, "dropping an update that never finished handling (it may crash the bot)");
    }
    if (replay.length === 0) return 0;
    logger.info({ updates: replay.length }, journal.shared ? "handling updates left unfinished (by this or another instance)" : "handling updates left from the last run");
    for (const update of replay) this.run(update);
    return replay.length;
  }

  /**
   * Journals the updates not seen before that are for the bot and starts handling them; resolves
   * once they are durable (not when handled). Rejects when the journal cannot be written: then the source
   * must not confirm them.
   */
  async accept(updates: readonly Update[]): Promise<void> {
    const { forTheBot } = this.options;
    const wanted = forTheBot === undefined ? updates : updates.filter(forTheBot);
    const fresh = await this.options.journal.claim(wanted);
    if (fresh.length < wanted.length) this.options.logger.debug({ duplicates: wanted.length - fresh.length }, "ignored updates delivered twice (or taken by another instance)");
    for (const update of fresh) this.run(update);
  }

  /** Resolves when fewer than `maxInFlight` updates are being handled (back-pressure on polling). */
  waitForRoom(): Promise<void> {
    if (this.inFlight.size < this.maxInFlight) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  get busy(): number {
    return this.inFlight.size;
  }

  /** Waits until every update being handled is done, or `timeoutMs` passed; true when all finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((resolve) => (timer = setTimeout(resolve, left)))]);
      clearTimeout(timer);
    }
    return true;
  }

  private run(update: Update): void {
    const task = this.options
      .handle(update)
      .catch((error: unknown) => this.options.logger.error({ err: error, updateId: update.update_id }, "update failed"))
      .finally(() => {
        // A failed update is done too: handling it again would most likely fail again.
        this.options.journal.markDone(update.update_id);
        this.inFlight.delete(task);
        if (this.inFlight.size < this.maxInFlight) {
          const waiters = this.roomWaiters;
          this.roomWaiters = [];
          for (const resolve of waiters) resolve();
        }
      });
    this.inFlight.add(task);
  }
}
