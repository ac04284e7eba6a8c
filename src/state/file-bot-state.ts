import { promises as fs } from "node:fs";
import path from "node:path";
import { UpdateJournal } from "../bot/update-journal.js";
import { DelayedSave } from "../shared/delayed-save.js";
import { removeTempFilesOf } from "../shared/durable-write.js";
import { FEEDBACK_FILE, FeedbackStore, type OnDamaged, setAsideDamaged } from "./feedback-file.js";
import { MemoryBotState, type MemoryStateLimits, type SavedState } from "./memory-bot-state.js";
import { lockStateFolder } from "./state-folder-lock.js";

/** Conversations, passage keys, stats and rate-limit buckets (votes: feedback.json; updates: updates/). */
export const STATE_FILE = "bot-state.json";

export interface FileStateOptions {
  now?: () => number;
  limits?: MemoryStateLimits;
  /** A failed save (disk full, read-only): the state stays in memory, the caller logs why. */
  onSaveError?: (error: unknown) => void;
  /** Called when STATE_DIR's lock is held and the open waits to learn whether its holder is alive. */
  onWait?: (holder: string) => void;
  /** A state file that could not be read: it was renamed to `keptAs` and the state starts without it. */
  onDamaged?: OnDamaged;
}

/**
 * The bot's state in files under STATE_DIR (one process: its `bot.lock`, state-folder-lock.ts): the state in memory, written to
 * `bot-state.json` a moment after each change (crash-safe, durable-write.ts) and on close; feedback votes
 * in `feedback.json`; handled updates in the update journal (`updates/`). A missing or damaged
 * state file starts empty rather than stopping the bot.
 */
export async function openFileBotState(dir: string, options: FileStateOptions = {}): Promise<MemoryBotState> {
  await fs.mkdir(dir, { recursive: true });
  // Before anything is read: another live process on this folder refuses this one.
  const unlock = await lockStateFolder(dir, options.onWait);
  try {
    return await openLocked(dir, options, unlock);
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function openLocked(dir: string, options: FileStateOptions, unlock: () => Promise<void>): Promise<MemoryBotState> {
  const file = path.join(dir, STATE_FILE);
  // What saves cut short by a crash left (they hold conversations and votes); ours to remove now.
  await removeTempFilesOf([file, path.join(dir, FEEDBACK_FILE)]);
  const onSaveError = options.onSaveError ?? (() => {});
  const feedback = await FeedbackStore.open(dir, { onSaveError, ...(options.onDamaged ? { onDamaged: options.onDamaged } : {}) });
  const updates = await UpdateJournal.open(path.join(dir, "updates"));

  // Saved a moment after a change: a crash loses at most that much (rate-limit buckets, the last
  // few conversations), never a question (that is the update journal's job, fsynced).
  const saver = new DelayedSave(file, () => JSON.stringify(state), onSaveError);
  let closed = false;
  const state: MemoryBotState = new MemoryBotState({
    ...(options.now ? { now: options.now } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    feedback,
    updates,
    location: dir,
    beforeClose: async () => {
      if (closed) return;
      closed = true;
      await saver.flush();
      await feedback.flush();
    },
    afterClose: unlock,
    onChange: () => {
      if (!closed) saver.request();
    },
  });
  try {
    state.restore(JSON.parse(await fs.readFile(file, "utf8")) as SavedState);
  } catch (error) {
    // Missing or damaged: start empty (conversations and counters are conveniences, not data anyone needs back).
    await setAsideDamaged(file, error, options.onDamaged);
  }
  return state;
}
