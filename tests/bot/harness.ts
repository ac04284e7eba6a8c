import type { Update, UserFromGetMe } from "grammy/types";
import { createBot, type ArticleBot } from "../../src/bot/create-bot.js";
import type { BotDeps } from "../../src/bot/bot-deps.js";
import { removableArticleFiles, removeArticleFile } from "../../src/articles/remove-article.js";
import { saveUpload } from "../../src/articles/save-upload.js";
import {
  ReindexInProgressError,
  type DatedArticle,
  type Answer,
  type ArticleFile,
  type AskOptions,
  type Chunk,
  type Citation,
  type IndexInfo,
  type IngestProgress,
  type IngestSummary,
  type KnowledgeBase,
} from "../../src/knowledge-base/knowledge-base.js";
import { silentLogger } from "../../src/shared/logger.js";
import { SUMMARY } from "../helpers/index-fixtures.js";
import { commandEntities } from "../helpers/command-entities.js";

export const BOT_INFO: UserFromGetMe = {
  id: 999,
  is_bot: true,
  first_name: "Articles",
  username: "articles_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

export const ADMIN_ID = 42;
export const USER_ID = 7;

export const CHUNK: Chunk = {
  id: "000_eb2b5d22429fdfa6.txt#0",
  articleId: "000_eb2b5d22429fdfa6.txt",
  title: "Форум B5+1 <b>& партнери",
  date: "2026-02-04",
  url: "https://example.com/a?x=1&y=2",
  n: 0,
  start: 0,
  end: 40,
  text: "Серджіо Гор – спеціальний посланець США з питань Південної та Центральної Азії.",
};

export function citation(overrides: Partial<Citation> = {}): Citation {
  return {
    n: 1,
    articleId: CHUNK.articleId,
    chunkId: CHUNK.id,
    title: CHUNK.title,
    date: CHUNK.date,
    url: CHUNK.url,
    quote: CHUNK.text,
    start: 0,
    end: CHUNK.text.length,
    ...overrides,
  };
}

export function answer(overrides: Partial<Answer> = {}): Answer {
  return {
    question: "q",
    answer: "Серджіо Гор – спеціальний посланець США [1].",
    mode: "extractive",
    notFound: false,
    citations: [citation()],
    passages: [{ chunk: CHUNK, score: 1 }],
    closestTitles: [],
    ms: 3,
    ...overrides,
  };
}

/** A KnowledgeBase double: records questions, answers with `reply`, re-indexes on demand, saves uploads into `seedsDir`. */
export class FakeKb implements KnowledgeBase {
  constructor(
    readonly seedsDir = "/nonexistent-seeds",
    readonly maxArticleBytes = 1024,
  ) {}

  asked: { question: string; options: AskOptions | undefined }[] = [];
  reply: (question: string, options?: AskOptions) => Promise<Answer> = async () => answer();
  reindexCalls = 0;
  reindexing = false;
  /** Resolve to finish the running re-index. */
  releaseReindex: (() => void) | undefined;
  holdReindex = false;
  chunks = new Map<string, Chunk>([[CHUNK.id, CHUNK]]);

  async ask(question: string, options?: AskOptions): Promise<Answer> {
    this.asked.push({ question, options });
    return this.reply(question, options);
  }

  info(): IndexInfo {
    return {
      articles: 1,
      chunks: 3,
      version: "v1",
      builtAt: "2026-02-05T10:00:00.000Z",
      embedder: "local-hash-v1:512",
      dateRange: { from: "2026-02-04", to: "2026-02-04" },
      dates: ["2026-02-04"],
      titles: [CHUNK.title],
      skipped: 0,
    };
  }

  chunk(chunkId: string): Chunk | undefined {
    return this.chunks.get(chunkId);
  }

  latestArticles: DatedArticle[] = [{ articleId: CHUNK.articleId, title: CHUNK.title, date: CHUNK.date, url: CHUNK.url }];

  refreshes = 0;

  async refresh(): Promise<void> {
    this.refreshes++;
  }

  latest(limit: number): DatedArticle[] {
    return this.latestArticles.slice(0, limit);
  }

  async addArticle(fileName: string, bytes: Uint8Array): Promise<{ fileName: string; replaced: boolean }> {
    const saved = await saveUpload({ seedsDir: this.seedsDir, fileName, bytes, maxBytes: this.maxArticleBytes });
    return { fileName: saved.fileName, replaced: saved.replaced };
  }

  /** The files in `seedsDir` that may be removed, newest first; CHUNK's article has its title. */
  async articleFiles(): Promise<ArticleFile[]> {
    const files = await removableArticleFiles(this.seedsDir);
    return files
      .sort((a, b) => b.mtimeMs - a.mtimeMs)
      .map((f) => ({ fileName: f.id, modifiedAt: f.mtimeMs, ...(f.id === CHUNK.articleId ? { title: CHUNK.title, date: CHUNK.date } : {}) }));
  }

  removed: string[] = [];

  async removeArticle(fileName: string): Promise<void> {
    await removeArticleFile(this.seedsDir, fileName);
    this.removed.push(fileName);
  }

  async reindex(onProgress?: (progress: IngestProgress) => void): Promise<IngestSummary> {
    if (this.reindexing) throw new ReindexInProgressError();
    this.reindexing = true;
    this.reindexCalls++;
    try {
      onProgress?.({ phase: "load", done: 1, total: 2 });
      if (this.holdReindex) await new Promise<void>((resolve) => (this.releaseReindex = resolve));
      onProgress?.({ phase: "embed", done: 4, total: 4 });
      return SUMMARY;
    } finally {
      this.reindexing = false;
    }
  }

  isReindexing(): boolean {
    return this.reindexing;
  }

  /** Set to make it look as if another instance re-indexes. */
  reindexingElsewhere = false;

  async isReindexingElsewhere(): Promise<boolean> {
    return this.reindexingElsewhere;
  }
}

export interface Call {
  method: string;
  payload: Record<string, unknown>;
}

/** A bot wired to a FakeKb whose outgoing API calls are recorded and answered locally. */
export function makeBot(
  options: Partial<BotDeps> & { seedsDir?: string } = {},
): { bot: ArticleBot; kb: FakeKb; calls: Call[]; seedsDir: string } {
  const { seedsDir = "/nonexistent-seeds", ...overrides } = options;
  const kb = (overrides.kb as FakeKb | undefined) ?? new FakeKb(seedsDir);
  const bot = createBot("123:TEST", {
    kb,
    adminIds: new Set([ADMIN_ID]),
    logger: silentLogger,
    maxUploadBytes: 1024,
    botInfo: BOT_INFO,
    progressIntervalMs: 0,
    ...overrides,
  });
  const calls: Call[] = [];
  let messageId = 1000;
  bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, unknown> });
    let result: unknown = true;
    if (method === "sendMessage") {
      const p = payload as { chat_id: number; text: string };
      result = { message_id: ++messageId, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text };
    } else if (method === "getFile") {
      result = { file_id: "f", file_unique_id: "u", file_path: "documents/file_1.txt" };
    }
    return { ok: true, result } as never;
  });
  return { bot, kb, calls, seedsDir };
}

let updateId = 1;
let userMessageId = 1;

type ChatKind = "private" | "group" | "supergroup";

/** A text message update from `fromId` in a private chat (chat id = user id) or a group. */
export function textUpdate(
  text: string,
  options: { fromId?: number; chat?: ChatKind; languageCode?: string; replyTo?: { message_id: number; fromBot: boolean }; entities?: boolean } = {},
): Update {
  const fromId = options.fromId ?? USER_ID;
  const kind = options.chat ?? "private";
  const chat = kind === "private" ? { id: fromId, type: "private", first_name: "U" } : { id: -100500, type: kind, title: "G" };
  return {
    update_id: updateId++,
    message: {
      message_id: userMessageId++,
      date: 0,
      chat,
      from: { id: fromId, is_bot: false, first_name: "U", ...(options.languageCode ? { language_code: options.languageCode } : {}) },
      text,
      ...commandEntities(text),
      ...(options.replyTo
        ? {
            reply_to_message: {
              message_id: options.replyTo.message_id,
              date: 0,
              chat,
              from: options.replyTo.fromBot ? { id: BOT_INFO.id, is_bot: true, first_name: "Articles" } : { id: 5, is_bot: false, first_name: "X" },
              text: "earlier",
            },
          }
        : {}),
    },
  } as unknown as Update;
}

/** The user's edit of the message in `update`: the same message as `edited_message`, with `text` (and its /command entity). */
export function editedUpdate(update: Update, text: string): Update {
  const { entities: _entities, ...message } = update.message ?? update.edited_message ?? ({} as NonNullable<Update["message"]>);
  return {
    update_id: updateId++,
    edited_message: { ...message, text, edit_date: 1, ...commandEntities(text) },
  } as unknown as Update;
}

/** A document message update (private chat); `fileName` undefined for a document sent without a name. */
export function documentUpdate(
  fileName: string | undefined,
  options: { fromId?: number; size?: number; languageCode?: string; caption?: string; uniqueId?: string; mimeType?: string } = {},
): Update {
  const fromId = options.fromId ?? ADMIN_ID;
  const document = {
    file_id: "f",
    file_unique_id: options.uniqueId ?? "u",
    ...(fileName !== undefined ? { file_name: fileName } : {}),
    ...(options.mimeType !== undefined ? { mime_type: options.mimeType } : {}),
    ...(options.size !== undefined ? { file_size: options.size } : {}),
  };
  const captionEntities = commandEntities(options.caption ?? "").entities;
  return {
    update_id: updateId++,
    message: {
      message_id: userMessageId++,
      date: 0,
      chat: { id: fromId, type: "private", first_name: "A" },
      from: { id: fromId, is_bot: false, first_name: "A", ...(options.languageCode ? { language_code: options.languageCode } : {}) },
      document,
      ...(options.caption !== undefined ? { caption: options.caption } : {}),
      ...(captionEntities ? { caption_entities: captionEntities } : {}),
    },
  } as unknown as Update;
}

/** A callback query update (a tap on an inline button under message `messageId`). */
export function callbackUpdate(data: string, messageId: number, fromId = USER_ID): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      chat_instance: "ci",
      from: { id: fromId, is_bot: false, first_name: "U" },
      data,
      message: { message_id: messageId, date: 0, chat: { id: fromId, type: "private", first_name: "U" }, from: { id: BOT_INFO.id, is_bot: true, first_name: "Articles" }, text: "answer" },
    },
  } as unknown as Update;
}

/** Calls of one method. */
export const sent = (calls: Call[], method = "sendMessage"): Call[] => calls.filter((c) => c.method === method);

/** Checks that every tag opened in `html` is closed in order (Telegram rejects anything else). */
export function tagsBalanced(html: string): boolean {
  const stack: string[] = [];
  for (const match of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    const [, closing, name] = match;
    if (!name) return false;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0 && !/<(?![a-z/])/.test(html);
}
