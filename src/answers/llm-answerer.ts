// The LLM answerer: asks a chat model to answer from numbered passages, then keeps only
// citations that point at real passages. Any failure (timeout, provider error, empty or
// uncited reply) falls back to the extractive answer: users get an answer, the log gets why. An
// answer the caller abandoned (its signal aborted) is no failure: the request is aborted, nothing
// is logged, and the answer rejects.
// A reply of NOT_FOUND_REPLY is the model saying the passages do not answer: reported as not found.
// Replies are bounded twice: max_tokens at the provider (LLM_MAX_TOKENS), and `maxChars` here, cut
// at a sentence end (a longer sentence at a word, keeping its citation), in case a server ignores
// it; sentences citing nothing are not shown.
import { normalizeCitationMarkers, stripCitationMarkers } from "../texts/citation-marker.js";
import { cutUnits } from "../texts/cut-units.js";
import { withoutBidiControls } from "../texts/bidi-controls.js";
import { stripHtml } from "../articles/strip-markdown.js";
import { decodeEntities, entityStartOut } from "../texts/html-entities.js";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { RankedPassage } from "../retrieval/passage.js";
import type { Logger } from "../shared/logger.js";
import { rootCause } from "../shared/error-cause.js";
import type { AnswerContext, AnswerDraft, Answerer, Citation } from "./answer.js";
import { claimSpans, keepCitedSentences, sourcesLinesOut } from "./cited-sentences.js";
import { citationOf, findCitationMarkers, renumberCitations } from "./citations.js";
import { type QuoteQuestion, quoteBestSentence } from "./extractive-answerer.js";
import { buildPrompt, isNotFoundReply, isUncitedRefusal, NOT_FOUND_REPLY } from "./prompt.js";

export interface LlmAnswererOptions {
  /** `invoke`, and `stream` when a caller wants drafts; tests may pass any chat model. */
  model: Pick<BaseChatModel, "invoke"> & Partial<Pick<BaseChatModel, "stream">>;
  timeoutMs: number;
  /** Used when the model fails; should be the extractive answerer. */
  fallback: Answerer;
  logger: Logger;
  /** Longest answer text shown (characters); a longer reply is cut at a sentence end. Default 4000. */
  maxChars?: number;
}

/** About one Telegram message: an answer from a few passages needs no more. */
export const DEFAULT_MAX_ANSWER_CHARS = 4_000;

/** Thrown internally to route a bad reply to the fallback with a reason for the log. */
class UnusableReply extends Error {}

/** Creates the LLM answerer (see the file comment). */
export function createLlmAnswerer(options: LlmAnswererOptions): Answerer {
  const { model, timeoutMs, fallback, logger } = options;
  const maxChars = options.maxChars ?? DEFAULT_MAX_ANSWER_CHARS;

  async function answer(question: string, passages: RankedPassage[], context: AnswerContext = {}): Promise<AnswerDraft> {
    const history = context.history ?? [];
    context.signal?.throwIfAborted();
    if (passages.length === 0) return fallback.answer(question, passages, context);
    const started = Date.now();
    try {
      const prompt = buildPrompt(question, passages, history, context.today);
      // One deadline for the whole reply, streamed or not: a stream that stalls falls back too.
      const deadline = AbortSignal.timeout(timeoutMs);
      const signal = context.signal ? AbortSignal.any([deadline, context.signal]) : deadline;
      const reply =
        context.onDraft && model.stream
          ? await streamReply(model.stream.bind(model), prompt, signal, draftReporter(context.onDraft, passages.length, maxChars, logger, titlesOf(passages)), logger)
          : replyOf(await model.invoke(prompt, { signal }));
      try {
        return draftFromReply(reply.text, passages, maxChars, logger, { question, ...(context.reading ? { reading: context.reading } : {}) });
      } catch (error) {
        // "empty reply" alone would not say that a setting is too low (see TOKEN_LIMIT_HINT).
        throw error instanceof UnusableReply && reply.atTokenLimit ? new UnusableReply(`${error.message}; ${TOKEN_LIMIT_HINT}`) : error;
      }
    } catch (error) {
      // No one waits for this answer: neither a fallback nor a warning.
      if (context.signal?.aborted) throw context.signal.reason;
      logger.warn(
        { ...(error instanceof UnusableReply ? { reason: error.message } : callFailure(error, timeoutMs)), ms: Date.now() - started },
        "LLM answer unusable; falling back to the extractive answer",
      );
      return fallback.answer(question, passages, context);
    }
  }

  return { mode: "llm", answer };
}

/**
 * Why a call to the model failed, as the log says it: its deadline passed, or the provider's
 * error, with what went wrong under it (see rootCause: "Connection error." alone does not say).
 */
export function callFailure(error: unknown, timeoutMs: number): { reason: string; err: string } {
  const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError" || /abort/i.test(error.message));
  const cause = timedOut ? null : rootCause(error);
  return {
    reason: timedOut ? `timed out after ${timeoutMs} ms` : cause ? `provider error: ${cause}` : "provider error",
    err: error instanceof Error ? error.message : String(error),
  };
}

/**
 * Why a reply the model ended at its token limit gave nothing to show: a model that thinks first
 * (qwen3, deepseek-r1, gpt-5) may spend the whole LLM_MAX_TOKENS on its thinking, on every question.
 */
export const TOKEN_LIMIT_HINT =
  "the model stopped at its token limit (LLM_MAX_TOKENS) before a usable answer; a model that thinks first spends it on its thinking too: raise LLM_MAX_TOKENS";

/** A model's reply: its text, and whether the provider says it stopped at the token limit. */
interface ModelReply {
  text: string;
  atTokenLimit: boolean;
}

/** The reply of an `invoke`. */
function replyOf(message: { content: unknown; response_metadata?: Record<string, unknown> }): ModelReply {
  return { text: contentText(message.content), atTokenLimit: stoppedAtTokenLimit(message.response_metadata) };
}

/** Whether a reply's metadata says it was cut at max_tokens (OpenAI-compatible servers: "length"; Anthropic: "max_tokens"). */
function stoppedAtTokenLimit(metadata: Record<string, unknown> | undefined): boolean {
  const reason = metadata?.["finish_reason"] ?? metadata?.["stop_reason"];
  return reason === "length" || reason === "max_tokens";
}

/**
 * Most raw text read from a stream (characters, thinking included): room for a long thinking block
 * and the answer. A server ignoring max_tokens would otherwise be read, and kept, until the deadline.
 */
export const STREAM_TEXT_LIMIT = 64 * 1024;

/**
 * Reads a streamed reply to its end, or to STREAM_TEXT_LIMIT characters (the reply then stands as
 * read so far), telling `onText` the whole text so far after each piece.
 */
async function streamReply(
  stream: BaseChatModel["stream"],
  prompt: ReturnType<typeof buildPrompt>,
  signal: AbortSignal,
  onText: (textSoFar: string) => void,
  logger: Logger,
): Promise<ModelReply> {
  let text = "";
  let atTokenLimit = false;
  for await (const chunk of await stream(prompt, { signal })) {
    // The last piece, or one after it, carries why the reply ended.
    atTokenLimit ||= stoppedAtTokenLimit(chunk.response_metadata);
    const piece = contentText(chunk.content);
    if (!piece) continue;
    text += piece;
    if (text.length > STREAM_TEXT_LIMIT) {
      // Leaving the loop ends the stream (and its request).
      text = cutUnits(text, STREAM_TEXT_LIMIT);
      logger.info({ chars: STREAM_TEXT_LIMIT }, "LLM stream too long; stopped reading it, the reply stands as read so far");
      onText(text);
      break;
    }
    onText(text);
  }
  return { text, atTokenLimit };
}

/**
 * Turns the raw text so far into what a person may see while the model writes: no thinking, no
 * half-written "[1" or "<think", not the NOT_FOUND refusal being spelt out, markers numbered as
 * the final answer numbers them (by first appearance), at most `maxChars`. Calls `onDraft` only
 * when that changed; a failing `onDraft` is logged and never stops the answer.
 */
export function draftReporter(
  onDraft: (textSoFar: string) => void,
  passageCount: number,
  maxChars: number,
  logger: Logger,
  titles: readonly string[] = [],
): (raw: string) => void {
  let last = "";
  let done = false;
  return (raw) => {
    // Each preview reads the whole text so far: once the draft is full, or the reply runs far
    // past any answer (a server ignoring max_tokens), drafts stop and the final answer follows.
    if (done || raw.length > PREVIEW_SCAN_LIMIT) return;
    const preview = draftPreview(raw, passageCount, maxChars, titles);
    if (preview.length >= maxChars) done = true;
    if (!preview || preview === last) return;
    last = preview;
    try {
      onDraft(preview);
    } catch (error) {
      done = true;
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, "showing the answer so far failed; the answer goes on without drafts");
    }
  };
}

/** The refusal's letters, as asked and as models translate it (see isUncitedRefusal). */
const REFUSAL_LETTERS = [NOT_FOUND_REPLY.replace("_", ""), "НЕЗНАЙДЕНО", "НЕНАЙДЕНО"];

/** Raw reply length (thinking included) beyond which no more drafts are made. */
const PREVIEW_SCAN_LIMIT = 32_000;

/** See draftReporter. */
export function draftPreview(raw: string, passageCount: number, maxChars: number, titles: readonly string[] = []): string {
  // A caret at the end may be a citation still being written ("^1" may go on as "^12"), an "&" an
  // entity ("&mda" goes on as "&mdash;", shown "—").
  let text = cleanReply(entityStartOut(raw.replace(/\^\d{0,3}$/, "")), passageCount, titles).trimStart();
  // "<thi" may be the start of a thinking block: wait for it to show.
  if (/^<[a-z/]*$/i.test(text)) return "";
  text = unfinishedMarkupOut(text);
  // The refusal being spelt out ("NOT_F", "Not found. The passages…", "НЕ_ЗНАЙД") is never shown,
  // nor one that cites nothing (translated, or after an explanation: "Уривки не кажуть. NOT_FOUND").
  const letters = text.replace(/[^\p{L}\p{N}]/gu, "").toUpperCase();
  if (REFUSAL_LETTERS.some((refusal) => refusal.startsWith(letters)) || isNotFoundReply(text)) return "";
  if (isUncitedRefusal(text) && renumberCitations(text, passageCount).cited.length === 0) return "";
  // Or spell it otherwise on its own last line or as that line's last sentence ("\nNOT FOUND",
  // "\nNot fo", "Уривки про інше. Not f", "\n- N"): that is not shown either.
  text = spelledRefusalOut(text);
  // A cited answer may mention the token later (its sentence is dropped), translated too ("НЕ_ЗНАЙДЕНО"):
  // the draft stops before it.
  text = refusalTokenOut(text).trimEnd();
  // An unfinished marker at the end ("… in 2025 [1") would flicker as text.
  // So would one in another style not yet whole ("【1", "^[1", "(1"; "(2024" shows once closed).
  text = text.replace(/\^?[[【［][^\]】］\n]{0,12}$/, "").replace(/[(（][\d\s,;–—-]{0,12}$/, "").trimEnd();
  text = renumberCitations(text, passageCount).text;
  return text.length > maxChars ? `${cutUnits(text, maxChars - 1).trimEnd()}…` : text;
}

/** The refusal's token as asked, and as models translate it (see isUncitedRefusal). */
const REFUSAL_TOKENS = [NOT_FOUND_REPLY, "НЕ_ЗНАЙДЕНО", "НЕ_НАЙДЕНО"];

/**
 * `text` up to the refusal's token ("NOT_FOUND: дати немає." goes, to the end: the answer drops its
 * sentence), or without the token being written at its end ("N", "NOT", "NOT_FOU", "НЕ_"). Only
 * the token: another word so written ("NOT_NULL", "НЕ_ВСІ") is text, and the draft goes on past it.
 */
function refusalTokenOut(text: string): string {
  for (const word of text.matchAll(/(?<![\p{L}\p{N}])(?:NOT|НЕ)_[\p{L}\p{N}_]*/gu)) {
    const atEnd = word.index + word[0].length === text.length;
    if (REFUSAL_TOKENS.includes(word[0]) || (atEnd && REFUSAL_TOKENS.some((token) => token.startsWith(word[0])))) return text.slice(0, word.index);
  }
  return text.replace(/(?<![\p{L}\p{N}])(?:NOT|NO|N|НЕ|Н)$/u, "");
}

/**
 * `text` without its last line, or the last sentence of that line after another, when that is the
 * refusal spelt out or being spelt ("\nNot fo", "Уривки про інше. Not found."): the answer will be
 * "not found", or drop the line as uncited. A line or sentence going on past the refusal's letters
 * ("\nNotably", ". No, він [1]") shows as soon as it does.
 */
function spelledRefusalOut(text: string): string {
  const lineStart = text.lastIndexOf("\n") + 1;
  // The refusal is a few characters: only the end of the line is read for a sentence's end before it.
  const from = Math.max(lineStart, text.length - 40);
  let start = lineStart > 0 ? lineStart : -1;
  for (const end of text.slice(from).matchAll(/[.!?…]["'»”’)\]]*[ \t]+/g)) start = from + end.index + end[0].length;
  if (start < 0) return text;
  const letters = text.slice(start).replace(/[^\p{L}\p{N}]/gu, "").toUpperCase();
  return letters && REFUSAL_LETTERS.some((refusal) => refusal.startsWith(letters)) ? text.slice(0, start).trimEnd() : text;
}

/**
 * A draft without the markup still being written at its end, which the answer will not show: a
 * link whose "(url" is not closed yet shows its text only (never a piece of the URL), a tag not
 * closed yet ("<", "</b") does not show, nor a "**", "__", "*", "_" or "`" not closed yet on the last
 * line, nor marks at its end ("Гор **виступи" and "Гор **виступив*" show "Гор виступи", "Гор виступив": not
 * marks that vanish once the closing one arrives).
 */
function unfinishedMarkupOut(text: string): string {
  const unlinked = text
    .replace(/!?\[([^\]\n]+)\]\([^)\n]*$/, (_, label: string) => (/^\s*\d{1,3}(?:\s*[,;–—-]\s*\d{1,3})*\s*$/.test(label) ? `[${label}]` : label))
    .replace(/<\/?(?:[A-Za-z][^<>\n]*)?$/, "");
  const lineStart = unlinked.lastIndexOf("\n") + 1;
  const last = unlinked.slice(lineStart);
  // Only a mark that does not come again on the line is unclosed ("*a*b*" stays as the answer shows it).
  const line = last
    .replace(/(?<![\p{L}\p{N}*_`\\])(\*\*?|__?|`+)(?=[^\s*_`])/gu, (mark: string, _: string, at: number) => (last.includes(mark, at + mark.length) ? mark : ""))
    .replace(/[*_`]+$/, "");
  return unlinked.slice(0, lineStart) + line;
}

/** Cleans a model reply and builds its citations; throws UnusableReply when nothing usable is left. */
function draftFromReply(raw: string, passages: RankedPassage[], maxChars: number, logger: Logger, asked: QuoteQuestion): AnswerDraft {
  const unthought = cleanReply(raw, passages.length, titlesOf(passages)).trim();
  if (!unthought) throw new UnusableReply("empty reply");
  const reply = capAtSentence(unthought, maxChars, passages.length);
  if (reply.length < unthought.length) logger.info({ chars: unthought.length, kept: reply.length }, "LLM reply too long; cut at a sentence end (or at a word of a longer sentence)");
  // The model read the passages and says they do not answer: an honest refusal, not a failure.
  if (isNotFoundReply(reply)) return { mode: "llm", text: "", citations: [], notFound: true };
  // Markers pointing at no passage go first, so that a sentence citing only those counts as uncited.
  const first = renumberCitations(reply, passages.length);
  const kept = keepCitedSentences(first.text.replace(/[ \t]+([.,;:!?])/g, "$1"), titlesOf(passages));
  if (kept.dropped > 0) logger.info({ dropped: kept.dropped }, "LLM sentences citing no passage were not shown");
  // Numbered again over what is shown, so the sources are exactly those cited there.
  const shown = renumberCitations(kept.text, first.cited.length);
  const text = shown.text;
  const cited = shown.cited.map((k) => first.cited[k - 1]!);
  if (cited.length === 0 || !text) {
    // Still the refusal, only not as asked: the model's "not found" stands (a quote would overrule it).
    if (isUncitedRefusal(reply)) return { mode: "llm", text: "", citations: [], notFound: true };
    // An uncited answer cannot be checked against the articles: quote them instead.
    throw new UnusableReply("reply cites no passage");
  }

  const citations: Citation[] = cited.map((old, i) => {
    const n = i + 1;
    const passage = passages[old - 1]!;
    // A claim sharing no word with its passage (an answer in another language) quotes what the question asks for.
    return citationOf(n, passage.chunk, quoteBestSentence(claimsCiting(text, n), passage, undefined, asked));
  });
  return { mode: "llm", text, citations };
}

/**
 * The one clean-up of a model's reply, for drafts and the answer alike: reasoning models served
 * through Ollama/vLLM may prepend their thinking (dropped); citations written `【1】`, `[^1]`,
 * `^1` or `(1)` (one of the `passageCount` passages, where a citation stands) are read as `[1]`
 * and a footnote definition line (`[^2]: Title`, the model listing its sources) goes; markup goes
 * (see stripReplyMarkup); a "Sources: [1], [2]" line goes, its markers to the claim before it
 * when that cites nothing (see sourcesLinesOut: `titles`, the passages' titles, tell a line listing
 * them from a claim after its label). Bidi overrides and isolates go first, as they go from a
 * question shown (see withoutBidiControls): one the model writes would reverse the text after it,
 * the sources listed under the answer too.
 */
export function cleanReply(raw: string, passageCount: number, titles: readonly string[] = []): string {
  return sourcesLinesOut(stripReplyMarkup(normalizeCitationMarkers(stripThinking(withoutBidiControls(raw)), passageCount)), titles);
}

/** The passages' titles, as the prompt's headers show them. */
function titlesOf(passages: RankedPassage[]): string[] {
  return passages.map((p) => p.chunk.title);
}

// A Markdown link or image, "[text](url)" or "![alt](url "title")"; its text is group 1.
const MARKDOWN_LINK = /!?\[([^\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+"[^"\n]*")?\)/g;

/**
 * The reply without the markup Telegram would show as written (the answer is sent as escaped
 * text): HTML tags ("<b>", "<a href=…>"; "5 < 6" stays) and entities ("&mdash;" is "—"), **bold**, __bold__, *italic*, _italic_
 * (not snake_case, "2 * 3" or NOT_FOUND), `code`, fence lines, "# " headings, and links: "[text](url)"
 * keeps its text only, never a URL the model wrote ("[1](url)" stays the marker "[1]").
 */
export function stripReplyMarkup(text: string): string {
  // Entities read after the tags went: a model's "&lt;b&gt;" means the characters, shown escaped.
  return decodeEntities(stripHtml(text))
    .replace(/^[ \t]*(?:```|~~~).*$/gm, "")
    .replace(/`+([^`\n]+?)`+/g, "$1")
    .replace(/^[ \t]*#{1,6}[ \t]+/gm, "")
    .replace(MARKDOWN_LINK, (_, label: string) => (/^\s*\d{1,3}(?:\s*[,;–—-]\s*\d{1,3})*\s*$/.test(label) ? `[${label}]` : label))
    // The bold text never holds its own mark: each "**" is scanned past once ("**x **x **x …" on one
    // line of a 64 KB reply took seconds when each opener looked for its closer to the line's end).
    .replace(/\*\*(?=\S)((?:(?!\*\*)[^\n])+?)(?<=\S)\*\*/g, "$1")
    .replace(/(?<![\p{L}\p{N}_])__(?=\S)((?:(?!__)[^\n])+?)(?<=\S)__(?![\p{L}\p{N}_])/gu, "$1")
    .replace(/(?<![\p{L}\p{N}*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu, "$1")
    .replace(/(?<![\p{L}\p{N}_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, "$1");
}

/** Tags reasoning models wrap their thinking in (Ollama/vLLM `<think>`, others `<thinking>`, `<reasoning>`). */
const THINKING_OPEN = /<(think|thinking|reasoning)>/g;

/**
 * Drops `<think>…</think>`, `<thinking>…</thinking>` and `<reasoning>…</reasoning>` blocks (and an
 * unclosed one to the end) in one linear pass.
 */
function stripThinking(text: string): string {
  let out = "";
  let from = 0;
  const lower = text.toLowerCase();
  for (;;) {
    THINKING_OPEN.lastIndex = from;
    const open = THINKING_OPEN.exec(lower);
    if (!open) return out + text.slice(from);
    out += text.slice(from, open.index);
    const closeTag = `</${open[1]}>`;
    const close = lower.indexOf(closeTag, open.index + open[0].length);
    if (close < 0) return out;
    from = close + closeTag.length;
  }
}

/**
 * `text` cut to at most `maxChars`, at the end of its last whole sentence (with its markers: "A. [2]
 * B…" cut in B keeps "A. [2]", see claimSpans) when there is one; a first sentence longer than
 * that is cut at a word (see cutInSentence).
 */
function capAtSentence(text: string, maxChars: number, passageCount: number): string {
  if (text.length <= maxChars) return text;
  // Read past the cap, so that a sentence's end and its markers are seen where they are, not where the cap cut them.
  const spans = claimSpans(cutUnits(text, maxChars + SENTENCE_END_LOOKAHEAD));
  const whole = spans.findLast((span) => span.end <= maxChars);
  return whole ? text.slice(0, whole.end) : cutInSentence(text, maxChars, passageCount);
}

/** How far past the cap the first sentence's end (and its markers) is looked for: the work stays bounded. */
const SENTENCE_END_LOOKAHEAD = 1_000;

/**
 * The first sentence of `text`, longer than `maxChars`, cut at a word and marked cut ("…"), then
 * the passages its markers past the cut cite: a claim's markers follow its words, so cut without
 * them it cites nothing and the whole reply gives way to an extractive answer. The words kept are
 * that same claim's, so its sources back them as they back the whole; a later sentence's markers
 * back none of them and are not taken, nor numbers naming no passage.
 */
function cutInSentence(text: string, maxChars: number, passageCount: number): string {
  const end = claimSpans(cutUnits(text, maxChars + SENTENCE_END_LOOKAHEAD))[0]?.end ?? 0;
  const markers = findCitationMarkers(text.slice(0, end));
  // Room for the markers shortens what is kept, which may leave one more marker past the cut.
  let tail = "…";
  for (;;) {
    const kept = cutAtWord(text, maxChars - tail.length);
    const cited = markers.filter((m) => m.end > kept.length).flatMap((m) => m.numbers);
    const numbers = [...new Set(cited.filter((n) => n >= 1 && n <= passageCount))];
    const needed = numbers.length ? `… [${numbers.join(", ")}]` : "…";
    if (needed.length <= tail.length) return kept + needed;
    tail = needed;
  }
}

/** At most `max` units of `text`, ending before a word (or a marker) the cut would split, and before the punctuation ahead of it. */
function cutAtWord(text: string, max: number): string {
  const head = cutUnits(text, max);
  const words = /\s/.test(text[head.length] ?? " ") ? head : head.slice(0, Math.max(head.search(/\s\S*$/), 0)) || head;
  return words.replace(/\[[^\]\n]*$/, "").replace(/[\s,;:–—-]+$/, "");
}

/**
 * The claims of the answer that cite source `n` (what its quote should back up), its markers read
 * as the shown text reads them: "A. [1] B. [2]" has A cite 1 and B cite 2 (see claimSpans).
 */
function claimsCiting(text: string, n: number): string {
  const claims = claimSpans(text)
    .filter((s) => s.claim && s.cited)
    .map((s) => text.slice(s.start, s.end))
    .filter((claim) => findCitationMarkers(claim).some((m) => m.numbers.includes(n)));
  return stripCitationMarkers((claims.length ? claims : [text]).join(" "));
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
