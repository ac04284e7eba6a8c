import type { Manifest } from "./manifest.js";

/** What an index must have been built with to be used (fields left out are not checked). */
export interface IndexExpectations {
  formatVersion?: number;
  embedderId?: string;
  termIndexVersion?: string;
  chunker?: { size: number; overlap: number; version: number };
  maxArticleBytes?: number;
}

/**
 * The one index-compatibility check (loading and the staleness check both use it): null when
 * the manifest matches, else why not, as a clause for a message ("was built with embedder …").
 */
export function indexMismatch(manifest: Manifest, expected: IndexExpectations): string | null {
  if (expected.formatVersion !== undefined && manifest.formatVersion !== expected.formatVersion) {
    return `has format ${manifest.formatVersion}, this version reads ${expected.formatVersion}`;
  }
  if (expected.embedderId !== undefined && manifest.embedder.id !== expected.embedderId) {
    return `was built with embedder ${manifest.embedder.id}, but ${expected.embedderId} is configured`;
  }
  if (expected.termIndexVersion !== undefined && manifest.termIndexVersion !== expected.termIndexVersion) {
    return `has term index ${manifest.termIndexVersion}, this version uses ${expected.termIndexVersion}`;
  }
  const chunker = expected.chunker;
  if (chunker && (manifest.chunker.size !== chunker.size || manifest.chunker.overlap !== chunker.overlap || manifest.chunker.version !== chunker.version)) {
    const { size, overlap, version } = manifest.chunker;
    return `was chunked with size ${size}/overlap ${overlap} (chunker ${version}), now ${chunker.size}/${chunker.overlap} (chunker ${chunker.version})`;
  }
  if (expected.maxArticleBytes !== undefined && manifest.maxArticleBytes !== expected.maxArticleBytes) {
    return `was built with MAX_ARTICLE_BYTES ${manifest.maxArticleBytes}, now ${expected.maxArticleBytes}`;
  }
  return null;
}
