import type { Update } from "grammy/types";
import type { SqlQueryable } from "../../store/postgres/sql-database.js";
import type { UpdateLog } from "../bot-state-store.js";

export interface PostgresUpdateLogOptions {
  db: SqlQueryable;
  /** The `bot_updates` table, qualified. */
  table: string;
  /** How long an update being handled is reserved for this process without renewal (default 30 s). */
  leaseMs?: number;
  /** A renewal or a done mark that failed (logged by the caller; the update may be handled again). */
  onError?: (error: unknown) => void;
}

/**
 * The update log in Postgres, shared by every instance: `claim` inserts the update ids first and
 * keeps those that were new (ON CONFLICT DO NOTHING), so each update is handled by exactly one
 * instance. Updates being handled are leased and the lease renewed; the updates of an instance
 * that died are reclaimed by another once their lease ran out.
 */
export class PostgresUpdateLog implements UpdateLog {
  readonly shared = true;
  private readonly inFlight = new Set<number>();
  /** Done marks and lease renewals on their way: close() waits for them. */
  private readonly writes = new Set<Promise<void>>();
  /** Answered updates whose done mark failed: written again with each renewal, and at close. */
  private readonly unmarked = new Set<number>();
  private readonly leaseMs: number;
  private readonly renewal: NodeJS.Timeout;
  private readonly onError: (error: unknown) => void;

  constructor(private readonly options: PostgresUpdateLogOptions) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.onError = options.onError ?? (() => {});
    this.renewal = setInterval(() => this.renew(), Math.max(1, Math.floor(this.leaseMs / 3)));
    this.renewal.unref();
  }

  async claim(updates: readonly Update[]): Promise<Update[]> {
    if (updates.length === 0) return [];
    const { rows } = await this.options.db.query<{ update_id: string | number }>(
      `INSERT INTO ${this.options.table} (update_id, payload, lease_until)
       SELECT (u ->> 'update_id')::bigint, u, now() + $2 * interval '1 millisecond' FROM jsonb_array_elements($1::jsonb) AS u
       ON CONFLICT (update_id) DO NOTHING
       RETURNING update_id`,
      [JSON.stringify(updates), this.leaseMs],
    );
    const won = new Set(rows.map((r) => Number(r.update_id)));
    const fresh: Update[] = [];
    for (const update of updates) {
      if (!won.delete(update.update_id)) continue; // also skips a second copy in the same batch
      this.inFlight.add(update.update_id);
      fresh.push(update);
    }
    return fresh;
  }

  markDone(updateId: number): void {
    this.inFlight.delete(updateId);
    this.writeDone([updateId]);
  }

  /**
   * The answer went out: an update left undone would be reclaimed once its lease ran out (by
   * this instance's sweep or another's) and answered again. So a failed mark (the database gone
   * for a moment) is kept and retried every lease/3, before the lease can run out.
   */
  private writeDone(ids: number[]): void {
    for (const id of ids) this.unmarked.delete(id);
    const write = this.options.db.query(`UPDATE ${this.options.table} SET done_at = now(), payload = NULL, lease_until = NULL WHERE update_id = ANY($1::bigint[])`, [ids]);
    this.track(
      write.catch((error: unknown) => {
        for (const id of ids) this.unmarked.add(id);
        throw error;
      }),
    );
  }

  async reclaim(maxReplays: number): Promise<{ replay: Update[]; dropped: number[] }> {
    // FOR UPDATE SKIP LOCKED: two instances sweeping at once take different updates. Not this
    // instance's own, being answered or answered with the done mark still to land: their leases
    // run out when the database was gone for longer, and its sweep came back before its renewal.
    const { rows } = await this.options.db.query<{ update_id: string | number; payload: Update | string; replays: number }>(
      `UPDATE ${this.options.table} SET lease_until = now() + $1 * interval '1 millisecond', replays = replays + 1
       WHERE update_id IN (
         SELECT update_id FROM ${this.options.table}
         WHERE done_at IS NULL AND lease_until < now() AND NOT update_id = ANY($2::bigint[])
         ORDER BY update_id LIMIT 200 FOR UPDATE SKIP LOCKED)
       RETURNING update_id, payload, replays`,
      [this.leaseMs, [...this.inFlight, ...this.unmarked]],
    );
    const replay: Update[] = [];
    const dropped: number[] = [];
    for (const row of rows.sort((a, b) => Number(a.update_id) - Number(b.update_id))) {
      const id = Number(row.update_id);
      if (row.replays > maxReplays || row.payload === null) {
        dropped.push(id);
        this.markDone(id);
        continue;
      }
      this.inFlight.add(id);
      replay.push(typeof row.payload === "string" ? (JSON.parse(row.payload) as Update) : row.payload);
    }
    return { replay, dropped };
  }

  async close(): Promise<void> {
    clearInterval(this.renewal);
    // The answers finished before this: their done marks must land, or they are answered again.
    // Unfinished updates keep their lease until it runs out; then this or another instance reclaims them.
    await Promise.all(this.writes);
    if (this.unmarked.size > 0) {
      this.writeDone([...this.unmarked]); // a last try (the pool is closed after this)
      await Promise.all(this.writes);
    }
  }

  /** Runs a write in the background (failures go to onError), tracked until it settles. */
  private track(write: Promise<unknown>): void {
    const settled: Promise<void> = write.then(
      () => {},
      (error: unknown) => this.onError(error),
    );
    this.writes.add(settled);
    void settled.finally(() => this.writes.delete(settled));
  }

  private renew(): void {
    if (this.unmarked.size > 0) this.writeDone([...this.unmarked]);
    if (this.inFlight.size === 0) return;
    this.track(
      this.options.db.query(`UPDATE ${this.options.table} SET lease_until = now() + $2 * interval '1 millisecond' WHERE update_id = ANY($1::bigint[]) AND done_at IS NULL`, [
        [...this.inFlight],
        this.leaseMs,
      ]),
    );
  }
}
