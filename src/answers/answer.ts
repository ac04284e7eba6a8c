import type { Reading } from "../reader/reader.js";
import type { RankedPassage } from "../retrieval/passage.js";

/** One numbered source of an answer; `n` matches the `[n]` markers in the answer text. */
export interface Citation {
  n: number;
  articleId: string;
  chunkId: string;
  title: string;
  date: string | null;
  url: string | null;
  /** Exact article text backing the answer (a sentence or the passage). */
  quote: string;
  /** Offsets of `quote` in the article body. */
  start: number;
  end: number;
}

/** What an answerer produces from a question and its retrieved passages. */
export interface AnswerDraft {
  /** Which answerer actually produced it (an LLM answerer that fell back reports "extractive"). */
  mode: "extractive" | "llm";
  /** Plain text with `[n]` markers; never HTML. */
  text: string;
  citations: Citation[];
  /** The answerer read the passages and found no answer in them (an LLM's refusal). */
  notFound?: boolean;
}

/** Earlier turn of a conversation (a reply in a group continues it). */
export interface Turn {
  question: string;
  answer: string;
  /**
   * Set on a message the question replied to in its chat (someone's message a mention of the bot
   * replies to): context, never asked of the bot, so it has no answer (not a not-found one).
   */
  context?: true;
  /**
   * Set when the answer listed articles (`answer` names them, a line each): several articles'
   * titles, whose words give a reply no one topic to search for.
   */
  listing?: true;
  /**
   * A listing's articles (their ids, in the order shown): a reply naming one by its number ("А про
   * що друга?") is answered from that article (listing-pick.ts).
   */
  listed?: string[];
}

/** What an answerer may use besides the question and passages. */
export interface AnswerContext {
  /** Earlier turns when the question continues a conversation. */
  history?: Turn[];
  /** The reader's scores of the passages' sentences (which ones answer, how answerable). */
  reading?: Reading;
  /** Today's date (ISO `YYYY-MM-DD`, from the service's clock), so "yesterday" in a question can be read. */
  today?: string;
  /**
   * Called with the answer text so far while an LLM writes it (plain text with `[n]` markers,
   * not yet checked: the returned draft may differ). Extractive answers never call it.
   */
  onDraft?: (textSoFar: string) => void;
  /**
   * Aborted when no one waits for the answer any more: the model's request is aborted and the
   * answer rejects with the signal's reason, as a failure neither logged nor answered extractively.
   */
  signal?: AbortSignal;
}

/** Turns a question and passages into a cited answer. */
export interface Answerer {
  readonly mode: "extractive" | "llm";
  answer(question: string, passages: RankedPassage[], context?: AnswerContext): Promise<AnswerDraft>;
}
