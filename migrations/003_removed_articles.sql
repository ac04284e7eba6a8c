-- Articles removed through the bot (/remove): every instance deletes its own copy of each before
-- it builds, as it writes the uploads in uploaded_articles, so a removal reaches them all and no
-- instance brings the article back. Uploading a file of that name again deletes its row here.
-- Only a copy with the removed content is deleted: a file of that name with other content is
-- another article, and a new image or clone gives every file a new mtime, so times cannot tell.
CREATE TABLE removed_articles (
  file_name text PRIMARY KEY,
  content_sha256 text NOT NULL,
  removed_at timestamptz NOT NULL DEFAULT now()
);
