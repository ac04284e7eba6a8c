// Moves the bot's state from STATE_DIR files into Postgres (`npm run ingest -- --from-store DIR`
// with DATABASE_URL), so switching backends keeps follow-up conversations, passage buttons,
// /stats, votes and the handled-update record. Rate-limit buckets are not moved: they refill in
// seconds anyway.
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { readJournalFile } from "../../bot/update-journal.js";
import { migrateOnce } from "../../store/postgres/migrate.js";
import type { SqlDatabase } from "../../store/postgres/sql-database.js";
import { STATE_FILE } from "../file-bot-state.js";
import type { SavedState } from "../memory-bot-state.js";
import { stateTablesOf } from "./state-tables.js";

/** What was moved (counts). */
export interface MovedState {
  conversations: number;
  passageKeys: number;
  questions: number;
  votes: number;
  /** Handled update ids (a repeated delivery stays answered once) and unfinished updates (answered by the bot). */
  handledUpdates: number;
  unfinishedUpdates: number;
}

/** Written into the state folder once its content was moved: the bot then stops reminding to move it. */
export const MOVED_MARKER = "MOVED_TO_DATABASE";

interface SavedFeedback {
  answers?: [string, { question: string | null; votes: Record<string, number> }][];
}

/**
 * Copies the state files in `stateDir` into the namespace `schema`; null when the folder holds
 * none. Safe to run twice: rows are inserted only when missing, and the counters are added once
 * per folder (a marker row remembers it). The caller holds the folder's lock (`lockStateFolder`).
 * `migrations`: where the schema is migrated (the build before the move did it with that handle).
 */
export async function importFileState(stateDir: string, db: SqlDatabase, schema: string, migrations: SqlDatabase = db): Promise<MovedState | null> {
  const state = await readJson<SavedState>(path.join(stateDir, STATE_FILE));
  const feedback = await readJson<SavedFeedback>(path.join(stateDir, "feedback.json"));
  const journal = await readJournalFile(path.join(stateDir, "updates", "updates.jsonl"));
  const updates = journal && { done: [...journal.done], pending: [...journal.pending.values()] };
  if (!state && !feedback && !updates) return null;
  await migrateOnce(migrations, schema);
  const t = stateTablesOf(schema);
  const votes = (feedback?.answers ?? []).flatMap(([key, entry]) =>
    Object.entries(entry?.votes ?? {})
      .filter(([user, vote]) => /^\d+$/.test(user) && (vote === 1 || vote === -1))
      .map(([user, vote]) => [key, Number(user), vote]),
  );
  const marker = `imported:${createHash("sha256").update(path.resolve(stateDir)).digest("hex").slice(0, 16)}`;
  const stats = state?.stats;

  const moved = await db.transaction(async (tx) => {
    const entries = (table: string, column: string, list: unknown[] | undefined) =>
      tx.query<{ key: string }>(
        `INSERT INTO ${table} (key, ${column}, created_at)
         SELECT e ->> 0, e -> 1 -> 'value', to_timestamp((e -> 1 ->> 'at')::float8 / 1000) FROM jsonb_array_elements($1::jsonb) AS e
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [JSON.stringify(list ?? [])],
      );
    const conversations = await entries(t.conversations, "turns", state?.conversations);
    const passageKeys = await entries(t.passageKeys, "ref", state?.passageKeys);

    const first = await tx.query(`INSERT INTO ${t.counters} (name, value) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING RETURNING name`, [marker]);
    if (first.rows.length > 0 && stats) {
      await tx.query(
        `INSERT INTO ${t.counters} AS c (name, value, since) VALUES ('questions', $1, $3), ('not_found', $2, $3)
         ON CONFLICT (name) DO UPDATE SET value = c.value + excluded.value, since = LEAST(c.since, excluded.since)`,
        [stats.questions, stats.notFound, new Date(stats.since)],
      );
      for (const question of stats.recent ?? []) await tx.query(`INSERT INTO ${t.gaps} (question) VALUES ($1)`, [question]);
    }

    await tx.query(
      `INSERT INTO ${t.answers} (key, question) SELECT e ->> 0, e -> 1 ->> 'question' FROM jsonb_array_elements($1::jsonb) AS e ON CONFLICT (key) DO NOTHING`,
      [JSON.stringify(feedback?.answers ?? [])],
    );
    const savedVotes = await tx.query(
      `INSERT INTO ${t.votes} (answer_key, user_id, vote)
       SELECT e ->> 0, (e ->> 1)::bigint, (e ->> 2)::smallint FROM jsonb_array_elements($1::jsonb) AS e
       ON CONFLICT (answer_key, user_id) DO NOTHING RETURNING 1`,
      [JSON.stringify(votes)],
    );

    const handled = await tx.query(
      `INSERT INTO ${t.updates} (update_id, done_at) SELECT id::bigint, now() FROM jsonb_array_elements_text($1::jsonb) AS id ON CONFLICT (update_id) DO NOTHING RETURNING 1`,
      [JSON.stringify((updates?.done ?? []).map(String))],
    );
    // Unfinished ones with a lease already over: the bot takes them over and answers them on start.
    const unfinished = await tx.query(
      `INSERT INTO ${t.updates} (update_id, payload, lease_until)
       SELECT (u ->> 'update_id')::bigint, u, now() - interval '1 second' FROM jsonb_array_elements($1::jsonb) AS u
       ON CONFLICT (update_id) DO NOTHING RETURNING 1`,
      [JSON.stringify(updates?.pending ?? [])],
    );
    return {
      conversations: conversations.rows.length,
      passageKeys: passageKeys.rows.length,
      questions: first.rows.length > 0 ? (stats?.questions ?? 0) : 0,
      votes: savedVotes.rows.length,
      handledUpdates: handled.rows.length,
      unfinishedUpdates: unfinished.rows.length,
    };
  });
  await fs.writeFile(path.join(stateDir, MOVED_MARKER), `Moved into the database (schema ${schema}) at ${new Date().toISOString()}; these files are no longer used.\n`);
  return moved;
}

async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await fs.readFile(file, "utf8")) as T;
  } catch {
    return null;
  }
}
