// One index writer at a time per store folder, across processes (`npm run ingest`, the bot's
// start-up build and /reindex): two builds at once pruned each other's folders (ENOENT).
import { join } from "node:path";
import { IndexError, LostLockError, ReindexInProgressError } from "../../shared/errors.js";
import { acquireLockFile, type HeldLockFile, type LockFileOptions } from "../../shared/lock-file.js";

export const LOCK_FILE = "LOCK";

export type WriteLockOptions = LockFileOptions;

/**
 * Takes the store's write lock (`<store>/LOCK`); resolves to its release function (or null: held
 * and `wait: false`). With `untilLive`, a holder shown alive rejects it with ReindexInProgressError:
 * a build is running, not stuck, so there is no file to delete.
 */
export function acquireWriteLock(storeDir: string, options: WriteLockOptions = {}): Promise<HeldLockFile | null> {
  const file = join(storeDir, LOCK_FILE);
  return acquireLockFile(file, options, (who) =>
    options.untilLive
      ? new ReindexInProgressError(true)
      : new IndexError(`Another index build is still running (${who}); try again when it is done, or delete ${file} if no such process runs.`),
  );
}

/** Throws LostLockError when the lock may be another writer's now: a build that holds it must not publish. */
export async function checkWriteLock(lock: HeldLockFile): Promise<void> {
  const why = await lock.lost();
  if (why) throw new LostLockError(why);
}
