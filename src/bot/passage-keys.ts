import { createHash } from "node:crypto";
import type { BotState } from "./bot-deps.js";

const MAX_CALLBACK_BYTES = 64; // Telegram's limit for callback_data
const HASH_CHARS = 8;

/** A source button stands for this: source number, chunk id, and a hash of the chunk's text. */
export interface PassageRef {
  n: number;
  chunkId: string;
  hash: string;
  /** Where the cited sentence lies in the passage's text (UTF-16 offsets), when it is a part of it. */
  quote?: { start: number; end: number };
}

/** A short fingerprint of a passage's text (48 bits, base64url): tells a changed passage from the one cited. */
export function passageHash(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, HASH_CHARS);
}

/**
 * Callback data for the source button: `q:<n>:<hash>:<start>:<end>:<chunkId>` (the cited
 * sentence's place in the passage) or `c:<n>:<hash>:<chunkId>` when it fits in 64
 * bytes (still valid after a restart), else `k:<key>` with the reference kept in a bounded map.
 * The hash ties the button to the text that was cited: ids are `path#n`, so after an article
 * changed the same id can hold other text.
 */
export function passageCallbackData(state: BotState, ref: PassageRef): string {
  const direct = ref.quote ? `q:${ref.n}:${ref.hash}:${ref.quote.start}:${ref.quote.end}:${ref.chunkId}` : `c:${ref.n}:${ref.hash}:${ref.chunkId}`;
  if (Buffer.byteLength(direct, "utf8") <= MAX_CALLBACK_BYTES) return direct;
  const key = (state.nextPassageKey++).toString(36);
  state.passageKeys.set(key, ref);
  return `k:${key}`;
}

/** The source a button stands for, or null for data we did not make (or have forgotten, or an older format). */
export function parsePassageCallback(state: BotState, data: string): PassageRef | null {
  const quoted = /^q:(\d{1,3}):([A-Za-z0-9_-]{8}):(\d{1,6}):(\d{1,6}):(.+)$/s.exec(data);
  if (quoted?.[1] && quoted[2] && quoted[3] && quoted[4] && quoted[5]) {
    return { n: Number(quoted[1]), hash: quoted[2], quote: { start: Number(quoted[3]), end: Number(quoted[4]) }, chunkId: quoted[5] };
  }
  const direct = /^c:(\d{1,3}):([A-Za-z0-9_-]{8}):(.+)$/s.exec(data);
  if (direct?.[1] && direct[2] && direct[3]) return { n: Number(direct[1]), hash: direct[2], chunkId: direct[3] };
  const keyed = /^k:([0-9a-z]{1,12})$/.exec(data);
  if (keyed?.[1]) return state.passageKeys.get(keyed[1]) ?? null;
  return null;
}
