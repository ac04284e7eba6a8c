// The bot's state in Postgres on a database gone silent (a network cut, a failover: connections
// stay open, nothing comes back). Each statement fails at the state's time limit with a
// DatabaseTimeoutError instead of holding the update's handler for ever; the connections it
// held are closed, not handed back to the pool, so the state works again as soon as the database
// answers; and an update whose claim timed out is not lost.
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DatabaseTimeoutError } from "../../src/shared/errors.js";
import type { BotStateStore } from "../../src/state/bot-state-store.js";
import { openPostgresBotState } from "../../src/state/postgres/postgres-bot-state.js";
import { createPgDatabase, type PgDatabase } from "../../src/store/postgres/sql-database.js";
import { startPgliteServer } from "../helpers/pglite.js";
import { type SilenceableProxy, startSilenceableProxy } from "../helpers/silenceable-proxy.js";

// The state's time limit: long enough that a statement to the open database (PGlite over a
// socket, on a machine loaded by the rest of the suite) does not miss it.
const LIMIT_MS = 1_000;
const LEASE_MS = 2_000;

let server: Awaited<ReturnType<typeof startPgliteServer>>;
let proxy: SilenceableProxy;
let db: PgDatabase;
let store: BotStateStore;

beforeAll(async () => {
  server = await startPgliteServer();
  proxy = await startSilenceableProxy(server.url);
  // Connecting is bounded on its own (10 s by default): short here, so a test that goes wrong fails fast.
  db = createPgDatabase(proxy.url, { connectionTimeoutMs: 1_000 });
  store = await openPostgresBotState({ db: db.withTimeout(LIMIT_MS), migrations: db, schema: "silent_state", database: "proxy", updateLeaseMs: LEASE_MS });
}, 60_000);

afterAll(async () => {
  if (proxy) proxy.mode = "open";
  await store?.close();
  await db?.end();
  proxy?.close();
  await server?.stop();
});

// Without the limit a silent database is waited for for ever; with it, an operation ends soon
// after LIMIT_MS. So one ending within this much is bounded: far above the limit, so a loaded
// machine (its timers late by seconds) cannot fail it, and far below the test's timeout.
const BOUNDED_MS = 10_000;

/** How `promise` settled and in how many ms; fails (rather than hangs the test) past BOUNDED_MS. */
async function settled(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${BOUNDED_MS} ms`)), BOUNDED_MS);
  });
  const error = await Promise.race([promise.then(() => undefined, (e: unknown) => e), guard]).finally(() => clearTimeout(timer));
  return { error, ms: Date.now() - started };
}

/**
 * `operation` on the open database, once more if a loaded machine made it miss the limit: the
 * statements given here are safe to repeat (writes of the same value, reads, a claim of an update
 * already there). What the test checks is how the silent database fails, not this.
 */
async function answered<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof DatabaseTimeoutError) || attempt >= 3) throw error;
    }
  }
}

const update = (id: number) => ({ update_id: id, message: { message_id: id, date: 0, chat: { id: 1, type: "private" }, text: "Хто такий Серджіо Гор?" } }) as Update;

describe("the bot's state on a silent database", () => {
  it("fails each write and read at the limit, closes the connection it held, and works again once the database answers", async () => {
    const operations: [string, () => Promise<unknown>][] = [
      ["a conversation's write", () => store.conversations.set("1:2", [])],
      ["a count with its content gap (a transaction)", () => store.stats.record("Де пасіка?", true, true)],
      ["an update's claim, before Telegram is told", () => store.updates.claim([update(7)])],
      ["a conversation's read", () => store.conversations.get("1:1")],
    ];
    for (const [what, operation] of operations) {
      proxy.mode = "open";
      await answered(() => store.conversations.set("1:1", [])); // a connection open and answering
      const closedBefore = proxy.closedByClient;
      proxy.mode = "silent";
      const outcome = await settled(operation());
      expect(outcome.error, what).toBeInstanceOf(DatabaseTimeoutError);
      expect(outcome.ms, what).toBeGreaterThanOrEqual(LIMIT_MS - 20);
      // Closed: a silent connection handed back to the pool would take the next statement and hold it too.
      await vi.waitFor(() => expect(proxy.closedByClient - closedBefore, what).toBe(1), { timeout: BOUNDED_MS });
    }

    proxy.mode = "open";
    for (let i = 0; i < 3; i++) {
      await Promise.all([1, 2, 3, 4, 5].map((n) => store.conversations.set(`2:${n}`, [])));
      await store.stats.record("Де пасіка?", true, true);
    }
    expect(await store.conversations.get("1:1")).toEqual([]);
    // The claim never reached the server: delivered again, the update is new and handled.
    expect((await store.updates.claim([update(7)])).map((u) => u.update_id)).toEqual([7]);
    store.updates.markDone(7);
  });

  it("loses no update whose claim was written but not answered: it is taken over once its lease runs out", async () => {
    await answered(() => store.conversations.set("1:1", [])); // a connection open and answering
    proxy.mode = "deaf";
    const { error } = await settled(store.updates.claim([update(8)]));
    expect(error).toBeInstanceOf(DatabaseTimeoutError);
    proxy.mode = "open";
    // Telegram delivers it again: the row is there, so this claim does not hand it out twice...
    expect(await answered(() => store.updates.claim([update(8)]))).toEqual([]);
    // ...and the sweep of unfinished updates takes it over after its lease.
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 100));
    const { replay } = await store.updates.reclaim(3);
    expect(replay.map((u) => u.update_id)).toEqual([8]);
    store.updates.markDone(8);
  });
});
