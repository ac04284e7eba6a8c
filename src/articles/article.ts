/** One article loaded from the seeds folder. */
export interface Article {
  /** Path relative to the seeds folder, with forward slashes (e.g. `000_eb2b5d22429fdfa6.txt`). */
  id: string;
  title: string;
  /** ISO date `YYYY-MM-DD`, when the file gives one. */
  date: string | null;
  /** An http(s) link, at most MAX_URL characters (parse-article.ts drops any other header url). */
  url: string | null;
  source: string | null;
  /** The article text without its header; chunk offsets point into this string. */
  body: string;
  /** sha256 (hex) of the raw file bytes: a changed hash means a changed article. */
  hash: string;
}

/** Longest article link kept, in characters (also once percent-encoded): a source line fits in one message. */
export const MAX_URL = 1000;

/** Why a file was not indexed: the rule it broke (see `SkippedFile.code`). */
export const SKIP_CODES = ["outside", "hidden", "dangling-link", "link-loop", "not-regular", "not-article", "too-large", "unreadable", "empty", "binary", "not-utf8", "no-text"] as const;
export type SkipCode = (typeof SKIP_CODES)[number];

export function isSkipCode(value: unknown): value is SkipCode {
  return (SKIP_CODES as readonly unknown[]).includes(value);
}

/** What is wrong in a file that was indexed all the same (see `ArticleWarning.code`). */
export const WARNING_CODES = ["bad-date", "bad-url", "unread-header", "duplicate-title", "odd-date"] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export function isWarningCode(value: unknown): value is WarningCode {
  return (WARNING_CODES as readonly unknown[]).includes(value);
}

/**
 * A file indexed with a problem its author should fix: "bad-date", a header date that is no
 * real date (2026-13-45, 2026-02-30, 5.03.2026, or an empty `date:`), so the article is indexed without one and is
 * missing from /latest and questions about a period; "bad-url", a header url that is no http(s)
 * link (javascript:…, ftp://…, "example.org" without a scheme, longer than MAX_URL), so the
 * article is indexed without a link; "unread-header", a header between "---" lines (it names a
 * title, date, url or source) that cannot be read, its closing "---" missing or a line in it no
 * `key: value`, so the file is indexed as plain text, without its date and link;
 * "duplicate-title", the article's title is also another's (see duplicate-titles.ts), so answers,
 * /latest and source buttons show them alike; "odd-date", a real date before 1800 or more than a
 * year after today (see odd-dates.ts), most likely a mistyped year, kept as written.
 */
export interface ArticleWarning {
  file: string;
  /** One line for people, in English (logs, `npm run ingest`). */
  reason: string;
  /** What is wrong, for other languages (texts/skip-texts.ts); absent when a newer version's. */
  code?: WarningCode;
  /** "bad-date": the date as the header gives it ("" when empty); "odd-date": the article's date. */
  date?: string;
  /** "bad-url": the url as the header gives it. */
  url?: string;
  /** "unread-header": its first line that is no `key: value`; absent when the closing "---" is missing. */
  line?: string;
  /** "duplicate-title": the shared title (cut short). */
  title?: string;
  /** "duplicate-title": the other files with that title. */
  others?: string[];
}

/** A file that was not indexed, and why. */
export interface SkippedFile {
  file: string;
  /** One line for people, in English (logs, `npm run ingest`). */
  reason: string;
  /**
   * The rule broken, so a surface in another language can say why (texts/skip-texts.ts) instead
   * of showing the English `reason`; absent in indexes built before it was recorded.
   */
  code?: SkipCode;
  /** "too-large": the file's size and the limit, in bytes. */
  size?: number;
  limit?: number;
  /** "unreadable": the system's error code (e.g. EACCES), else its message. */
  error?: string;
}
