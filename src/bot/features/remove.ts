import { Composer, type Context, InlineKeyboard } from "grammy";
import { type ArticleFile, NoSuchArticleError } from "../../knowledge-base/knowledge-base.js";
import { pickLang } from "../../texts/lang.js";
import type { FeatureDeps } from "../bot-deps.js";
import { type Lang, messages } from "../messages.js";
import { clipMiddle } from "../clip.js";
import type { ReindexJobs } from "../reindex-job.js";
import { replyTo } from "../reply-to.js";
import { acknowledgeTap } from "../acknowledge-tap.js";
import { buttonRateLimit } from "./command-rate-limit.js";
import { shortHash } from "../short-hash.js";
import { seedsWriteRefusal } from "../seeds-write-refusal.js";

/** [Remove] is `rm:<key>:<version>`, [Cancel] `rm:no:<key>`, a file picked from a listing `rm:ask:<key>`. */
const REMOVE_DATA = /^rm:(no:|ask:)?([A-Za-z0-9_-]{16})(?::([0-9a-z]{1,12}))?$/;
/** Longest label of a file's button in a listing (the text above it names the whole file). */
const PICK_LABEL_CHARS = 60;

/** The file as it was shown: a file replaced since (an upload of that name) is not removed unseen. */
const fileVersion = (file: ArticleFile): string => Math.trunc(file.modifiedAt).toString(36);

/**
 * A file's key in the buttons: a hash of its name, as a path can be longer than the 64 bytes of
 * callback data. The tap finds the file again among the current ones, so nothing is kept between
 * the question and the tap (a restart, or another instance answering the tap, loses nothing).
 */
const removeKey = (fileName: string): string => shortHash(fileName, 16);

/**
 * /remove <file> (admins, private chats; the admin feature checks both): asks under [Remove]
 * [Cancel], then deletes the article file and re-indexes as after an upload. Without a file that
 * can be removed by that name it says how to use it and lists the closest names.
 */
export function removeFeature(deps: FeatureDeps, jobs: ReindexJobs, isAdmin: (ctx: Context) => boolean): Composer<Context> {
  const feature = new Composer<Context>();
  // A tap handled after Telegram's time for it ran out (a backlog, a restart) cannot get its
  // notice ("query is too old"): expected, one line in the log, not a failed update and its stack.
  const refuse = (ctx: Context, text: string): Promise<void> => acknowledgeTap(ctx, deps.logger, "refusing a removal tap", { text, show_alert: true });

  feature.command("remove", async (ctx) => {
    const lang = pickLang({ languageCode: ctx.from?.language_code });
    if (!isAdmin(ctx)) return void (await ctx.reply(messages.adminOnly(lang), replyTo(ctx)));
    const wanted = ctx.match.trim();
    const files = await deps.kb.articleFiles();
    // Telegram sends NFC; a file written elsewhere (macOS) may be named in NFD.
    const name = wanted.normalize("NFC");
    const file = files.find((f) => f.fileName.normalize("NFC") === name);
    if (!file) {
      const needle = name.toLowerCase();
      const matching = needle ? files.filter((f) => f.fileName.normalize("NFC").toLowerCase().includes(needle)) : [];
      const candidates = matching.length > 0 ? matching : files;
      const help = messages.removeHelp(lang, wanted, candidates, matching.length > 0);
      // A button per file the text names, in its order, a row each: typing a long path in
      // Telegram is error-prone. Long names keep their end, which tells apart those that share a
      // folder or a long prefix.
      const keyboard = InlineKeyboard.from(help.listed.map((f) => [InlineKeyboard.text(clipMiddle(f.fileName, PICK_LABEL_CHARS), `rm:ask:${removeKey(f.fileName)}`)]));
      return void (await ctx.reply(help.text, { parse_mode: "HTML", ...(help.listed.length > 0 ? { reply_markup: keyboard } : {}), ...replyTo(ctx) }));
    }
    const confirm = confirmation(lang, files, file);
    await ctx.reply(confirm.text, { parse_mode: "HTML", ...(confirm.keyboard ? { reply_markup: confirm.keyboard } : {}), ...replyTo(ctx) });
  });

  feature.callbackQuery(REMOVE_DATA, buttonRateLimit(deps), async (ctx) => {
    const lang = pickLang({ languageCode: ctx.from.language_code });
    const message = ctx.callbackQuery.message;
    // The confirmation is in the private chat of the admin who asked: only they may answer it.
    if (!isAdmin(ctx) || !message || message.chat.id !== ctx.from.id) {
      return refuse(ctx, messages.adminOnly(lang));
    }
    const [, prefix, key, version] = REMOVE_DATA.exec(ctx.callbackQuery.data) ?? [];
    const files = await deps.kb.articleFiles();
    const file = files.find((f) => removeKey(f.fileName) === key);
    // Gone already (a second tap, or removed on the server): the message may be a build's status
    // by now, so only the button says so.
    if (!file) return refuse(ctx, messages.removeGone(lang));
    if (prefix === "ask:") {
      // Picked from a listing: the listing becomes the question [Remove] [Cancel], as /remove <file> asks it.
      await acknowledgeTap(ctx, deps.logger, "picking a file to remove");
      const confirm = confirmation(lang, files, file);
      return void (await ctx.editMessageText(confirm.text, { parse_mode: "HTML", ...(confirm.keyboard ? { reply_markup: confirm.keyboard } : {}) }));
    }
    if (prefix === "no:") {
      await acknowledgeTap(ctx, deps.logger, "cancelling a removal");
      return void (await ctx.editMessageText(messages.removeCancelled(lang, file.fileName), { parse_mode: "HTML" }));
    }
    if (version !== undefined && version !== fileVersion(file)) {
      return refuse(ctx, messages.removeChanged(lang));
    }
    try {
      await deps.kb.removeArticle(file.fileName);
    } catch (error) {
      const refusal = seedsWriteRefusal(error);
      if (refusal?.kind === "read-only") {
        deps.logger.error({ err: error }, "article not removed");
        return refuse(ctx, messages.removeNotDone(lang, refusal.code));
      }
      if (!(error instanceof NoSuchArticleError)) throw error;
      const text = error.reason === "last" ? messages.removeLast(lang) : messages.removeGone(lang);
      return refuse(ctx, text);
    }
    // The file is gone now: whatever Telegram says from here on, the index must follow it. A tap
    // answered too late ("query is too old") or a confirmation that cannot be edited any more
    // must not stop the build, so the status goes to a new message then.
    await acknowledgeTap(ctx, deps.logger, "removing an article");
    await jobs.indexChange(ctx.api, message.chat.id, lang, { fileName: file.fileName, removed: true }, async (text) => {
      try {
        await ctx.editMessageText(text, { parse_mode: "HTML" });
        return message.message_id;
      } catch {
        return (await ctx.api.sendMessage(message.chat.id, text, { parse_mode: "HTML" })).message_id;
      }
    });
  });

  return feature;
}

/**
 * The question before removing `file`, under [Remove] [Cancel]; or, when it is the last indexed
 * article, why it is not removed: an index needs an article, the build would fail and the removed
 * one go on being served. (Checked again, one removal at a time, when the removal is confirmed.)
 */
function confirmation(lang: Lang, files: readonly ArticleFile[], file: ArticleFile): { text: string; keyboard?: InlineKeyboard } {
  if (!files.some((f) => f.title !== undefined && f.fileName !== file.fileName)) return { text: messages.removeLast(lang) };
  const key = removeKey(file.fileName);
  const keyboard = new InlineKeyboard().text(messages.removeButton(lang), `rm:${key}:${fileVersion(file)}`).text(messages.cancelButton(lang), `rm:no:${key}`);
  return { text: messages.removeConfirm(lang, file), keyboard };
}
