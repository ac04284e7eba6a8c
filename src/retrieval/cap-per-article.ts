/**
 * Keeps at most `cap` items per article, preserving order, so one long article cannot fill all
 * the top-k slots (diversity for answers and for the closest-titles list).
 */
export function capPerArticle<T>(items: readonly T[], articleOf: (item: T) => string, cap: number): T[] {
  const seen = new Map<string, number>();
  const out: T[] = [];
  for (const item of items) {
    const article = articleOf(item);
    const count = seen.get(article) ?? 0;
    if (count >= cap) continue;
    seen.set(article, count + 1);
    out.push(item);
  }
  return out;
}
