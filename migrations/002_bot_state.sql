-- The bot's state (src/state/postgres/): shared by every instance on this database, so a reply
-- to an earlier answer keeps its context after a restart or on another instance. Every table is
-- bounded by the program (old rows pruned, see prune.ts).

-- Follow-up conversations: the answer message (`chat:message`) → the turns so far.
CREATE TABLE bot_conversations (
  key text PRIMARY KEY,
  turns jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bot_conversations_created ON bot_conversations (created_at);

-- Source buttons whose reference does not fit in 64 bytes of callback data.
CREATE TABLE bot_passage_keys (
  key text PRIMARY KEY,
  ref jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bot_passage_keys_created ON bot_passage_keys (created_at);

-- /stats counters (one row per counter) and content gaps (group questions only, never a
-- private chat's).
CREATE TABLE bot_counters (
  name text PRIMARY KEY,
  value bigint NOT NULL DEFAULT 0,
  since timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE bot_content_gaps (
  id bigserial PRIMARY KEY,
  question text NOT NULL,
  asked_at timestamptz NOT NULL DEFAULT now()
);

-- Token buckets per limiter and user, updated in one statement (see src/state/postgres/postgres-bot-state.ts).
CREATE TABLE bot_rate_buckets (
  limiter text NOT NULL,
  user_id bigint NOT NULL,
  tokens double precision NOT NULL,
  at_ms bigint NOT NULL,
  denied integer NOT NULL DEFAULT 0,
  PRIMARY KEY (limiter, user_id)
);
CREATE INDEX bot_rate_buckets_at ON bot_rate_buckets (at_ms);

-- 👍/👎 on answers: the question only for group answers (NULL for private chats).
CREATE TABLE bot_feedback_answers (
  key text PRIMARY KEY,
  question text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bot_feedback_answers_created ON bot_feedback_answers (created_at);
CREATE TABLE bot_feedback_votes (
  answer_key text NOT NULL,
  user_id bigint NOT NULL,
  vote smallint NOT NULL CHECK (vote IN (-1, 1)),
  PRIMARY KEY (answer_key, user_id)
);

-- Updates taken from Telegram: inserted first (ON CONFLICT DO NOTHING decides which instance
-- handles one), leased while being handled, marked done after. The payload is dropped once done:
-- only the id stays, to recognise a repeated delivery.
CREATE TABLE bot_updates (
  update_id bigint PRIMARY KEY,
  payload jsonb,
  received_at timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz,
  replays integer NOT NULL DEFAULT 0,
  done_at timestamptz
);
CREATE INDEX bot_updates_pending ON bot_updates (lease_until) WHERE done_at IS NULL;
CREATE INDEX bot_updates_received ON bot_updates (received_at);

-- Articles uploaded through the bot: every instance writes them into its own seeds folder
-- before it builds, so an upload on one instance is indexed (and kept) by all.
CREATE TABLE uploaded_articles (
  file_name text PRIMARY KEY,
  content bytea NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
