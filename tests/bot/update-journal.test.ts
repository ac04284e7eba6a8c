import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { UpdateDispatcher } from "../../src/bot/update-dispatcher.js";
import { readJournalFile, UpdateJournal } from "../../src/bot/update-journal.js";
import { silentLogger } from "../../src/shared/logger.js";

const update = (id: number, chat = id): Update => ({ update_id: id, message: { message_id: id, date: 0, chat: { id: chat, type: "private", first_name: "U" }, text: `q${id}` } }) as Update;

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "journal-"));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("UpdateJournal", () => {
  it("keeps updates not marked done across a reopen, and remembers handled ids", async () => {
    const journal = await UpdateJournal.open(dir);
    await journal.add([update(1), update(2), update(3)]);
    journal.markDone(2);
    // No close(): as after kill -9, only what was written is there.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await UpdateJournal.open(dir);
    expect(again.pending().map((u) => u.update_id)).toEqual([1, 3]);
    expect(again.has(2)).toBe(true);
    expect(again.has(4)).toBe(false);
    await again.close();
    await journal.close().catch(() => undefined);
  });

  it("ignores a torn last line (a kill in the middle of a write)", async () => {
    const journal = await UpdateJournal.open(dir);
    await journal.add([update(1)]);
    await journal.close();
    await fs.appendFile(path.join(dir, "updates.jsonl"), '{"u":{"update_id":2,"mess');
    const again = await UpdateJournal.open(dir);
    expect(again.pending().map((u) => u.update_id)).toEqual([1]);
    await again.add([update(3)]); // appends after the compaction, not onto the torn line
    await again.close();
    const third = await UpdateJournal.open(dir);
    expect(third.pending().map((u) => u.update_id)).toEqual([1, 3]);
    await third.close();
  });

  it("skips lines that are JSON but not a journal entry (hand-edited), at start and when moved into Postgres", async () => {
    const journal = await UpdateJournal.open(dir);
    await journal.add([update(1), update(2)]);
    journal.markDone(2);
    await journal.close();
    await fs.appendFile(path.join(dir, "updates.jsonl"), 'null\n5\n"d"\n[]\n{"r":1}\n');
    // What `npm run ingest -- --from-state` moves: the same parser, the file left as it is.
    const read = await readJournalFile(path.join(dir, "updates.jsonl"));
    expect([...(read?.pending.keys() ?? [])]).toEqual([1]);
    expect([...(read?.done ?? [])]).toEqual([2]);
    expect(read?.replays.get(1)).toBe(1);
    const again = await UpdateJournal.open(dir);
    expect(again.pending().map((u) => u.update_id)).toEqual([1]);
    expect(again.replayCount(1)).toBe(1);
    await again.close();
  });

  it("forgets the oldest handled ids beyond keepDone, and compacts on close", async () => {
    const journal = await UpdateJournal.open(dir, { keepDone: 3 });
    await journal.add([1, 2, 3, 4, 5].map((id) => update(id)));
    for (const id of [1, 2, 3, 4, 5]) journal.markDone(id);
    await journal.close();
    const text = await fs.readFile(path.join(dir, "updates.jsonl"), "utf8");
    expect(text.trim().split("\n")).toEqual(['{"d":3}', '{"d":4}', '{"d":5}']);
  });
});

describe("UpdateJournal compaction", () => {
  it("loses no done mark written while a compaction runs", async () => {
    const journal = await UpdateJournal.open(dir);
    const ids = Array.from({ length: 3_000 }, (_, i) => i + 1);
    await journal.add(ids.map((id) => update(id)));
    for (const id of ids) {
      journal.markDone(id);
      if (id % 100 === 0) await new Promise((resolve) => setImmediate(resolve)); // let compactions run in between
    }
    // The compactions still running end (a fixed pause was too short on a loaded machine), then,
    // as after kill -9: no close().
    await (journal as unknown as { chain: Promise<void> }).chain;
    const again = await UpdateJournal.open(dir);
    expect(again.pending()).toEqual([]);
    expect(ids.every((id) => again.has(id))).toBe(true);
    await again.close();
  });
});

describe("UpdateJournal on a full disk", () => {
  afterEach(() => vi.restoreAllMocks());

  it("an update whose journaling failed (ENOSPC, part of its line written) is taken when Telegram sends it again, and its line is intact", async () => {
    const journal = await UpdateJournal.open(dir);
    const handled: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const dispatcher = new UpdateDispatcher({
      journal,
      logger: silentLogger,
      handle: async (u) => {
        await gate; // still being answered at the "kill"
        handled.push(u.update_id);
      },
    });
    const probe = await fs.open(path.join(dir, "probe"), "w");
    type Write = (this: unknown, text: string) => Promise<unknown>;
    const proto = Object.getPrototypeOf(probe) as { write: Write; writeFile: Write };
    await probe.close();
    let full = true; // the first append of update 1 (write or writeFile) finds the disk full after 12 bytes
    for (const method of ["write", "writeFile"] as const) {
      const original = proto[method];
      vi.spyOn(proto, method).mockImplementation(async function (this: unknown, text: string) {
        if (!full || typeof text !== "string" || !text.includes('"update_id":1,')) return original.call(this, text);
        full = false;
        await original.call(this, text.slice(0, 12));
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      });
    }
    await expect(dispatcher.accept([update(1)])).rejects.toThrow(/ENOSPC/);
    // Not confirmed to Telegram, which sends it again with the next poll; the disk has room again.
    await dispatcher.accept([update(1)]);
    expect(dispatcher.busy).toBe(1);
    // kill -9 while it is being answered: the next start has it.
    const again = await UpdateJournal.open(dir);
    expect(again.pending().map((u) => u.update_id)).toEqual([1]);
    release();
    await dispatcher.drain(1_000);
    expect(handled).toEqual([1]);
    await again.close();
  });
});

describe("UpdateDispatcher", () => {
  it("handles an update delivered twice once, and replays unfinished ones after a restart", async () => {
    const journal = await UpdateJournal.open(dir);
    const handled: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const dispatcher = new UpdateDispatcher({
      journal,
      logger: silentLogger,
      handle: async (u) => {
        if (u.update_id === 2) await gate; // still being answered when the process "dies"
        handled.push(u.update_id);
      },
    });
    await dispatcher.accept([update(1), update(2)]);
    await dispatcher.accept([update(1), update(2), update(1)]); // re-sent: nothing new
    await dispatcher.drain(1_000).catch(() => undefined);
    expect(handled).toEqual([1]);
    expect(dispatcher.busy).toBe(1);

    // A new process on the same journal: update 2 is handled again, update 1 is not.
    const second = await UpdateJournal.open(dir);
    const replayed: number[] = [];
    const next = new UpdateDispatcher({ journal: second, logger: silentLogger, handle: async (u) => void replayed.push(u.update_id) });
    expect(await next.replayPending()).toBe(1);
    await next.accept([update(1), update(2), update(3)]);
    expect(await next.drain(1_000)).toBe(true);
    expect(replayed).toEqual([2, 3]);
    release();
    await second.close();
  });

  it("gives up an update that never finishes after three restarts (a crash loop)", async () => {
    const first = await UpdateJournal.open(dir);
    await first.add([update(1), update(2)]);
    first.markDone(2);
    const handled: number[] = [];
    for (let start = 1; start <= 4; start++) {
      const journal = await UpdateJournal.open(dir);
      const dispatcher = new UpdateDispatcher({ journal, logger: silentLogger, handle: () => new Promise(() => handled.push(start)) }); // "crashes": never finishes
      await dispatcher.replayPending();
    }
    expect(handled).toEqual([1, 2, 3]); // handled again on three starts, not on the fourth
    const last = await UpdateJournal.open(dir);
    expect(last.pending()).toEqual([]);
    expect(last.has(1)).toBe(true);
    await last.close();
  });

  it("drain gives up after its timeout and says so", async () => {
    const journal = await UpdateJournal.open(dir);
    const dispatcher = new UpdateDispatcher({ journal, logger: silentLogger, handle: () => new Promise(() => undefined) });
    await dispatcher.accept([update(1)]);
    const started = Date.now();
    expect(await dispatcher.drain(100)).toBe(false);
    // Without the timeout it never ends (the handler never does); 10 s leaves a loaded machine room.
    expect(Date.now() - started).toBeLessThan(10_000);
    await journal.close();
  });
});
