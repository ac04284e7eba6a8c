import { Composer, type Context, GrammyError } from "grammy";
import { UploadError, type UploadProblem, uploadNameProblem } from "../../knowledge-base/knowledge-base.js";
import type { FeatureDeps } from "../bot-deps.js";
import { type Lang, messages } from "../messages.js";
import { pickLang } from "../../texts/lang.js";
import { ReindexJobs } from "../reindex-job.js";
import { addressedToMe, commandForMe, leadingCommand } from "../command-target.js";
import { replyTo } from "../reply-to.js";
import { seedsWriteRefusal } from "../seeds-write-refusal.js";
import { commandRateLimit } from "./command-rate-limit.js";
import { removeFeature } from "./remove.js";
import { sentFile } from "../sent-file.js";

/**
 * Admin tools (ADMIN_IDS): /reindex, /stats, /remove, and .txt/.md documents sent in a private
 * chat become articles. Everyone else gets a polite refusal and nothing changes.
 */
export function adminFeature(deps: FeatureDeps): Composer<Context> {
  const feature = new Composer<Context>();
  const isAdmin = (ctx: Context): boolean => ctx.from !== undefined && deps.adminIds.has(ctx.from.id);
  const limit = commandRateLimit(deps);
  const jobs = new ReindexJobs(deps);

  // Admin commands answer with index details and usage: only in a private chat with the bot.
  // Counted here, once, for the refusal in groups and the commands below alike. In a group a
  // bare "/stats" from someone who is not our admin is most likely another bot's command: it
  // gets no refusal, unless it names this bot ("/stats@thisbot").
  const anotherBots = (ctx: Context): boolean => ctx.chat?.type !== "private" && !isAdmin(ctx) && !addressedToMe(ctx);
  feature.command(["reindex", "stats", "remove"], (ctx, next) => (anotherBots(ctx) ? undefined : next()), limit, async (ctx, next) => {
    if (ctx.chat.type === "private") {
      // Someone sending an admin command without being an admin most likely still sees it in a
      // menu set while they were one (ADMIN_IDS changed since; see setCommands): take it back.
      if (!isAdmin(ctx)) void forgetAdminMenu(ctx, deps);
      return next();
    }
    const lang = pickLang({ languageCode: ctx.from?.language_code });
    // Sent anonymously or as a channel, it may be one of our admins, hidden behind Telegram's
    // stand-in sender: "only admins can" would turn them away; in a private chat they are known.
    const hidden = ctx.message?.sender_chat !== undefined;
    await ctx.reply(isAdmin(ctx) || hidden ? messages.privateOnly(lang) : messages.adminOnly(lang), replyTo(ctx));
  });

  feature.command("reindex", async (ctx) => {
    const lang = pickLang({ languageCode: ctx.from?.language_code });
    if (!isAdmin(ctx)) return void (await ctx.reply(messages.adminOnly(lang), replyTo(ctx)));
    if (jobs.busy()) return void (await ctx.reply(messages.reindexBusy(lang, jobs.runningIn(ctx.chat.id)), replyTo(ctx)));
    if (await jobs.buildingElsewhere()) return void (await ctx.reply(messages.reindexBusyElsewhere(lang), replyTo(ctx)));
    const status = await ctx.reply(messages.reindexStarted(lang), replyTo(ctx));
    void jobs.start(ctx.api, ctx.chat.id, status.message_id, lang);
  });

  feature.use(removeFeature(deps, jobs, isAdmin));

  feature.command("stats", async (ctx) => {
    const lang = pickLang({ languageCode: ctx.from?.language_code });
    if (!isAdmin(ctx)) return void (await ctx.reply(messages.adminOnly(lang), replyTo(ctx)));
    await deps.kb.refresh();
    const info = deps.kb.info();
    const now = deps.now();
    const [stats, feedback] = await Promise.all([deps.state.stats.snapshot(5), deps.state.feedback.summary()]);
    const builtAt = Date.parse(info.builtAt);
    const text = messages.stats(lang, {
      info,
      indexAgeMs: Number.isNaN(builtAt) ? null : Math.max(0, now - builtAt),
      questions: stats.questions,
      notFound: stats.notFound,
      recentNotFound: stats.recentNotFound,
      uptimeMs: Math.max(0, now - stats.since),
      feedback,
    });
    await ctx.reply(text, { parse_mode: "HTML", ...replyTo(ctx) });
  });

  // Files shared in groups are usually meant for people, not for the bot: only private chats' are read.
  // Admins' uploads skip the command budget: selecting several files sends a message for each at
  // once, and a dropped one would be lost silently (each is bounded in size anyway). Someone
  // else's document goes on to the questions, as a photo does: a question in its caption is
  // answered (ask.ts), anything else gets the refusal there, on the command budget and once per
  // album (fallback.ts): several files sent together are one message to their sender, and the
  // caption may be on the last of them.
  feature.chatType("private").on("message:document", async (ctx, next) => {
    const document = sentFile(ctx.message);
    if (!isAdmin(ctx) || document === undefined) return next();
    const lang = pickLang({ languageCode: ctx.from.language_code });
    // A caption is not read for commands (an admin's is never read at all): "/remove old.md" under
    // an upload did nothing, without a word. Said before the upload's reply, which stays the last.
    const command = leadingCommand(ctx.message.caption ?? "", ctx.message.caption_entities);
    if (command !== undefined && commandForMe(command, ctx)) {
      await ctx.reply(messages.captionNotCommand(lang, command.name), replyTo(ctx));
    }
    const fileName = document.file_name ?? namelessUploadName(document);
    if (fileName === undefined) return void (await ctx.reply(messages.uploadBadType(lang), replyTo(ctx)));
    const nameProblem = uploadNameProblem(fileName);
    if (nameProblem) return void (await ctx.reply(uploadProblemText(lang, nameProblem, deps.maxUploadBytes), replyTo(ctx)));
    if (document.file_size !== undefined && document.file_size > deps.maxUploadBytes) {
      return void (await ctx.reply(messages.uploadTooLarge(lang, deps.maxUploadBytes), replyTo(ctx)));
    }

    let bytes: Uint8Array;
    try {
      const file = await ctx.api.getFile(document.file_id);
      if (!file.file_path) throw new Error("getFile returned no file_path");
      bytes = await deps.downloadFile(file.file_path);
    } catch (error) {
      if (error instanceof UploadError) return void (await ctx.reply(uploadProblemText(lang, error.problem, deps.maxUploadBytes), replyTo(ctx)));
      // Within MAX_ARTICLE_BYTES set above Telegram's own limit: "try again" would never help.
      if (error instanceof GrammyError && /file is too big/i.test(error.description)) {
        return void (await ctx.reply(messages.uploadTooLargeForTelegram(lang), replyTo(ctx)));
      }
      deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "upload download failed");
      return void (await ctx.reply(messages.uploadDownloadFailed(lang), replyTo(ctx)));
    }

    let saved: { fileName: string; replaced: boolean };
    try {
      saved = await deps.kb.addArticle(fileName, bytes);
    } catch (error) {
      if (error instanceof UploadError) return void (await ctx.reply(uploadProblemText(lang, error.problem, deps.maxUploadBytes), replyTo(ctx)));
      const refusal = seedsWriteRefusal(error);
      if (!refusal) throw error;
      deps.logger.error({ err: error }, "upload not saved");
      return void (await ctx.reply(messages.uploadNotSaved(lang, refusal), replyTo(ctx)));
    }

    await jobs.indexChange(ctx.api, ctx.chat.id, lang, saved, async (text) => (await ctx.reply(text, { parse_mode: "HTML", ...replyTo(ctx) })).message_id);
  });

  // A file replaced by editing its message (Telegram's "Replace file") arrives as an edit, and was
  // dropped without a word: the admin took the new version for indexed. It is not read as an
  // upload (a caption edited under an old upload would put back a file replaced since): one
  // line says to send it anew, on the command budget.
  feature.chatType("private").on("edited_message:document", async (ctx, next) => {
    if (!isAdmin(ctx) || sentFile(ctx.editedMessage) === undefined) return next(); // a GIF is no upload
    await limit(ctx, async () => {
      await ctx.reply(messages.editNotUpload(pickLang({ languageCode: ctx.from.language_code })), replyTo(ctx));
    });
  });

  return feature;
}

/** The extension a nameless document's MIME type gets: the two kinds of text an article may be. */
const NAMELESS_EXTENSIONS = new Map([
  ["text/plain", ".txt"],
  ["text/markdown", ".md"],
  ["text/x-markdown", ".md"],
]);

/**
 * The name a document sent without one (Telegram allows it: some forwarded files) is saved under:
 * one fixed name made each such upload replace the one before. Named after the file's own id,
 * the same file sent again replaces itself; its extension by its MIME type (none: taken for plain
 * text). Undefined for any other type, text or not (HTML, CSV, a PDF): refused as any file not
 * .txt or .md is. Any text/* was saved as .txt, and its markup or columns indexed as prose; a PDF
 * was not refused as ".txt that is not UTF-8", which would ask to re-save it as UTF-8.
 */
function namelessUploadName(document: { file_unique_id: string; mime_type?: string }): string | undefined {
  const mime = (document.mime_type ?? "text/plain").split(";")[0]?.trim().toLowerCase() ?? "";
  const ext = NAMELESS_EXTENSIONS.get(mime);
  return ext === undefined ? undefined : `article-${document.file_unique_id}${ext}`;
}

function uploadProblemText(lang: Lang, problem: UploadProblem, maxBytes: number): string {
  switch (problem) {
    case "bad-type":
      return messages.uploadBadType(lang);
    case "no-name":
      return messages.uploadNoName(lang);
    case "too-large":
      return messages.uploadTooLarge(lang, maxBytes);
    case "empty":
      return messages.uploadEmpty(lang);
    case "no-text":
      return messages.uploadNoText(lang);
    case "not-utf8":
      return messages.uploadNotUtf8(lang);
  }
}

/** Deletes the chat-scoped command menu (both languages) of this private chat; failures are only logged. */
async function forgetAdminMenu(ctx: Context, deps: FeatureDeps): Promise<void> {
  const scope = { type: "chat", chat_id: ctx.chat!.id } as const;
  try {
    await ctx.api.deleteMyCommands({ scope });
    await ctx.api.deleteMyCommands({ scope, language_code: "en" });
  } catch (error) {
    deps.logger.info({ err: error instanceof Error ? error.message : String(error) }, "could not take back a former admin's command menu (ignored)");
  }
}
