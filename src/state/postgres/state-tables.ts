import { isSchemaName, quoteIdent } from "../../store/postgres/namespace.js";

/** Qualified names of the bot state's tables in one namespace (migrations/002_bot_state.sql). */
export interface StateTables {
  conversations: string;
  passageKeys: string;
  counters: string;
  gaps: string;
  buckets: string;
  answers: string;
  votes: string;
  updates: string;
}

export function stateTablesOf(schema: string): StateTables {
  if (!isSchemaName(schema)) throw new Error(`bad schema name "${schema}"`);
  const s = quoteIdent(schema);
  return {
    conversations: `${s}.bot_conversations`,
    passageKeys: `${s}.bot_passage_keys`,
    counters: `${s}.bot_counters`,
    gaps: `${s}.bot_content_gaps`,
    buckets: `${s}.bot_rate_buckets`,
    answers: `${s}.bot_feedback_answers`,
    votes: `${s}.bot_feedback_votes`,
    updates: `${s}.bot_updates`,
  };
}
