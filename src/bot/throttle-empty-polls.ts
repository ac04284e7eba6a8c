import type { Transformer } from "grammy";

/**
 * Makes an empty `getUpdates` take at least `minMs`. Telegram holds a long poll open until an
 * update arrives, so this never delays real traffic; servers that answer at once (a test
 * emulator, some proxies) would otherwise be polled in a tight loop.
 */
export function throttleEmptyPolls(minMs: number): Transformer {
  return async (prev, method, payload, signal) => {
    const started = Date.now();
    const result = await prev(method, payload, signal);
    if (method !== "getUpdates" || !result.ok || (Array.isArray(result.result) && result.result.length > 0)) return result;
    const wait = minMs - (Date.now() - started);
    if (wait > 0) await sleep(wait, signal);
    return result;
  };
}

function sleep(ms: number, signal: Parameters<Transformer>[3]): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
