/**
 * What `run` gives, or a rejection with `signal`'s reason as soon as it aborts: at once, without
 * calling `run`, when it already has. `run` is not stopped by this: work that should stop heeds
 * the signal itself, and its late outcome is dropped.
 */
export function abortable<T>(signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
  if (!signal) return run();
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    const settle = () => signal.removeEventListener("abort", onAbort);
    run().then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: unknown) => {
        settle();
        reject(error);
      },
    );
  });
}
