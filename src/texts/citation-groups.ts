import type { Citation } from "../knowledge-base/knowledge-base.js";

/**
 * The citations grouped by article, in order of each article's first citation. Two passages of
 * one article are two citations (each [n] opens its own passage) but one source: listed twice,
 * the same title and date read as two articles, or as a bug.
 */
export function citationsByArticle<C extends Pick<Citation, "articleId">>(citations: readonly C[]): C[][] {
  const groups = new Map<string, C[]>();
  for (const citation of citations) {
    const group = groups.get(citation.articleId);
    if (group) group.push(citation);
    else groups.set(citation.articleId, [citation]);
  }
  return [...groups.values()];
}
