import type { Chunk } from "../chunks/chunk.js";

/**
 * Restricts a search to some chunks: those of the given articles and/or dated within
 * [dateFrom, dateTo] (ISO `YYYY-MM-DD`, inclusive). With a date bound, undated chunks are out.
 */
export interface SearchFilter {
  articleIds?: ReadonlySet<string>;
  dateFrom?: string;
  dateTo?: string;
}

/** True when the filter restricts nothing (absent, or no field set). */
export function isEmptyFilter(filter: SearchFilter | undefined): boolean {
  return !filter || (filter.articleIds === undefined && filter.dateFrom === undefined && filter.dateTo === undefined);
}

/** Whether a chunk passes the filter. */
export function matchesFilter(chunk: Pick<Chunk, "articleId" | "date">, filter: SearchFilter): boolean {
  if (filter.articleIds && !filter.articleIds.has(chunk.articleId)) return false;
  if (filter.dateFrom !== undefined || filter.dateTo !== undefined) {
    // Dates are ISO strings of one length, so string order is date order.
    const date = chunk.date?.slice(0, 10);
    if (!date) return false;
    if (filter.dateFrom !== undefined && date < filter.dateFrom.slice(0, 10)) return false;
    if (filter.dateTo !== undefined && date > filter.dateTo.slice(0, 10)) return false;
  }
  return true;
}

/** The chunks of a loaded version by id, and the id test a filter makes (term and vector searches). */
export function chunkLookup(chunks: readonly Chunk[]): {
  chunkById(id: string): Chunk | undefined;
  acceptsId(filter: SearchFilter): (id: string) => boolean;
} {
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  return {
    chunkById: (id) => byId.get(id),
    acceptsId: (filter) => (id) => {
      const chunk = byId.get(id);
      return chunk !== undefined && matchesFilter(chunk, filter);
    },
  };
}
