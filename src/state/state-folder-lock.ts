// One bot process per STATE_DIR. Nothing stopped a second one (a second `npm start`, a container
// started twice on one volume): its journal compaction renamed a new updates.jsonl over the file
// the first one kept appending to, so updates the first had journaled (and confirmed to Telegram)
// were lost; bot-state.json and feedback.json went to whichever saved last.
import { join } from "node:path";
import { AppError } from "../shared/errors.js";
import { acquireLockFile } from "../shared/lock-file.js";

// Not LOCK: STATE_DIR may be the index folder itself, where LOCK is the index writer's.
const STATE_LOCK_FILE = "bot.lock";

/**
 * Takes the state folder's lock (`bot.lock`, src/shared/lock-file.ts); resolves to its release
 * function. Held by a live process: refused, as soon as the holder shows it is alive (its
 * heartbeat, within a few seconds). Left by a dead one: taken over (at once when it died on this
 * machine, after 30 s when it ran on another host or container).
 */
export async function lockStateFolder(
  dir: string,
  onWait?: (holder: string) => void,
  advice = "stop that one, or give this one its own STATE_DIR",
): Promise<() => Promise<void>> {
  const release = await acquireLockFile(
    join(dir, STATE_LOCK_FILE),
    { untilLive: true, ...(onWait ? { onWait } : {}) },
    (who) => new AppError(`STATE_DIR ${dir} is in use by another bot process (${who}): ${advice}.`),
  );
  return release!;
}
