import { z } from "zod";
import type { ChunkOptions } from "../chunks/chunk-article.js";
import { type ArticleWarning, isSkipCode, isWarningCode, type SkippedFile } from "../articles/article.js";

/** Changes whenever the layout of a version folder changes: older indexes must be rebuilt. */
export const FORMAT_VERSION = 1;

export const MANIFEST_FILE = "manifest.json";

/** One indexed article, as recorded in the manifest. */
export interface ManifestArticle {
  id: string;
  hash: string;
  chunks: number;
  title: string;
  date: string | null;
  url: string | null;
}

/** A file seen under the seeds folder (indexed or skipped), for the cheap staleness check. */
export interface ManifestFile {
  id: string;
  size: number;
  mtimeMs: number;
}

/** How the chunks were cut: options plus the chunker's version (a manifest without one is rebuilt). */
export interface ManifestChunker extends ChunkOptions {
  version: number;
}

/** What a version folder holds and how it was built; written last, so its presence marks a complete build. */
export interface Manifest {
  formatVersion: number;
  embedder: { id: string; dims: number };
  chunker: ManifestChunker;
  termIndexVersion: string;
  hnsw: { space: string; m: number; efConstruction: number };
  maxArticleBytes: number;
  articles: ManifestArticle[];
  skipped: SkippedFile[];
  /** Articles indexed with a problem in their header, reported again while the index is current. */
  warnings: ArticleWarning[];
  files: ManifestFile[];
  chunks: number;
  builtAt: string;
}

const skippedFileSchema = z
  .object({
    file: z.string(),
    reason: z.string(),
    code: z.unknown().optional(),
    size: z.number().exactOptional(),
    limit: z.number().exactOptional(),
    error: z.string().exactOptional(),
  })
  // No code in indexes built before codes; one this version does not know is left out too (the
  // English reason still says why), rather than make the whole index unreadable.
  .transform(({ code, ...skip }): SkippedFile => (isSkipCode(code) ? { ...skip, code } : skip));

const articleWarningSchema = z
  .object({
    file: z.string(),
    reason: z.string(),
    code: z.unknown().optional(),
    date: z.string().exactOptional(),
    url: z.string().exactOptional(),
    line: z.string().exactOptional(),
    title: z.string().exactOptional(),
    others: z.array(z.string()).exactOptional(),
  })
  // As for skipped files: a code this version does not know is left out, its reason kept.
  .transform(({ code, ...warning }): ArticleWarning => (isWarningCode(code) ? { ...warning, code } : warning));

const manifestSchema = z.object({
  formatVersion: z.number(),
  embedder: z.object({ id: z.string(), dims: z.number().int().positive() }),
  chunker: z.object({ size: z.number(), overlap: z.number(), version: z.number().default(1) }),
  termIndexVersion: z.string(),
  hnsw: z.object({ space: z.string(), m: z.number(), efConstruction: z.number() }),
  maxArticleBytes: z.number(),
  articles: z.array(
    z.object({
      id: z.string(),
      hash: z.string(),
      chunks: z.number().int().nonnegative(),
      title: z.string(),
      date: z.string().nullable(),
      url: z.string().nullable(),
    }),
  ),
  skipped: z.array(skippedFileSchema),
  // Absent from indexes built before warnings were recorded.
  warnings: z.array(articleWarningSchema).default([]),
  files: z.array(z.object({ id: z.string(), size: z.number(), mtimeMs: z.number() })),
  chunks: z.number().int().nonnegative(),
  builtAt: z.string(),
});

/** Validates a parsed `manifest.json`; throws a plain Error describing the first problem. */
export function parseManifest(json: unknown): Manifest {
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`manifest.json is invalid at "${issue?.path.join(".") ?? ""}": ${issue?.message ?? "unknown"}`);
  }
  return result.data;
}
