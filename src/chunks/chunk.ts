import { tokenize } from "../terms/tokenize.js";

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

/**
 * What is searched for a chunk (its BM25 terms and embedded text), and the words it is counted as
 * holding (the relevance signal, the reader's passage coverage; never a quote): the text, and for an article's
 * first chunk, where a headline stands above the lead, the article's title before it when the
 * title has a word the text lacks (a title derived from the body adds none). A headline names
 * the story in words the body may not repeat ("мінімалка" above a text on "мінімальна зарплата").
 * Not every chunk: on en-squad2-long, the title on each chunk made the topic look covered where
 * the answer was gone (dropped-paragraph refusal 0.556 -> 0.525); on the first, hit@1 0.925 -> 0.929.
 */
export function searchableText(chunk: Pick<Chunk, "title" | "text" | "n">): string {
  if (chunk.n !== 0) return chunk.text;
  // Asked several times per question of the same loaded chunk (relevance, reader, coverage):
  // its text is tokenized once.
  let text = searchable.get(chunk);
  if (text === undefined) {
    const words = new Set(tokenize(chunk.text));
    text = tokenize(chunk.title).every((word) => words.has(word)) ? chunk.text : `${chunk.title}\n${chunk.text}`;
    searchable.set(chunk, text);
  }
  return text;
}

const searchable = new WeakMap<object, string>();
