import type { Turn } from "../../knowledge-base/knowledge-base.js";
import { clip } from "../../bot/clip.js";
import { migrateOnce } from "../../store/postgres/migrate.js";
import type { SqlDatabase, SqlQueryable } from "../../store/postgres/sql-database.js";
import type { BotStateStore, ExpiringMap, FeedbackSummary, PassageRef, RateResult, StatsSnapshot } from "../bot-state-store.js";
import { PostgresUpdateLog } from "./postgres-update-log.js";
import { pruneState, type PruneLimits } from "./prune.js";
import { type StateTables, stateTablesOf } from "./state-tables.js";
import { DENIED } from "../token-bucket.js";

export interface PostgresStateOptions {
  /** The state's statements: with a time limit each (see open-bot-state.ts), or none in tests. */
  db: SqlDatabase;
  /**
   * Where the migrations run (default `db`): the pool with a longer time limit than the
   * statements' (a migration may run long, once), and migrated once with the index store's.
   * pgvector's version is read on `db`.
   */
  migrations?: SqlDatabase;
  /** The namespace (DATABASE_SCHEMA): the same as the index's. */
  schema: string;
  /** For logs: the database without its password. */
  database: string;
  limits?: Partial<PruneLimits>;
  /** Old rows are deleted this often (default every 10 minutes, and once at open). */
  pruneEveryMs?: number;
  /** Lease of an update being handled (default 30 s). */
  updateLeaseMs?: number;
  /** Background work that failed (pruning, lease renewals): logged by the caller. */
  onError?: (what: string, error: unknown) => void;
  /** An update handled here that another instance took over (see PostgresUpdateLogOptions.onLeaseLost): logged by the caller. */
  onLeaseLost?: (updateId: number, at: "renewal" | "done") => void;
}

const DAY = 24 * 60 * 60 * 1000;
/** Votes kept per answer (the file store keeps as many). */
const MAX_VOTERS = 200;
export const DEFAULT_PRUNE_LIMITS: PruneLimits = {
  conversations: 100_000,
  conversationTtlMs: 7 * DAY,
  passageKeys: 200_000,
  passageKeyTtlMs: 30 * DAY,
  feedbackAnswers: 50_000,
  gaps: 50,
  // Telegram re-sends an unconfirmed webhook update for a while; two days of ids is ample.
  updateTtlMs: 2 * DAY,
  bucketTtlMs: DAY,
};

/**
 * The bot's state in Postgres (DATABASE_URL), shared by every instance: each operation is one
 * statement (a question's count with its content gap, and an edited question's stats, one
 * transaction), so instances never overwrite each other's changes (counters are incremented,
 * votes and buckets upserted in place). Tables come from migrations/002_bot_state.sql.
 */
export async function openPostgresBotState(options: PostgresStateOptions): Promise<BotStateStore> {
  const { db } = options;
  await migrateOnce(options.migrations ?? db, options.schema, db);
  const t = stateTablesOf(options.schema);
  const limits = { ...DEFAULT_PRUNE_LIMITS, ...options.limits };
  const onError = options.onError ?? (() => {});
  const updates = new PostgresUpdateLog({
    db,
    table: t.updates,
    leaseMs: options.updateLeaseMs ?? 30_000,
    onError: (e) => onError("update lease", e),
    ...(options.onLeaseLost ? { onLeaseLost: options.onLeaseLost } : {}),
  });

  // The last run is kept so close() can wait for it (its deletes must not outlive the pool).
  let pruning: Promise<void> = Promise.resolve();
  const prune = () => {
    pruning = pruneState(db, t, limits, Date.now()).catch((error: unknown) => onError("pruning old bot state", error));
    return pruning;
  };
  await prune();
  const pruner = setInterval(() => void prune(), options.pruneEveryMs ?? 10 * 60_000);
  pruner.unref();

  return {
    location: `${options.database} (schema ${options.schema})`,
    conversations: jsonMap<Turn[]>(db, t.conversations, "turns", limits.conversationTtlMs),
    passageKeys: jsonMap<PassageRef>(db, t.passageKeys, "ref", limits.passageKeyTtlMs),
    stats: stats(db, t),
    rateLimits: {
      async take(limiter, userId, rate, now): Promise<RateResult> {
        // The bucket rule of token-bucket.ts in one statement: concurrent requests of one user on
        // two instances each see the other's token taken (the row is locked by the upsert).
        const refilled = `LEAST($3::float8, b.tokens + GREATEST(0, $5::bigint - b.at_ms)::float8 / $4::float8)`;
        // Warned in this flood: refused since the last request served (the `denied` codes of token-bucket.ts).
        const warned = `(b.denied IN (${DENIED.warned}, ${DENIED.dropped}))`;
        const { rows } = await db.query<{ tokens: number; denied: number }>(
          `INSERT INTO ${t.buckets} AS b (limiter, user_id, tokens, at_ms, denied) VALUES ($1, $2, $3::float8 - 1, $5, 0)
           ON CONFLICT (limiter, user_id) DO UPDATE SET
             tokens = CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END,
             denied = CASE WHEN ${refilled} >= 1 THEN ${DENIED.none} WHEN ${warned} THEN ${DENIED.dropped} ELSE ${DENIED.warned} END,
             at_ms = $5
           RETURNING tokens, denied`,
          [limiter, userId, rate.burst, rate.refillMs, Math.round(now)],
        );
        const row = rows[0];
        const denied = Number(row?.denied ?? DENIED.none);
        if (denied === DENIED.none) return { decision: "allow", waitMs: 0 };
        return { decision: denied === DENIED.warned ? "warn" : "drop", waitMs: Math.ceil((1 - Number(row?.tokens)) * rate.refillMs) };
      },
    },
    feedback: feedback(db, t),
    updates,
    async close() {
      clearInterval(pruner);
      await Promise.all([pruning, updates.close()]);
    },
  };
}

function jsonMap<V>(db: SqlDatabase, table: string, column: string, ttlMs: number): ExpiringMap<V> {
  return {
    async get(key) {
      const { rows } = await db.query<Record<string, unknown>>(
        `SELECT ${column} AS value FROM ${table} WHERE key = $1 AND created_at > now() - $2 * interval '1 millisecond'`,
        [key, ttlMs],
      );
      const value = rows[0]?.value;
      return (typeof value === "string" ? JSON.parse(value) : value) as V | undefined;
    },
    async set(key, value) {
      await db.query(
        `INSERT INTO ${table} (key, ${column}) VALUES ($1, $2::jsonb)
         ON CONFLICT (key) DO UPDATE SET ${column} = excluded.${column}, created_at = now()`,
        [key, JSON.stringify(value)],
      );
    },
  };
}

function stats(db: SqlDatabase, t: StateTables): BotStateStore["stats"] {
  return {
    async record(question, notFound, fromGroup) {
      const count = (q: SqlQueryable) =>
        q.query(
          `INSERT INTO ${t.counters} AS c (name, value) VALUES ('questions', 1), ('not_found', $1::int)
           ON CONFLICT (name) DO UPDATE SET value = c.value + excluded.value`,
          [notFound ? 1 : 0],
        );
      // Only group questions are kept as content gaps: a private chat's question is counted, never shown.
      if (!(notFound && fromGroup)) return void (await count(db));
      // Count and gap in one transaction, as in revise: a failure (or a crash) between them must
      // not leave a "not found" counted without its gap. Most questions need no gap: one statement.
      await db.transaction(async (tx) => {
        await count(tx);
        await tx.query(`INSERT INTO ${t.gaps} (question) VALUES ($1)`, [clip(question, 200)]);
      });
    },
    async revise(earlier, question, notFound, fromGroup) {
      // One transaction: a failure (or a crash) between the count and the gaps leaves neither
      // changed, not a "not found" counted without its gap or the other way round.
      await db.transaction(async (tx) => {
        const change = Number(notFound) - Number(earlier.notFound);
        if (change !== 0) await tx.query(`UPDATE ${t.counters} SET value = GREATEST(value + $1, 0) WHERE name = 'not_found'`, [change]);
        // The gap is found by its text (no row is tied to a message): the newest, as the one just asked.
        if (earlier.notFound && fromGroup) {
          await tx.query(`DELETE FROM ${t.gaps} WHERE id = (SELECT max(id) FROM ${t.gaps} WHERE question = $1)`, [clip(earlier.question, 200)]);
        }
        if (notFound && fromGroup) await tx.query(`INSERT INTO ${t.gaps} (question) VALUES ($1)`, [clip(question, 200)]);
      });
    },
    async snapshot(recent): Promise<StatsSnapshot> {
      const counters = await db.query<{ name: string; value: string | number; since: Date | string }>(`SELECT name, value, since FROM ${t.counters} WHERE name IN ('questions', 'not_found')`);
      const gaps = await db.query<{ question: string }>(`SELECT question FROM ${t.gaps} ORDER BY id DESC LIMIT $1`, [recent]);
      const value = (name: string) => Number(counters.rows.find((r) => r.name === name)?.value ?? 0);
      const since = Math.min(Date.now(), ...counters.rows.map((r) => new Date(r.since).getTime()));
      return { questions: value("questions"), notFound: value("not_found"), recentNotFound: gaps.rows.map((r) => r.question), since };
    },
  };
}

function feedback(db: SqlDatabase, t: StateTables): BotStateStore["feedback"] {
  return {
    async register(key, groupQuestion) {
      // A key registered again is a new answer in that message (an edited question's answer is
      // edited in place): the votes on the one it replaced go, as with files.
      await db.query(
        `WITH cleared AS (DELETE FROM ${t.votes} WHERE answer_key = $1)
         INSERT INTO ${t.answers} (key, question) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET question = excluded.question, created_at = now()`,
        [key, groupQuestion === null ? null : clip(groupQuestion, 200)],
      );
    },
    async vote(key, userId, vote) {
      // One statement: the answer row when it was not registered (an answer older than the
      // state), the vote before, and the upsert (changed only when the vote differs).
      // A new voter beyond MAX_VOTERS on one answer is not recorded ("not-kept"), as with files.
      // `listed`: the answer has its question (a row inserted here has none; it sees the table
      // as it was, so NULL).
      const { rows } = await db.query<{ before: number | null; saved: string | number; listed: boolean | null }>(
        `WITH answer AS (INSERT INTO ${t.answers} (key) VALUES ($1) ON CONFLICT (key) DO NOTHING),
              before AS (SELECT vote FROM ${t.votes} WHERE answer_key = $1 AND user_id = $2::bigint),
              saved AS (INSERT INTO ${t.votes} AS v (answer_key, user_id, vote)
                        SELECT $1, $2::bigint, $3::smallint
                        WHERE EXISTS (SELECT 1 FROM before) OR (SELECT count(*) FROM ${t.votes} WHERE answer_key = $1) < $4
                        ON CONFLICT (answer_key, user_id) DO UPDATE SET vote = excluded.vote WHERE v.vote <> excluded.vote RETURNING 1)
         SELECT (SELECT vote FROM before) AS before, (SELECT count(*) FROM saved) AS saved,
                (SELECT question IS NOT NULL FROM ${t.answers} WHERE key = $1) AS listed`,
        [key, userId, vote, MAX_VOTERS],
      );
      const before = rows[0]?.before;
      const listed = rows[0]?.listed === true;
      if (before === null || before === undefined) return { outcome: Number(rows[0]?.saved) > 0 ? "new" : "not-kept", listed };
      return { outcome: Number(before) === vote ? "same" : "changed", listed };
    },
    async summary(worstCount = 5): Promise<FeedbackSummary> {
      const totals = await db.query<{ up: string | number | null; down: string | number | null }>(
        `SELECT sum((v.vote = 1)::int) AS up, sum((v.vote = -1)::int) AS down FROM ${t.votes} v JOIN ${t.answers} a ON a.key = v.answer_key`,
      );
      const worst = await db.query<{ question: string; up: string | number; down: string | number }>(
        `SELECT a.question, sum((v.vote = 1)::int) AS up, sum((v.vote = -1)::int) AS down
         FROM ${t.answers} a JOIN ${t.votes} v ON v.answer_key = a.key
         WHERE a.question IS NOT NULL
         GROUP BY a.key, a.question
         HAVING sum((v.vote = -1)::int) > sum((v.vote = 1)::int)
         ORDER BY sum(-v.vote) DESC, sum((v.vote = -1)::int) DESC, max(a.created_at) DESC
         LIMIT $1`,
        [worstCount],
      );
      return {
        up: Number(totals.rows[0]?.up ?? 0),
        down: Number(totals.rows[0]?.down ?? 0),
        worst: worst.rows.map((r) => ({ question: r.question, up: Number(r.up), down: Number(r.down) })),
      };
    },
  };
}
