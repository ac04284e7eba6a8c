-- The index in one namespace (a Postgres schema; the program sets search_path to it while
-- migrating). Applied once, in order with the other numbered files, by src/store/postgres/migrate.ts.

-- One row per index version. Rows are written first with complete = false; the build's last
-- step marks it complete and current in one transaction, so readers see the old version until then.
CREATE TABLE versions (
  id text PRIMARY KEY,
  built_at timestamptz NOT NULL DEFAULT now(),
  dims integer NOT NULL,
  manifest jsonb,
  -- The BM25 term index, the same bytes the file backend writes (terms.json, terms.bin): loaded
  -- into memory, so term search, IDF and the vocabulary behave exactly as with files.
  terms_meta text,
  terms_data bytea,
  complete boolean NOT NULL DEFAULT false,
  current boolean NOT NULL DEFAULT false
);
-- At most one serving version.
CREATE UNIQUE INDEX versions_one_current ON versions (current) WHERE current;

-- Chunks of every kept version. The embedding has no fixed width here (embedders differ); each
-- version gets its own partial HNSW index over embedding::vector(dims) (see write-version.ts).
CREATE TABLE chunks (
  version text NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
  n integer NOT NULL,
  id text NOT NULL,
  article_id text NOT NULL,
  chunk integer NOT NULL,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  title text NOT NULL,
  date text,
  url text,
  text text NOT NULL,
  embedding vector NOT NULL,
  PRIMARY KEY (version, n)
);
CREATE INDEX chunks_article ON chunks (version, article_id);
CREATE INDEX chunks_date ON chunks (version, date);

-- Vectors already computed, per embedder and chunk text hash (little-endian float32): a
-- re-index embeds only new or changed chunks. Kept across versions.
CREATE TABLE embedding_cache (
  embedder text NOT NULL,
  hash text NOT NULL,
  vector bytea NOT NULL,
  PRIMARY KEY (embedder, hash)
);

-- Named locks with a lease (advisory locks do not work across PGlite's connections): taken with
-- INSERT … ON CONFLICT, renewed while held, taken over once expired.
CREATE TABLE locks (
  name text PRIMARY KEY,
  holder text NOT NULL,
  acquired_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
