import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
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
  /**
   * An update this instance claimed is another's now: its lease here ran out (renewals failing,
   * the database out of reach, the event loop stalled) and another instance took it over, which
   * answers it. Found by a renewal (`at: "renewal"`, while it is still being handled here: see
   * `lost`) or by its done mark (`at: "done"`: handled here to the end, so maybe answered twice).
   * Once per update; logged by the caller.
   */
  onLeaseLost?: (updateId: number, at: "renewal" | "done") => void;
}

/**
 * The update log in Postgres, shared by every instance: `claim` inserts the update ids first and
 * keeps those that were new (ON CONFLICT DO NOTHING), so each update is handled by exactly one
 * instance. Updates being handled are leased and the lease renewed; the updates of an instance
 * that died are reclaimed by another once their lease ran out. Each row names the instance that
 * holds it (`owner`, set by claim and reclaim): renewals and done marks touch only this instance's
 * own rows, so one that was taken over after its lease ran out here is left to its new holder.
 */
export class PostgresUpdateLog implements UpdateLog {
  readonly shared = true;
  private readonly inFlight = new Set<number>();
  /** Done marks and lease renewals on their way: close() waits for them. */
  private readonly writes = new Set<Promise<void>>();
  /** Answered updates whose done mark failed: written again with each renewal, and at close. */
  private readonly unmarked = new Set<number>();
  /** Updates still being handled here that another instance took over (see `lost`); cleared by markDone. */
  private readonly taken = new Set<number>();
  /** This instance, in the rows it holds (as the index's writer lock names its holder). */
  private readonly owner = `pid ${process.pid} on ${hostname()} (${randomBytes(4).toString("hex")})`;
  private readonly leaseMs: number;
  private readonly renewal: NodeJS.Timeout;
  private readonly onError: (error: unknown) => void;
  private readonly onLeaseLost: (updateId: number, at: "renewal" | "done") => void;

  constructor(private readonly options: PostgresUpdateLogOptions) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.onError = options.onError ?? (() => {});
    this.onLeaseLost = options.onLeaseLost ?? (() => {});
    this.renewal = setInterval(() => this.renew(), Math.max(1, Math.floor(this.leaseMs / 3)));
    this.renewal.unref();
  }

  async claim(updates: readonly Update[]): Promise<Update[]> {
    if (updates.length === 0) return [];
    const { rows } = await this.options.db.query<{ update_id: string | number }>(
      `INSERT INTO ${this.options.table} (update_id, payload, lease_until, owner)
       SELECT (u ->> 'update_id')::bigint, u, now() + $2 * interval '1 millisecond', $3 FROM jsonb_array_elements($1::jsonb) AS u
       ON CONFLICT (update_id) DO NOTHING
       RETURNING update_id`,
      [JSON.stringify(updates), this.leaseMs, this.owner],
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
    // Another instance's now: its done mark, not ours, closes the row.
    if (this.taken.delete(updateId)) return;
    this.writeDone([updateId]);
  }

  /** True once a renewal found that another instance took the update over (it answers it). */
  lost(updateId: number): boolean {
    return this.taken.has(updateId);
  }

  /**
   * The answer went out: an update left undone would be reclaimed once its lease ran out (by
   * this instance's sweep or another's) and answered again. So a failed mark (the database gone
   * for a moment) is kept and retried every lease/3, before the lease can run out. Only a row
   * still this instance's is marked: one another instance took over is its to finish (written
   * here, the mark would end its lease while it answers, and its own mark would come to nothing).
   * No `done_at IS NULL`: a mark written again after one that landed unseen (a timeout) matches.
   */
  private writeDone(ids: number[]): void {
    for (const id of ids) this.unmarked.delete(id);
    const write = this.options.db.query<{ update_id: string | number }>(
      `UPDATE ${this.options.table} SET done_at = now(), payload = NULL, lease_until = NULL WHERE update_id = ANY($1::bigint[]) AND owner = $2 RETURNING update_id`,
      [ids, this.owner],
    );
    this.track(
      write.then(
        ({ rows }) => {
          const marked = new Set(rows.map((r) => Number(r.update_id)));
          for (const id of ids) if (!marked.has(id)) this.onLeaseLost(id, "done");
        },
        (error: unknown) => {
          for (const id of ids) this.unmarked.add(id);
          throw error;
        },
      ),
    );
  }

  async reclaim(maxReplays: number): Promise<{ replay: Update[]; dropped: number[] }> {
    // FOR UPDATE SKIP LOCKED: two instances sweeping at once take different updates. Not this
    // instance's own, being answered or answered with the done mark still to land: their leases
    // run out when the database was gone for longer, and its sweep came back before its renewal.
    // Nor one taken from it that it is still handling (its handler has yet to stop).
    const { rows } = await this.options.db.query<{ update_id: string | number; payload: Update | string; replays: number }>(
      `UPDATE ${this.options.table} SET lease_until = now() + $1 * interval '1 millisecond', replays = replays + 1, owner = $3
       WHERE update_id IN (
         SELECT update_id FROM ${this.options.table}
         WHERE done_at IS NULL AND lease_until < now() AND NOT update_id = ANY($2::bigint[])
         ORDER BY update_id LIMIT 200 FOR UPDATE SKIP LOCKED)
       RETURNING update_id, payload, replays`,
      [this.leaseMs, [...this.inFlight, ...this.unmarked, ...this.taken], this.owner],
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

  /**
   * Extends the leases of the updates being handled, of the rows still this instance's: a lease
   * that ran out here and was not taken over is renewed (no one else answers it), one another
   * instance took over is left to it, and the update is marked lost here (`lost`, onLeaseLost).
   */
  private renew(): void {
    if (this.unmarked.size > 0) this.writeDone([...this.unmarked]);
    if (this.inFlight.size === 0) return;
    const ids = [...this.inFlight];
    const renewal = this.options.db.query<{ update_id: string | number }>(
      `UPDATE ${this.options.table} SET lease_until = now() + $2 * interval '1 millisecond'
       WHERE update_id = ANY($1::bigint[]) AND owner = $3 AND done_at IS NULL RETURNING update_id`,
      [ids, this.leaseMs, this.owner],
    );
    this.track(
      renewal.then(({ rows }) => {
        const renewed = new Set(rows.map((r) => Number(r.update_id)));
        // Still in flight: one marked done meanwhile was closed by its done mark, not taken.
        for (const id of ids) {
          if (renewed.has(id) || !this.inFlight.delete(id)) continue;
          this.taken.add(id);
          this.onLeaseLost(id, "renewal");
        }
      }),
    );
  }
}
