import { describe, expect, it } from "vitest";
import type { ArticleWarning, SkippedFile } from "../../src/articles/article.js";
import { messages } from "../../src/bot/messages.js";
import { parseManifest } from "../../src/store/manifest.js";
import { skipReasonText, warningText } from "../../src/texts/skip-texts.js";
import { SUMMARY, storedManifest } from "../helpers/index-fixtures.js";

describe("skipReasonText", () => {
  const notUtf8: SkippedFile = { file: "bad<1>.txt", reason: "not valid UTF-8 text; save it as UTF-8", code: "not-utf8" };

  it("says why a file was skipped in Ukrainian, from its code (not the English reason)", () => {
    expect(skipReasonText("uk", notUtf8)).toBe("не текст UTF-8; збережіть його в UTF-8");
    const huge: SkippedFile = { file: "a.txt", reason: "too large: 2002 bytes, the limit is 1000 (MAX_ARTICLE_BYTES)", code: "too-large", size: 2002, limit: 1000 };
    expect(skipReasonText("uk", huge)).toBe("завеликий: 1,9 КіБ, обмеження — 1000 Б (MAX_ARTICLE_BYTES)");
    expect(skipReasonText("uk", { ...huge, size: 3_000_000, limit: 1_572_864 })).toBe("завеликий: 2,8 МіБ, обмеження — 1,5 МіБ (MAX_ARTICLE_BYTES)");
    expect(skipReasonText("uk", { file: "b.txt", reason: "unreadable: EACCES", code: "unreadable", error: "EACCES" })).toBe("не вдалося прочитати: EACCES");
  });

  it("keeps the English reason in English, and for an index built before codes", () => {
    expect(skipReasonText("en", notUtf8)).toBe(notUtf8.reason);
    expect(skipReasonText("uk", { file: "old.txt", reason: "empty file" })).toBe("empty file");
  });

  it("survives the manifest: a known code is kept, an unknown one (a newer version's) left out", () => {
    const manifest = (skipped: unknown[]) => parseManifest(storedManifest({ skipped })).skipped;
    expect(manifest([notUtf8, { file: "old.txt", reason: "empty file" }])).toEqual([notUtf8, { file: "old.txt", reason: "empty file" }]);
    expect(manifest([{ file: "new.txt", reason: "some new rule", code: "from-the-future" }])).toEqual([{ file: "new.txt", reason: "some new rule" }]);
  });
});

describe("warningText", () => {
  const badDate: ArticleWarning = {
    file: "a<1>.txt",
    reason: 'the date "2026-13-45" is not a real YYYY-MM-DD date; indexed without a date, so it is missing from /latest and questions about dates',
    code: "bad-date",
    date: "2026-13-45",
  };

  it("says what is wrong in an indexed file in Ukrainian from its code, in English as the reason", () => {
    expect(warningText("uk", badDate)).toBe("дата «2026-13-45» — не справжня дата РРРР-ММ-ДД; статтю проіндексовано без дати, тож її немає в /latest і у відповідях про дати");
    expect(warningText("en", badDate)).toBe(badDate.reason);
  });

  const badUrl: ArticleWarning = {
    file: "b.md",
    reason: 'the url "ftp://example.org/a" is not an http:// or https:// link of at most 1000 characters; indexed without a link',
    code: "bad-url",
    url: "ftp://example.org/a",
  };

  it("says a url that is no link in Ukrainian from its code", () => {
    expect(warningText("uk", badUrl)).toBe("посилання «ftp://example.org/a» — не адреса http:// чи https:// до 1000 символів; статтю проіндексовано без посилання");
    expect(warningText("en", badUrl)).toBe(badUrl.reason);
  });

  const unreadHeader: ArticleWarning = {
    file: "c.md",
    reason: 'the header between the "---" lines is not read: its line "date 2026-02-04" is no "key: value" line; indexed as plain text, without its date and link',
    code: "unread-header",
    line: "date 2026-02-04",
  };
  const unclosedHeader: ArticleWarning = { file: "d.md", reason: 'the header is not read: it has no closing "---" line; indexed as plain text, without its date and link', code: "unread-header" };

  it("says a header that is not read in Ukrainian from its code, with its line; it survives the manifest", () => {
    expect(warningText("uk", unreadHeader)).toBe("заголовок між рядками «---» не прочитано: його рядок «date 2026-02-04» — не «ключ: значення»; статтю проіндексовано як звичайний текст, без дати й посилання");
    expect(warningText("uk", unclosedHeader)).toBe("заголовок не прочитано: немає закривального рядка «---»; статтю проіндексовано як звичайний текст, без дати й посилання");
    expect(parseManifest(storedManifest({ warnings: [unreadHeader, unclosedHeader] })).warnings).toEqual([unreadHeader, unclosedHeader]);
  });

  it("lists warnings in the bot's re-index summary, after the skipped files", () => {
    const summary = messages.reindexSummary("uk", { ...SUMMARY, warnings: [badDate] }); // SUMMARY skipped bad<1>.txt
    expect(summary).toMatch(/Пропущено: 1\n• bad&lt;1&gt;\.txt: .*\nПопередження: 1\n• a&lt;1&gt;\.txt: дата «2026-13-45» — не справжня дата/);
    expect(messages.reindexSummary("en", SUMMARY)).not.toMatch(/Warnings/);
  });

  it("survives the manifest; an index built before warnings has none", () => {
    const manifest = (fields: Record<string, unknown>) => parseManifest(storedManifest(fields)).warnings;
    expect(manifest({})).toEqual([]);
    expect(manifest({ warnings: [badDate, badUrl] })).toEqual([badDate, badUrl]);
    expect(manifest({ warnings: [{ file: "n.txt", reason: "some new rule", code: "from-the-future" }] })).toEqual([{ file: "n.txt", reason: "some new rule" }]);
  });
});
