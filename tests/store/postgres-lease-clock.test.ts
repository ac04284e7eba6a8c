// The writer times its own view of its lease (and its wait for the lock) on the monotonic clock:
// a step of the wall clock (NTP, a VM's clock sync) must neither end a healthy lease nor keep one
// that ran out. The database's now() still judges takeover; only the writer's own reckoning moves.
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { LostLockError } from "../../src/shared/errors.js";
import { acquireRowLock } from "../../src/store/postgres/write-lock.js";
import { usePglite } from "../helpers/pglite.js";

const pg = usePglite();
const TABLE = "lease_clock_locks";
// A lease whose renewals (every quarter of it) never come during a test: only the clocks decide.
const LEASE_MS = 60_000;
let now = 0;
const monotonic = () => now;

beforeAll(async () => {
  await pg.db.exec(`CREATE TABLE ${TABLE} (name text PRIMARY KEY, holder text NOT NULL, acquired_at timestamptz NOT NULL, expires_at timestamptz NOT NULL)`);
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Steps this process's wall clock by `ms` from here on (the database's own clock is not ours to step). */
function stepWallClock(ms: number): void {
  const real = Date.now.bind(Date);
  vi.spyOn(Date, "now").mockImplementation(() => real() + ms);
}

it("a lease still running is kept when the wall clock steps an hour ahead", async () => {
  const lease = (await acquireRowLock(pg.db, TABLE, "ahead", { leaseMs: LEASE_MS, monotonic }))!;
  stepWallClock(60 * 60_000);
  now += 1_000;
  expect(() => lease.check()).not.toThrow();
  vi.restoreAllMocks();
  await lease.release();
});

it("a lease that ran out with no renewal back is lost even when the wall clock stepped an hour back", async () => {
  const lease = (await acquireRowLock(pg.db, TABLE, "back", { leaseMs: LEASE_MS, monotonic }))!;
  stepWallClock(-60 * 60_000);
  now += LEASE_MS + 1;
  expect(() => lease.check()).toThrow(LostLockError);
  vi.restoreAllMocks();
  await lease.release();
});

it("a wait for the lock does not give up when the wall clock steps past its deadline", async () => {
  // Held for longer than the step, so the step (which may move the database's clock too, PGlite's
  // being this process's) does not let the waiter take it over.
  const held = (await acquireRowLock(pg.db, TABLE, "wait", { leaseMs: 2 * 60 * 60_000, monotonic }))!;
  // The waiter asks who holds the lock once per try, before it looks at its deadline: a second ask
  // after the step shows a try came through that look.
  let asks = 0;
  let stepped = false;
  let survived!: () => void;
  const lookedPast = new Promise<void>((resolve) => {
    survived = resolve;
  });
  const counting = {
    query: <R>(text: string, params?: readonly unknown[]) => {
      if (stepped && text.startsWith("SELECT holder, acquired_at") && ++asks === 2) survived();
      return pg.db.query<R>(text, params);
    },
    exec: (text: string) => pg.db.exec(text),
  };
  const second = acquireRowLock(counting, TABLE, "wait", {
    leaseMs: LEASE_MS,
    monotonic,
    timeoutMs: 10 * 60_000,
    pollMs: 10,
    onWait: () => {
      stepWallClock(60 * 60_000);
      stepped = true;
    },
  });
  const outcome = await Promise.race([lookedPast.then(() => "still waiting"), second.then(() => "took it", (error: unknown) => error)]);
  vi.restoreAllMocks();
  await held.release();
  expect(outcome).toBe("still waiting");
  await (await second)?.release();
});
