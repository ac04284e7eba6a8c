import type { SqlQueryable } from "../../store/postgres/sql-database.js";
import type { StateTables } from "./state-tables.js";

/** How much bot state the database keeps. */
export interface PruneLimits {
  conversations: number;
  conversationTtlMs: number;
  passageKeys: number;
  passageKeyTtlMs: number;
  feedbackAnswers: number;
  /** Content gaps kept for /stats. */
  gaps: number;
  /** Handled update ids are kept this long (to recognise a repeated delivery). */
  updateTtlMs: number;
  /** Rate-limit buckets untouched this long are full again: deleted. */
  bucketTtlMs: number;
}

/** Deletes expired and surplus rows (any instance may run it; the statements are idempotent). */
export async function pruneState(db: SqlQueryable, t: StateTables, limits: PruneLimits, now: number): Promise<void> {
  const ms = "* interval '1 millisecond'";
  for (const [table, ttl, cap] of [
    [t.conversations, limits.conversationTtlMs, limits.conversations],
    [t.passageKeys, limits.passageKeyTtlMs, limits.passageKeys],
  ] as const) {
    await db.query(`DELETE FROM ${table} WHERE created_at < now() - $1 ${ms}`, [ttl]);
    await db.query(`DELETE FROM ${table} WHERE key IN (SELECT key FROM ${table} ORDER BY created_at DESC OFFSET $1)`, [cap]);
  }
  await db.query(`DELETE FROM ${t.answers} WHERE key IN (SELECT key FROM ${t.answers} ORDER BY created_at DESC OFFSET $1)`, [limits.feedbackAnswers]);
  await db.query(`DELETE FROM ${t.votes} v WHERE NOT EXISTS (SELECT 1 FROM ${t.answers} a WHERE a.key = v.answer_key)`);
  await db.query(`DELETE FROM ${t.gaps} WHERE id NOT IN (SELECT id FROM ${t.gaps} ORDER BY id DESC LIMIT $1)`, [limits.gaps]);
  await db.query(`DELETE FROM ${t.buckets} WHERE at_ms < $1`, [Math.round(now - limits.bucketTtlMs)]);
  // Handled ids after their time; unfinished ones too once that old (their text must not stay forever).
  await db.query(`DELETE FROM ${t.updates} WHERE received_at < now() - $1 ${ms}`, [limits.updateTtlMs]);
}
