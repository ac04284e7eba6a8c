// Shows an LLM answer while it is written, then replaces it with the checked answer.
// Private chats: message drafts (sendMessageDraft, Bot API 9.5+), which Telegram animates and which
// vanish once the final message is sent. Groups (and servers without drafts): one message, edited
// at most every few seconds. Drafts are plain text, escaped: the final HTML (citations checked,
// sources, buttons) only ever comes from the finished answer.
// Not @grammyjs/stream: it sends the streamed text itself as the final message (ours differs: the
// citations are checked, or the extractive answer replaces it), has no fallback to edits, and
// needs Node 22 (Promise.withResolvers).
import { cutUnits } from "../texts/cut-units.js";
import { type Context, GrammyError, type InlineKeyboard } from "grammy";
import type { Logger } from "../shared/logger.js";
import { floodWait, inPassing } from "./api-retry.js";
import { isClosedTopic } from "./closed-topic.js";
import { isMutedInChat } from "./muted-in-chat.js";
import type { DraftSupport } from "./draft-support.js";
import { escapeHtml } from "./html.js";
import { UpdateTakenOverError } from "../shared/errors.js";

/** How often the answer so far may be shown. */
export interface StreamTiming {
  /** Between drafts in a private chat (default 1 s, Telegram's pace for one chat). */
  draftIntervalMs: number;
  /** Between edits of the shown message (default 3 s: a group allows about 20 messages a minute). */
  editIntervalMs: number;
}

export const DEFAULT_STREAM_TIMING: StreamTiming = { draftIntervalMs: 1_000, editIntervalMs: 3_000 };

/** Shown text is cut to this many characters (a draft or message holds 4096 after parsing). */
const MAX_DRAFT_CHARS = 4_000;
/** A draft vanishes about 30 s after its last update: one that did not change is sent again after this. */
const DRAFT_KEEP_ALIVE_MS = 20_000;
/** After an edited (not yet final) answer: it is still being written. */
const WRITING = " …";

/** HTML options of every message the stream sends. */
type SendOptions = { parse_mode: "HTML"; link_preview_options: { is_disabled: true }; reply_markup?: InlineKeyboard };

/** The Bot API calls a stream makes, in one chat (see `contextSurface`). */
export interface StreamSurface {
  /** Whether this chat may use drafts (private chats only). */
  privateChat: boolean;
  draft(html: string): Promise<unknown>;
  /** A new message; `first` replies to the question. */
  send(html: string, options: SendOptions, first: boolean): Promise<{ message_id: number }>;
  edit(messageId: number, html: string, options: SendOptions): Promise<unknown>;
  remove(messageId: number): Promise<unknown>;
}

/** An answer being shown while it is written. */
export interface AnswerStream {
  /** The answer so far (plain text); shown at the stream's pace, the latest text wins. */
  update(textSoFar: string): void;
  /**
   * Shows the final answer (HTML parts, `keyboard` under the last): the edited message becomes its
   * first part, the rest are new messages; a draft is replaced by new messages. Returns the ids of
   * the messages holding the parts.
   */
  finish(parts: string[], keyboard: InlineKeyboard): Promise<number[]>;
  /** Removes what was shown (the answer failed; the caller apologises); never the final answer `finish` showed. */
  abandon(): Promise<void>;
  /**
   * Aborted, with Telegram's refusal as its reason, once the chat refuses what is shown (see
   * `refused`): the answer can go nowhere, so its writing should stop.
   */
  readonly signal: AbortSignal;
}

export interface AnswerStreamOptions {
  surface: StreamSurface;
  drafts: DraftSupport;
  timing?: StreamTiming;
  logger: Logger;
  now?: () => number;
  /**
   * The message of an earlier answer this one replaces (its question was edited): a final answer
   * of one message is edited into it; a longer one, or one it cannot be edited into, is sent anew.
   * Nothing is shown while the answer is written: a half-written text over the earlier answer
   * would stay there if the answer then failed, and a draft would not end in that message.
   */
  replaces?: number;
}

/** Starts showing one answer (nothing is sent until the first `update`). */
export function createAnswerStream(options: AnswerStreamOptions): AnswerStream {
  const { surface, drafts, logger } = options;
  const timing = options.timing ?? DEFAULT_STREAM_TIMING;
  const now = options.now ?? Date.now;
  const html: SendOptions = { parse_mode: "HTML", link_preview_options: { is_disabled: true } };
  // The text so far is not waited for under flood control: the stream skips to the latest text once
  // Telegram's retry_after has passed (see `show`).
  const writing = inPassing(html);

  const replaces = options.replaces;
  let mode: "draft" | "edit" | "off" = replaces !== undefined ? "off" : surface.privateChat && drafts.usable ? "draft" : "edit";
  let messageId: number | undefined;
  let pending: string | null = null;
  let shown = "";
  let inFlight: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let keepAlive: NodeJS.Timeout | null = null;
  // No call before this moment: the pace above, or Telegram's retry_after.
  let nextAt = 0;
  let closed = false;
  // Telegram's 403 to a draft or an edit (the bot removed from the group, blocked by the user), or
  // its 400 for a forum topic closed or deleted: the final answer cannot go there either, nor can
  // the shown message be removed; `finish` throws it.
  let refused: GrammyError | undefined;
  // Another instance took the update over and answers it (taken-over.ts): nothing more is shown,
  // the writing stops, and `finish` throws this; `abandon` removes what was shown here.
  let takenOver: UpdateTakenOverError | undefined;
  const gone = new AbortController();

  function schedule(): void {
    if (closed || mode === "off" || inFlight || timer || pending === null) return;
    timer = setTimeout(pump, Math.max(0, nextAt - now()));
  }

  function pump(): void {
    timer = null;
    const text = pending;
    pending = null;
    if (closed || text === null || text === shown) return;
    send(text);
  }

  function send(text: string): void {
    nextAt = now() + (mode === "draft" ? timing.draftIntervalMs : timing.editIntervalMs);
    inFlight = show(text).finally(() => {
      inFlight = null;
      schedule();
    });
  }

  /** While the model pauses (a slow provider, a long LLM_TIMEOUT_MS), the draft must not vanish. */
  function armKeepAlive(): void {
    if (keepAlive) clearTimeout(keepAlive);
    keepAlive = setTimeout(() => {
      keepAlive = null;
      // Busy means a newer draft is on its way, which arms this again.
      if (!closed && mode === "draft" && !inFlight && !timer && shown) send(shown);
    }, DRAFT_KEEP_ALIVE_MS);
    keepAlive.unref();
  }

  /** One draft or edit; never rejects (a failure changes how the rest is shown). */
  async function show(text: string): Promise<void> {
    const plain = escapeHtml(text.length > MAX_DRAFT_CHARS ? `${cutUnits(text, MAX_DRAFT_CHARS - 1)}…` : text);
    try {
      if (mode === "draft") {
        await surface.draft(plain);
        drafts.succeeded();
        armKeepAlive();
      } else if (messageId === undefined) {
        messageId = (await surface.send(plain + WRITING, writing, true)).message_id;
      } else {
        await surface.edit(messageId, plain + WRITING, writing);
      }
      shown = text;
    } catch (error) {
      const retryAfter = floodWait(error);
      if (retryAfter !== undefined) {
        // Flood control (not retried, see api-retry.ts): wait as told, then show the latest.
        nextAt = Math.max(nextAt, now() + retryAfter * 1000);
        pending ??= text;
      } else if (isNotModified(error)) {
        shown = text;
      } else if (isRefused(error)) {
        refused = error;
        mode = "off";
        messageId = undefined;
        gone.abort(error);
      } else if (error instanceof UpdateTakenOverError) {
        takenOver = error;
        mode = "off";
        gone.abort(error);
      } else if (mode === "draft") {
        const forGood = drafts.failed(error);
        logger.info(
          { err: errorText(error), forGood },
          forGood ? "this Bot API server has no message drafts: answers are shown by editing a message" : "a message draft failed: this answer is shown by editing a message",
        );
        mode = "edit";
        nextAt = 0;
        pending ??= text;
      } else {
        logger.warn({ err: errorText(error) }, "showing the answer so far failed; only the final answer will be sent");
        mode = "off";
      }
    }
  }

  async function stop(): Promise<void> {
    closed = true;
    if (timer) clearTimeout(timer);
    if (keepAlive) clearTimeout(keepAlive);
    timer = keepAlive = null;
    // The last edit must land before the final one, or it would overwrite it.
    await inFlight;
  }

  return {
    signal: gone.signal,

    update(textSoFar) {
      const text = textSoFar.trim();
      if (closed || !text) return;
      pending = text;
      schedule();
    },

    async finish(parts, keyboard) {
      await stop();
      if (refused) throw refused;
      if (takenOver) throw takenOver;
      const last = parts.length - 1;
      const optionsOf = (i: number): SendOptions => (i === last ? { ...html, reply_markup: keyboard } : html);
      const ids: number[] = [];
      // The message the first part goes into: the earlier answer this one replaces (when one
      // message holds the new answer), else the streamed one (never both: see `mode`).
      const into = replaces !== undefined ? (parts.length === 1 ? replaces : undefined) : messageId;
      if (into !== undefined && parts.length > 0) {
        try {
          await surface.edit(into, parts[0]!, optionsOf(0));
          ids.push(into);
        } catch (error) {
          // The same answer again is Telegram's "not modified".
          if (isNotModified(error)) ids.push(into);
          else if (isRefused(error)) {
            messageId = undefined;
            throw error;
          } else if (error instanceof UpdateTakenOverError || floodWait(error) !== undefined) {
            // Taken over by another instance, or flood control beyond what the retry layer waits:
            // a new message would be refused too.
            // The half-written one stays `messageId`, for `abandon` to remove.
            throw error;
          } else if (into === replaces) {
            // Deleted or too old: the earlier answer stays as it was; the new one replies to the edited question.
            logger.info({ err: errorText(error) }, "the earlier answer could not be edited; sending the answer anew");
          } else {
            // Never leave the half-written answer: remove it, and send the answer anew.
            logger.warn({ err: errorText(error) }, "the streamed message could not be finalised; sending the answer anew");
            await removeShown();
          }
        }
      }
      // The edited message is the final answer now, not a half-written one: `abandon` (a failure
      // after this, such as saving the conversation) must not remove it.
      messageId = undefined;
      for (let i = ids.length; i < parts.length; i++) {
        ids.push((await surface.send(parts[i]!, optionsOf(i), i === 0)).message_id);
      }
      return ids;
    },

    async abandon() {
      await stop();
      await removeShown();
    },
  };

  async function removeShown(): Promise<void> {
    if (messageId === undefined) return;
    const id = messageId;
    messageId = undefined;
    await surface.remove(id).catch((error: unknown) => {
      logger.warn({ err: errorText(error) }, "the half-written answer could not be removed");
    });
  }
}

/**
 * Telegram's 403 (the bot may not write to this chat), a 400 for a bot muted there, or a forum
 * topic closed or deleted (see create-bot.ts): nothing more is tried there.
 */
function isRefused(error: unknown): error is GrammyError {
  return error instanceof GrammyError && (error.error_code === 403 || isClosedTopic(error) || isMutedInChat(error));
}

/** Telegram refuses an edit that changes nothing; for a stream that is success. */
function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && /message is not modified/i.test(error.description ?? "");
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The stream's calls for the chat of `ctx` (in its forum topic, when the question came from one);
 * drafts carry `draftId`, unique per answer. `chatId`: the chat its messages went to, the one of
 * `ctx` unless Telegram put them in another (a group that became a supergroup, see chat-migration.ts).
 */
export function contextSurface(ctx: Context, draftId: number, replyTo: object): StreamSurface & { readonly chatId: number } {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) throw new Error("an answer stream needs a chat");
  const msg = ctx.msg;
  const thread = msg?.is_topic_message && msg.message_thread_id !== undefined ? { message_thread_id: msg.message_thread_id } : {};
  // The comments under a channel post are a thread of replies, not a forum topic: a message that
  // replies to nothing lands in the group's main chat, so each later part replies to the one before.
  const replyThread = msg?.message_thread_id !== undefined && !msg.is_topic_message;
  let last: number | undefined;
  let sentTo = chatId;
  return {
    get chatId() {
      return sentTo;
    },
    privateChat: ctx.chat?.type === "private",
    draft: (text) => ctx.api.sendMessageDraft(chatId, draftId, text, inPassing({ parse_mode: "HTML" as const, ...thread })),
    async send(text, options, first) {
      const previous = !first && replyThread && last !== undefined ? { reply_parameters: { message_id: last, allow_sending_without_reply: true } } : {};
      const sent = await ctx.api.sendMessage(chatId, text, { ...thread, ...options, ...(first ? replyTo : previous) });
      last = sent.message_id;
      if (typeof sent.chat?.id === "number") sentTo = sent.chat.id;
      return sent;
    },
    edit: (messageId, text, options) => ctx.api.editMessageText(chatId, messageId, text, options),
    remove: (messageId) => ctx.api.deleteMessage(chatId, messageId),
  };
}
