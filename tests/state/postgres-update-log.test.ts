// The Postgres update log's shutdown, on a fake database: done marks still on their way when the
// bot stops must reach the database before close() resolves (the pool may be ended right after,
// and an update not marked done is handled again by the next start or another instance).
import { describe, expect, it } from "vitest";
import { PostgresUpdateLog } from "../../src/state/postgres/postgres-update-log.js";
import type { SqlQueryable } from "../../src/store/postgres/sql-database.js";

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

  it("a failed done mark is reported, and close still resolves", async () => {
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
    expect(errors).toHaveLength(1);
  });
});
