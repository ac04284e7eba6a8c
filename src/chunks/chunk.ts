/** A passage of an article: the unit that is embedded, indexed, retrieved and cited. */
export interface Chunk {
  /** `${articleId}#${n}`: stable while the article is unchanged. */
  id: string;
  articleId: string;
  title: string;
  date: string | null;
  url: string | null;
  /** 0-based position of the chunk within its article. */
  n: number;
  /** Character offsets into `Article.body`: `body.slice(start, end) === text`. */
  start: number;
  end: number;
  text: string;
}
