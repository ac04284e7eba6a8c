import type { PassageRef } from "../state/bot-state-store.js";
import type { BotState } from "./bot-deps.js";
import { shortHash } from "./short-hash.js";

export type { PassageRef } from "../state/bot-state-store.js";

const MAX_CALLBACK_BYTES = 64; // Telegram's limit for callback_data
const HASH_CHARS = 8;
// 96 bits: no two passages share a key in practice.
const KEY_CHARS = 16;

/** A short fingerprint of a passage's text (48 bits, base64url): tells a changed passage from the one cited. */
export function passageHash(text: string): string {
  return shortHash(text, HASH_CHARS);
}

/**
 * Callback data for the source button: `q:<n>:<hash>:<start>:<end>:<chunkId>` (the cited
 * sentence's place in the passage) or `c:<n>:<hash>:<chunkId>` when it fits in 64
 * bytes, else `k:<key>` with the reference kept in the state store (bounded, expiring). The key is
 * a hash of the reference, not a counter: instances sharing a database never hand out the same
 * key for different passages, and a restart does not reuse keys.
 * The hash ties the button to the text that was cited: ids are `path#n`, so after an article
 * changed the same id can hold other text.
 */
export async function passageCallbackData(state: BotState, ref: PassageRef): Promise<string> {
  const direct = ref.quote ? `q:${ref.n}:${ref.hash}:${ref.quote.start}:${ref.quote.end}:${ref.chunkId}` : `c:${ref.n}:${ref.hash}:${ref.chunkId}`;
  if (Buffer.byteLength(direct, "utf8") <= MAX_CALLBACK_BYTES) return direct;
  const key = shortHash(direct, KEY_CHARS);
  await state.passageKeys.set(key, ref);
  return `k:${key}`;
}

/** The source a button stands for, or null for data we did not make (or have forgotten, or an older format). */
export async function parsePassageCallback(state: BotState, data: string): Promise<PassageRef | null> {
  const quoted = /^q:(\d{1,3}):([A-Za-z0-9_-]{8}):(\d{1,6}):(\d{1,6}):(.+)$/s.exec(data);
  if (quoted?.[1] && quoted[2] && quoted[3] && quoted[4] && quoted[5]) {
    return { n: Number(quoted[1]), hash: quoted[2], quote: { start: Number(quoted[3]), end: Number(quoted[4]) }, chunkId: quoted[5] };
  }
  const direct = /^c:(\d{1,3}):([A-Za-z0-9_-]{8}):(.+)$/s.exec(data);
  if (direct?.[1] && direct[2] && direct[3]) return { n: Number(direct[1]), hash: direct[2], chunkId: direct[3] };
  const keyed = /^k:([A-Za-z0-9_-]{1,16})$/.exec(data);
  if (keyed?.[1]) return (await state.passageKeys.get(keyed[1])) ?? null;
  return null;
}
