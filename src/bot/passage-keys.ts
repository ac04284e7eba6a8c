import type { BotState } from "./bot-deps.js";

const MAX_CALLBACK_BYTES = 64; // Telegram's limit for callback_data

/**
 * Callback data for the "[n]" button of a source: `c:<n>:<chunkId>` when it fits in 64 bytes
 * (still valid after a restart), else `k:<key>` with the chunk id kept in a bounded map.
 */
export function passageCallbackData(state: BotState, n: number, chunkId: string): string {
  const direct = `c:${n}:${chunkId}`;
  if (Buffer.byteLength(direct, "utf8") <= MAX_CALLBACK_BYTES) return direct;
  const key = (state.nextPassageKey++).toString(36);
  state.passageKeys.set(key, { n, chunkId });
  return `k:${key}`;
}

/** The source a button stands for, or null for data we did not make (or have forgotten). */
export function parsePassageCallback(state: BotState, data: string): { n: number; chunkId: string } | null {
  const direct = /^c:(\d{1,3}):(.+)$/s.exec(data);
  if (direct?.[1] && direct[2]) return { n: Number(direct[1]), chunkId: direct[2] };
  const keyed = /^k:([0-9a-z]{1,12})$/.exec(data);
  if (keyed?.[1]) return state.passageKeys.get(keyed[1]) ?? null;
  return null;
}
