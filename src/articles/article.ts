/** One article loaded from the seeds folder. */
export interface Article {
  /** Path relative to the seeds folder, with forward slashes (e.g. `000_eb2b5d22429fdfa6.txt`). */
  id: string;
  title: string;
  /** ISO date `YYYY-MM-DD`, when the file gives one. */
  date: string | null;
  url: string | null;
  source: string | null;
  /** The article text without its header; chunk offsets point into this string. */
  body: string;
  /** sha256 (hex) of the raw file bytes: a changed hash means a changed article. */
  hash: string;
}

/** A file that was not indexed, and why (one line, for people). */
export interface SkippedFile {
  file: string;
  reason: string;
}
