import { describe, expect, it } from "vitest";
import type { SkippedFile } from "../../src/articles/article.js";
import { parseManifest } from "../../src/store/manifest.js";
import { skipReasonText } from "../../src/texts/skip-texts.js";

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
    const manifest = (skipped: unknown[]) =>
      parseManifest({
        formatVersion: 1,
        embedder: { id: "local-hash-v1:512", dims: 512 },
        chunker: { size: 800, overlap: 200, version: 4 },
        termIndexVersion: "bm25-3",
        hnsw: { space: "cosine", m: 16, efConstruction: 200 },
        maxArticleBytes: 1000,
        articles: [],
        skipped,
        files: [],
        chunks: 0,
        builtAt: "2026-01-01T00:00:00.000Z",
      }).skipped;
    expect(manifest([notUtf8, { file: "old.txt", reason: "empty file" }])).toEqual([notUtf8, { file: "old.txt", reason: "empty file" }]);
    expect(manifest([{ file: "new.txt", reason: "some new rule", code: "from-the-future" }])).toEqual([{ file: "new.txt", reason: "some new rule" }]);
  });
});
