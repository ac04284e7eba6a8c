// The Postgres update log's shutdown, on a fake database: done marks still on their way when the
// bot stops must reach the database before close() resolves (the pool may be ended right after,
// and an update not marked done is handled again by the next start or another instance).
import type { Update } from "grammy/types";
import { describe, expect, it, vi } from "vitest";
import { PostgresUpdateLog } from "../../src/state/postgres/postgres-update-log.js";
import { stateTablesOf } from "../../src/state/postgres/state-tables.js";
import { migrate, migrateOnce, readMigrations } from "../../src/store/postgres/migrate.js";
import type { SqlQueryable } from "../../src/store/postgres/sql-database.js";
import { createPglite, pgliteDatabase } from "../helpers/pglite.js";

describe("Postgres update log: close", () => {
  it("waits for the done marks still being written", async () => {
    const finished: string[] = [];
    const db: SqlQueryable = {
      query: async <R>(text: string) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        finished.push(text.trim().split(/\s+/)[0] ?? "");
        return { rows: [] as R[] };
      },
      exec: async () => {},
    };
    const log = new PostgresUpdateLog({ db, table: "t.bot_updates", leaseMs: 60_000 });
    log.markDone(1);
    log.markDone(2);
    await log.close();
    expect(finished).toEqual(["UPDATE", "UPDATE"]);
  });

  it("a failed done mark is reported, tried once more at close, and close still resolves", async () => {
    const errors: unknown[] = [];
    const db: SqlQueryable = {
      query: async () => {
        throw new Error("connection lost");
      },
      exec: async () => {},
    };
    const log = new PostgresUpdateLog({ db, table: "t.bot_updates", leaseMs: 60_000, onError: (e) => errors.push(e) });
    log.markDone(1);
    await log.close();
    expect(errors).toHaveLength(2);
  });
});

describe("Postgres update log: a done mark that fails after the answer went out", () => {
  it("is written again before the lease runs out, so no instance answers the update a second time", async () => {
    const lite = await createPglite();
    try {
      const real = pgliteDatabase(lite);
      await migrateOnce(real, "log_test");
      const table = stateTablesOf("log_test").updates;
      let failNext = true; // the database drops the first done mark
      const flaky: SqlQueryable = {
        ...real,
        query: async <R>(text: string, params?: readonly unknown[]) => {
          if (failNext && /SET done_at/.test(text)) {
            failNext = false;
            throw new Error("connection terminated unexpectedly");
          }
          return real.query<R>(text, params);
        },
      };
      const errors: unknown[] = [];
      const a = new PostgresUpdateLog({ db: flaky, table, leaseMs: 300, onError: (e) => errors.push(e) });
      const update = { update_id: 41, message: { message_id: 1, date: 0, chat: { id: 1, type: "private", first_name: "U" }, text: "q" } } as Update;
      expect(await a.claim([update])).toHaveLength(1);
      a.markDone(41); // the answer was sent; this write fails
      await new Promise((resolve) => setTimeout(resolve, 700)); // past the 300 ms lease
      // Another instance (or this one's own sweep) looks for updates whose lease ran out.
      const b = new PostgresUpdateLog({ db: real, table, leaseMs: 300 });
      expect((await b.reclaim(3)).replay).toEqual([]);
      expect(errors).toHaveLength(1);
      const { rows } = await real.query<{ done: boolean }>(`SELECT done_at IS NOT NULL AS done FROM ${table} WHERE update_id = 41`);
      expect(rows[0]?.done).toBe(true);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await lite.close();
    }
  }, 30_000);
});

describe("Postgres update log: an instance's own sweep after its leases ran out", () => {
  it("replays neither an update it is still answering nor one it answered whose done mark failed", async () => {
    const lite = await createPglite();
    try {
      const real = pgliteDatabase(lite);
      await migrateOnce(real, "sweep_test");
      const table = stateTablesOf("sweep_test").updates;
      // The database gone for this instance's renewals and done marks: its leases run out.
      let down = false;
      const flaky: SqlQueryable = {
        ...real,
        query: async <R>(text: string, params?: readonly unknown[]) => {
          if (down && /SET done_at|AND owner = \$3 AND done_at IS NULL/.test(text)) throw new Error("connection terminated unexpectedly");
          return real.query<R>(text, params);
        },
      };
      const a = new PostgresUpdateLog({ db: flaky, table, leaseMs: 300 });
      const update = (id: number) => ({ update_id: id, message: { message_id: id, date: 0, chat: { id: 1, type: "private", first_name: "U" }, text: "q" } }) as Update;
      expect(await a.claim([update(51), update(52)])).toHaveLength(2);
      down = true;
      a.markDone(52); // answered; the mark fails. 51 is still being answered.
      await new Promise((resolve) => setTimeout(resolve, 700)); // past the 300 ms lease
      // The database back: this instance's sweep comes before its next renewal.
      expect(await a.reclaim(3)).toEqual({ replay: [], dropped: [] });
      down = false;
      a.markDone(51);
      await a.close();
      const { rows } = await real.query<{ id: string; done: boolean }>(`SELECT update_id AS id, done_at IS NOT NULL AS done FROM ${table} ORDER BY update_id`);
      expect(rows.map((r) => [Number(r.id), r.done])).toEqual([
        [51, true],
        [52, true],
      ]);
    } finally {
      await lite.close();
    }
  }, 30_000);
});

const message = (id: number) => ({ update_id: id, message: { message_id: id, date: 0, chat: { id: 1, type: "private", first_name: "U" }, text: "q" } }) as Update;

describe("Postgres update log: an instance whose lease ran out, and the one that took its updates over", () => {
  it("neither renews nor closes the other's rows, and learns from its next renewal that the update is lost", async () => {
    const lite = await createPglite();
    try {
      const real = pgliteDatabase(lite);
      await migrateOnce(real, "owner_test");
      const table = stateTablesOf("owner_test").updates;
      // The database out of this instance's reach for its renewals (a partition, a stalled event loop).
      let cutOff = false;
      const flaky: SqlQueryable = {
        ...real,
        query: async <R>(text: string, params?: readonly unknown[]) => {
          if (cutOff && /SET lease_until = now\(\) \+ \$2/.test(text)) throw new Error("connection terminated unexpectedly");
          return real.query<R>(text, params);
        },
      };
      const lost: [number, string][] = [];
      const a = new PostgresUpdateLog({ db: flaky, table, leaseMs: 300, onLeaseLost: (id, at) => lost.push([id, at]) });
      expect(await a.claim([message(61), message(62)])).toHaveLength(2);
      cutOff = true;
      await new Promise((resolve) => setTimeout(resolve, 700)); // past the 300 ms lease
      // A long lease for the second, so a renewal by the first (300 ms) would show as one cut short.
      const b = new PostgresUpdateLog({ db: real, table, leaseMs: 60_000 });
      expect((await b.reclaim(3)).replay.map((u) => u.update_id)).toEqual([61, 62]);
      const rowsOf = async () =>
        (
          await real.query<{ id: string; owner: string; done: boolean; left: number }>(
            `SELECT update_id AS id, owner, done_at IS NOT NULL AS done, EXTRACT(EPOCH FROM lease_until - now()) * 1000 AS left FROM ${table} ORDER BY update_id`,
          )
        ).rows.map((r) => ({ id: Number(r.id), owner: r.owner, done: r.done, left: Number(r.left) }));
      const taken = await rowsOf();
      expect(taken[0]?.owner).toBe(taken[1]?.owner);

      // The first finishes 62 before it has heard of the takeover: its done mark leaves the row alone.
      expect(a.lost(62)).toBe(false);
      a.markDone(62);
      await vi.waitFor(() => expect(lost).toEqual([[62, "done"]]), { timeout: 5_000, interval: 20 });
      // The database back: its next renewal finds 61 is the second's, and renews nothing.
      cutOff = false;
      await vi.waitFor(() => expect(lost).toEqual([[62, "done"], [61, "renewal"]]), { timeout: 5_000, interval: 20 });
      expect(a.lost(61)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 250)); // more renewals of the first: nothing more
      expect(lost).toHaveLength(2);
      const after = await rowsOf();
      expect(after.map((r) => [r.id, r.owner, r.done])).toEqual([
        [61, taken[0]?.owner, false],
        [62, taken[0]?.owner, false],
      ]);
      for (const row of after) expect(row.left).toBeGreaterThan(50_000); // the second's lease, not cut to 300 ms

      // Its handler stopped: the first's done mark writes nothing; the second's close both rows.
      a.markDone(61);
      expect(a.lost(61)).toBe(false);
      await a.close();
      expect((await rowsOf()).map((r) => r.done)).toEqual([false, false]);
      b.markDone(61);
      b.markDone(62);
      await b.close();
      expect((await rowsOf()).map((r) => r.done)).toEqual([true, true]);
    } finally {
      await lite.close();
    }
  }, 30_000);

  it("a database migrated before owners came upgrades in place: an update left there is taken over and closed", async () => {
    const lite = await createPglite();
    try {
      const db = pgliteDatabase(lite);
      const all = await readMigrations();
      await migrate(db, "upgrade_test", all.filter((m) => m.version <= 4));
      const table = stateTablesOf("upgrade_test").updates;
      // Claimed by an instance of the earlier version, which died: its lease has run out.
      await db.query(`INSERT INTO ${table} (update_id, payload, lease_until) VALUES (81, $1::jsonb, now() - interval '1 second')`, [JSON.stringify(message(81))]);
      expect(await migrate(db, "upgrade_test", all)).toEqual([5]);
      const log = new PostgresUpdateLog({ db, table, leaseMs: 60_000 });
      expect((await log.reclaim(3)).replay.map((u) => u.update_id)).toEqual([81]);
      log.markDone(81);
      await log.close();
      const { rows } = await db.query<{ owner: string | null; done: boolean }>(`SELECT owner, done_at IS NOT NULL AS done FROM ${table} WHERE update_id = 81`);
      expect(rows[0]?.owner).toMatch(/^pid \d+ on /);
      expect(rows[0]?.done).toBe(true);
    } finally {
      await lite.close();
    }
  }, 30_000);
});
