// The save behind bot-state.json and feedback.json, with the disk replaced by writes the test
// finishes (or fails) when it wants, and the clock by fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DelayedSave, SAVE_DELAY_MS } from "../../src/shared/delayed-save.js";
import { writeFileDurably } from "../../src/shared/durable-write.js";

vi.mock("../../src/shared/durable-write.js", () => ({ writeFileDurably: vi.fn() }));

interface Write {
  text: string;
  finish: () => void;
  fail: (error: Error) => void;
}

let writes: Write[];
let running: number;
let mostAtOnce: number;

beforeEach(() => {
  vi.useFakeTimers();
  writes = [];
  running = 0;
  mostAtOnce = 0;
  vi.mocked(writeFileDurably).mockReset();
  vi.mocked(writeFileDurably).mockImplementation(
    (_file, data) =>
      new Promise<void>((resolve, reject) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        writes.push({
          text: String(data),
          finish: () => {
            running--;
            resolve();
          },
          fail: (error) => {
            running--;
            reject(error);
          },
        });
      }),
  );
});
afterEach(() => {
  vi.useRealTimers();
});

/** Lets the chained promises run (a write starts a few microtasks after the previous one ends). */
const settle = () => vi.advanceTimersByTimeAsync(0);

function saver(onError: (error: unknown) => void = () => {}) {
  let value = 0;
  const save = new DelayedSave("/state/file.json", () => String(value), onError);
  const set = (v: number): void => {
    value = v;
    save.request();
  };
  return { save, set };
}

describe("DelayedSave", () => {
  it("coalesces the changes made within the delay into one write of the latest content, mode 0600", async () => {
    const { set } = saver();
    for (let v = 1; v <= 5; v++) set(v);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 1);
    expect(writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes.map((w) => w.text)).toEqual(["5"]);
    expect(writeFileDurably).toHaveBeenCalledWith("/state/file.json", "5", 0o600);
    writes[0]!.finish();
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 3);
    expect(writes).toHaveLength(1); // nothing changed since
  });

  it("never runs two writes at once: the next waits for the one running, and the last one wins", async () => {
    const { save, set } = saver();
    set(1);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(writes).toHaveLength(1);
    set(2);
    const flushed = save.flush();
    set(3);
    const last = save.flush();
    await settle();
    expect(writes).toHaveLength(1); // "1" still being written
    writes[0]!.finish();
    await settle();
    expect(writes.map((w) => w.text)).toEqual(["1", "2"]);
    writes[1]!.finish();
    await flushed;
    await settle();
    expect(writes.map((w) => w.text)).toEqual(["1", "2", "3"]);
    writes[2]!.finish();
    await last;
    expect(mostAtOnce).toBe(1);
  });

  it("flush writes a pending change at once and resolves once it is on disk; with nothing pending, writes nothing", async () => {
    const { save, set } = saver();
    await save.flush();
    expect(writes).toHaveLength(0);
    set(7);
    let done = false;
    const flushed = save.flush().then(() => {
      done = true;
    });
    await settle();
    expect(writes.map((w) => w.text)).toEqual(["7"]); // no delay
    expect(done).toBe(false);
    writes[0]!.finish();
    await flushed;
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 2);
    expect(writes).toHaveLength(1); // the timer went with the flush
  });

  it("reports a failed write, and later saves still happen; the flush tries the failed data again", async () => {
    const errors: unknown[] = [];
    const { save, set } = saver((error) => errors.push(error));
    set(1);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    writes[0]!.fail(new Error("ENOSPC"));
    await settle();
    expect(errors).toEqual([new Error("ENOSPC")]);

    const retried = save.flush(); // shutdown: what failed is written again
    await settle();
    expect(writes.map((w) => w.text)).toEqual(["1", "1"]);
    writes[1]!.finish();
    await retried;

    set(2);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(writes.map((w) => w.text)).toEqual(["1", "1", "2"]);
    writes[2]!.finish();
    await save.flush();
    expect(errors).toHaveLength(1);
  });
});
