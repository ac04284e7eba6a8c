// The Postgres update log's shutdown, on a fake database: done marks still on their way when the
// bot stops must reach the database before close() resolves (the pool may be ended right after,
// and an update not marked done is handled again by the next start or another instance).
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { PostgresUpdateLog } from "../../src/state/postgres/postgres-update-log.js";
import { stateTablesOf } from "../../src/state/postgres/state-tables.js";
import { migrateOnce } from "../../src/store/postgres/migrate.js";
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
          if (down && /SET done_at|AND done_at IS NULL$/.test(text.trim())) throw new Error("connection terminated unexpectedly");
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
