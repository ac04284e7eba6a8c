// The LLM answerer: asks a chat model to answer from numbered passages, then keeps only
// citations that point at real passages. Any failure (timeout, provider error, empty or
// uncited reply) falls back to the extractive answer: users get an answer, the log gets why.
// A reply of NOT_FOUND_REPLY is the model saying the passages do not answer: reported as not found.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { RankedPassage } from "../retrieval/passage.js";
import type { Logger } from "../shared/logger.js";
import type { AnswerContext, AnswerDraft, Answerer, Citation } from "./answer.js";
import { citationOf, findCitationMarkers, renumberCitations } from "./citations.js";
import { quoteBestSentence } from "./extractive-answerer.js";
import { buildPrompt, NOT_FOUND_REPLY } from "./prompt.js";
import { splitSentences } from "./sentences.js";

export interface LlmAnswererOptions {
  /** Only `invoke` is used, so tests may pass any chat model. */
  model: Pick<BaseChatModel, "invoke">;
  timeoutMs: number;
  /** Used when the model fails; should be the extractive answerer. */
  fallback: Answerer;
  logger: Logger;
}

/** Thrown internally to route a bad reply to the fallback with a reason for the log. */
class UnusableReply extends Error {}

/** Creates the LLM answerer (see the file comment). */
export function createLlmAnswerer(options: LlmAnswererOptions): Answerer {
  const { model, timeoutMs, fallback, logger } = options;

  async function answer(question: string, passages: RankedPassage[], context: AnswerContext = {}): Promise<AnswerDraft> {
    const history = context.history ?? [];
    if (passages.length === 0) return fallback.answer(question, passages, context);
    const started = Date.now();
    try {
      const reply = await model.invoke(buildPrompt(question, passages, history), {
        signal: AbortSignal.timeout(timeoutMs),
      });
      return draftFromReply(contentText(reply.content), passages);
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError" || /abort/i.test(error.message));
      logger.warn(
        {
          reason: error instanceof UnusableReply ? error.message : timedOut ? `timed out after ${timeoutMs} ms` : "provider error",
          err: error instanceof UnusableReply ? undefined : error instanceof Error ? error.message : String(error),
          ms: Date.now() - started,
        },
        "LLM answer unusable; falling back to the extractive answer",
      );
      return fallback.answer(question, passages, context);
    }
  }

  return { mode: "llm", answer };
}

/** Cleans a model reply and builds its citations; throws UnusableReply when nothing usable is left. */
function draftFromReply(raw: string, passages: RankedPassage[]): AnswerDraft {
  // Reasoning models served through Ollama/vLLM may prepend their thinking.
  const reply = raw.replace(/<think>[\s\S]*?<\/think>/gi, "").trim();
  if (!reply) throw new UnusableReply("empty reply");
  // The model read the passages and says they do not answer: an honest refusal, not a failure.
  if (reply.replace(/[^A-Z_]/g, "") === NOT_FOUND_REPLY) return { mode: "llm", text: "", citations: [], notFound: true };
  const { text: renumbered, cited } = renumberCitations(reply, passages.length);
  // An uncited answer cannot be checked against the articles: quote them instead.
  if (cited.length === 0) throw new UnusableReply("reply cites no passage");
  const text = renumbered.replace(/[ \t]+([.,;:!?])/g, "$1").trim();

  const citations: Citation[] = cited.map((old, i) => {
    const n = i + 1;
    const passage = passages[old - 1]!;
    return citationOf(n, passage.chunk, quoteBestSentence(claimsCiting(text, n), passage));
  });
  return { mode: "llm", text, citations };
}

/** The sentences of the answer that cite source `n` (what its quote should back up). */
function claimsCiting(text: string, n: number): string {
  const sentences = splitSentences(text).filter((s) => findCitationMarkers(s.text).some((m) => m.numbers.includes(n)));
  return (sentences.length ? sentences.map((s) => s.text) : [text]).join(" ").replace(/\[[^\]]*\]/g, " ");
}

/** Message content (a string, or content blocks in newer providers) as plain text. */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((block: unknown) =>
        typeof block === "string"
          ? block
          : // Only text blocks: reasoning blocks are the model's thinking, not its answer.
            block && typeof block === "object" && "type" in block && block.type === "text" && "text" in block
            ? String(block.text)
            : "",
      )
      .join("");
  }
  return "";
}
