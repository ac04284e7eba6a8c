-- Articles removed through the bot (/remove): every instance deletes its own copy of each before
-- it builds, as it writes the uploads in uploaded_articles, so a removal reaches them all and no
-- instance brings the article back. Uploading a file of that name again deletes its row here.
CREATE TABLE removed_articles (
  file_name text PRIMARY KEY,
  removed_at timestamptz NOT NULL DEFAULT now()
);
