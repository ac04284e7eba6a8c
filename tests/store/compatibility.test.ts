import { describe, expect, it } from "vitest";
import { CHUNKER_VERSION, DEFAULT_CHUNK_OPTIONS } from "../../src/chunks/chunk-article.js";
import { indexMismatch } from "../../src/store/compatibility.js";
import { parseManifest, type Manifest } from "../../src/store/manifest.js";
import { storedManifest } from "../helpers/index-fixtures.js";

// Written before the chunker had a version.
const manifest: Manifest = parseManifest(storedManifest({ chunker: { size: 800, overlap: 200 } }));

describe("indexMismatch", () => {
  it("accepts a matching manifest and checks only the fields given", () => {
    expect(indexMismatch(manifest, {})).toBeNull();
    expect(indexMismatch(manifest, { formatVersion: 1, embedderId: "local-hash-v1:512", termIndexVersion: "bm25-3", maxArticleBytes: 1000 })).toBeNull();
  });

  it("names what differs, in words a re-index message can use", () => {
    expect(indexMismatch(manifest, { formatVersion: 2 })).toBe("has format 1, this version reads 2");
    expect(indexMismatch(manifest, { embedderId: "openai:x" })).toMatch(/built with embedder local-hash-v1:512, but openai:x/);
    expect(indexMismatch(manifest, { termIndexVersion: "bm25-4" })).toMatch(/term index bm25-3/);
    expect(indexMismatch(manifest, { maxArticleBytes: 5 })).toMatch(/MAX_ARTICLE_BYTES 1000, now 5/);
  });

  it("treats an index from the version-less chunker as chunker 1 (so it is rebuilt)", () => {
    expect(manifest.chunker.version).toBe(1);
    expect(indexMismatch(manifest, { chunker: { size: 800, overlap: 200, version: 1 } })).toBeNull();
    expect(indexMismatch(manifest, { chunker: { size: 800, overlap: 200, version: 2 } })).toMatch(/chunker 1.*chunker 2/);
  });

  it("rebuilds an index whose chunks carry derived titles ending in a full stop (chunker 3)", () => {
    const before = { ...manifest, chunker: { ...DEFAULT_CHUNK_OPTIONS, version: 3 } };
    expect(indexMismatch(before, { chunker: { ...DEFAULT_CHUNK_OPTIONS, version: CHUNKER_VERSION } })).toMatch(/chunker 3/);
  });
});
