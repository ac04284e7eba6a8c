import type { ArticleFile, IndexInfo, IngestProgress, IngestSummary } from "../knowledge-base/knowledge-base.js";
import { ANSWER_TEXTS, questionProblemText } from "../texts/answer-texts.js";
import { TIME_TEXTS } from "../texts/time-texts.js";
import type { Lang } from "../texts/lang.js";
import type { QuestionProblem } from "../shared/errors.js";
import { COMMON_TEXTS } from "../texts/common-texts.js";
import { formatMoment } from "../texts/format-time.js";
import { formatDay } from "../time/format-day.js";
import { pluralForm } from "../texts/plural.js";
import { skipReasonText, warningText } from "../texts/skip-texts.js";
import { fileSize } from "../texts/file-size.js";
import { LINE_TITLE_CHARS, shortTitle } from "../texts/short-title.js";
import { clip, clipMiddle } from "./clip.js";
import { withoutBidiControls } from "../texts/bidi-controls.js";
import type { FeedbackSummary, VoteResult } from "../state/bot-state-store.js";
import { escapeClipped, escapeHtml } from "./html.js";
import type { SeedsWriteRefusal } from "./seeds-write-refusal.js";
import type { FileChange } from "./reindex-job.js";

export type { Lang } from "../texts/lang.js";

/** Counters shown by /stats (see src/state/: kept across restarts, shared by instances). */
export interface StatsView {
  info: IndexInfo;
  indexAgeMs: number | null;
  questions: number;
  notFound: number;
  recentNotFound: string[];
  /** How long the counters have been counting (they survive restarts). */
  uptimeMs: number;
  feedback?: FeedbackSummary;
}

const dateRange = (info: IndexInfo, lang: Lang): string => {
  const { from, to } = info.dateRange;
  if (!from || !to) return "";
  const [a, b] = [formatDay(from, lang), formatDay(to, lang)];
  if (from === to) return lang === "en" ? ` (dated ${a})` : ` (від ${a})`;
  return lang === "en" ? ` (from ${a} to ${b})` : ` (з ${a} по ${b})`;
};

const duration = (ms: number, lang: Lang): string => {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return lang === "en" ? "less than a minute" : "менше хвилини";
  if (minutes < 120) return lang === "en" ? `${minutes} min` : `${minutes} хв`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return lang === "en" ? `${hours} h` : `${hours} год`;
  const days = Math.floor(hours / 24);
  return lang === "en" ? `${days} days` : `${days} дн.`;
};

/**
 * /help's examples of questions about time, and /latest: none when no article has a date (each
 * would get "nothing then"). The day asked about is the newest article's up to `today`, so it
 * lists something; an announcement dated ahead is not asked about as past ("Що було 1 березня
 * 2027?"): only when every article is dated ahead, the nearest day, as what will be.
 */
const timeExamples = (lang: Lang, info: IndexInfo, today: string): string[] => {
  if (!info.dateRange.to) return [];
  const t = TIME_TEXTS[lang];
  const past = info.dates.findLast((day) => day <= today);
  const ahead = info.dates.find((day) => day > today) ?? info.dateRange.to;
  const day = past !== undefined ? t.dayExample(past) : t.futureDayExample(ahead);
  const examples = [...t.examples.slice(0, 3), day, ...t.examples.slice(3)];
  const latest = lang === "en" ? "/latest: the newest articles" : "/latest: найновіші статті";
  return ["", `<b>${escapeHtml(t.examplesHeading)}</b>`, ...examples.map((e) => `• <i>${escapeHtml(e)}</i>`), latest];
};

/**
 * The question the greeting and the hints give as an example: one any archive answers, so never
 * about a topic (the seed article's "Хто такий Серджіо Гор?" got "not found" from every other
 * archive). "What's new?" lists the newest dated articles; with none dated (or no articles) no
 * question is sure of an answer, so the hints name none.
 */
const askExample = (lang: Lang, info: IndexInfo): string | null => (info.dateRange.to ? TIME_TEXTS[lang].examples[0] : null);

/**
 * /ask as a group's members should type it: with privacy mode on, Telegram gives a bare `/ask` only
 * to the bot that posted last in the group; named, it always reaches this bot (escaped).
 */
const groupAsk = (botUsername: string): string => escapeHtml(`/ask@${botUsername}`);

const bullets = (items: string[]): string => items.map((item) => `• ${escapeHtml(item)}`).join("\n");

/** File names a status message lists at most: a burst of uploads must not push it past Telegram's 4,096 characters. */
const LISTED_FILE_NAMES = 10;

const fileNames = (lang: Lang, names: string[]): string => {
  const listed = names.slice(0, LISTED_FILE_NAMES).map((f) => `<code>${escapeHtml(f)}</code>`).join(", ");
  const more = names.length - LISTED_FILE_NAMES;
  return more > 0 ? `${listed} ${lang === "en" ? `and ${more} more` : `і ще ${more}`}` : listed;
};

/** "збережено як a.txt; видалено b.txt": the file changes a build is for. */
const changeParts = (lang: Lang, changes: readonly FileChange[]): string => {
  const saved = changes.filter((c) => !c.removed).map((c) => c.fileName);
  const removed = changes.filter((c) => c.removed).map((c) => c.fileName);
  const en = lang === "en";
  return [
    ...(saved.length > 0 ? [`${en ? "saved as" : "збережено як"} ${fileNames(lang, saved)}`] : []),
    ...(removed.length > 0 ? [`${en ? "removed" : "видалено"} ${fileNames(lang, removed)}`] : []),
  ].join("; ");
};

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A question quoted in /stats, at most this long as HTML: five gaps and five worst-rated ones fit
 * in one message however many "<", "&" or quotes a group member typed (each grows up to 6 times).
 */
const SHOWN_QUESTION_CHARS = 300;

/** A group member's question as /stats quotes it to admins: as typed, not reversed by a bidi override. */
const shownQuestion = (question: string): string => escapeClipped(withoutBidiControls(question), SHOWN_QUESTION_CHARS);

/** The re-index summary's lists of skipped files and warnings end by this length (a message holds 4096 characters). */
const SUMMARY_LIST_CHARS = 3_900;
/** A path in those lists is cut to this length (in its middle). */
const SUMMARY_PATH_CHARS = 120;

/** Article files /remove lists at most, and the length of the list (a message holds 4096 characters). */
const REMOVE_LIST_FILES = 10;
const REMOVE_LIST_CHARS = 3_000;
// A title after a file name in that list: the file name is what to send, the title a reminder.
const REMOVE_LIST_TITLE_CHARS = 80;

const progressPhase = { uk: { load: "читаю статті", embed: "рахую вектори", write: "записую індекс" }, en: { load: "reading articles", embed: "embedding", write: "writing the index" } };

/** Every user-facing text of the bot, in Ukrainian and English. All results are Telegram HTML. */
export const messages = {
  /**
   * /start and /help; in a group it says how to ask there (plain messages are not read in groups).
   * `inline`: inline mode is on (getMe's supports_inline_queries), else it is not offered.
   * `today`: the bot's day (YYYY-MM-DD), which the day of the examples about time is not after.
   */
  help(lang: Lang, info: IndexInfo, opts: { botUsername: string; isAdmin: boolean; inGroup?: boolean; inline?: boolean; today: string }): string {
    const at = escapeHtml(`@${opts.botUsername}`);
    const ask = groupAsk(opts.botUsername);
    const articles = `<b>${info.articles}</b> ${pluralForm(lang, info.articles, COMMON_TEXTS[lang].articles)}`;
    if (lang === "en") {
      const lines = [
        `I answer questions about ${articles}${escapeHtml(dateRange(info, lang))} and cite my sources.`,
        "",
        "<b>How to ask</b>",
        ...(opts.inGroup
          ? [
              "In this group:",
              `• <code>${ask} your question</code>`,
              `• or mention ${at} in a message`,
              "• or reply to one of my answers to ask a follow-up.",
              `In a private chat with ${at}, just write the question.`,
              // /stats quotes them to admins, who need not be in this group (see StatsView).
              "Questions asked here that I cannot answer, or whose answers get 👎, may be shown to the bot's administrators (the question only, not who asked).",
            ]
          : [
              "• In this chat: just write your question.",
              `• In a group: <code>${ask} your question</code>, mention ${at} in a message, or reply to one of my answers to ask a follow-up.`,
            ]),
        ...(opts.inline ? [`• In any chat: type ${at} and a question, then tap the answer to send it there (inline).`] : []),
        "Tap a source button under an answer to read the passage it comes from; 👍/👎 tell me whether it helped.",
        "Fixed a typo by editing your question? I answer it again, in my earlier answer when I can.",
        ...timeExamples(lang, info, opts.today),
      ];
      if (opts.isAdmin) {
        lines.push(
          "",
          "<b>Admin</b>",
          "/reindex: re-read the articles folder",
          "/stats: usage and index figures",
          "Send a .txt or .md file (in this chat) to add an article.",
          "/remove <i>file</i>: remove an article (I ask first)",
        );
      }
      return lines.join("\n");
    }
    const lines = [
      `У мене ${articles}${escapeHtml(dateRange(info, lang))}; я відповідаю на питання за ${info.articles === 1 ? "нею" : "ними"} й наводжу джерела.`,
      "",
      "<b>Як питати</b>",
      ...(opts.inGroup
        ? [
            "У цій групі:",
            `• <code>${ask} ваше питання</code>`,
            `• або згадайте ${at} у повідомленні`,
            "• або відповідайте (reply) на мою відповідь, щоб уточнити.",
            `В особистому чаті з ${at} просто напишіть питання.`,
            "Питання, поставлені тут, на які я не знаю відповіді або чиї відповіді отримали 👎, можуть бачити адміністратори бота (лише питання, не хто питав).",
          ]
        : [
            "• Тут: просто напишіть питання.",
            `• У групі: <code>${ask} ваше питання</code>, згадайте ${at} у повідомленні або відповідайте (reply) на мою відповідь, щоб уточнити.`,
          ]),
      ...(opts.inline ? [`• У будь-якому чаті: наберіть ${at} і питання, а тоді торкніться відповіді, щоб надіслати її туди (inline).`] : []),
      "Натисніть кнопку джерела під відповіддю, щоб прочитати уривок, з якого вона взята; 👍/👎 скажуть, чи відповідь допомогла.",
      "Виправили питання, відредагувавши його? Я відповім знову, за змоги — у тій самій відповіді.",
      ...timeExamples(lang, info, opts.today),
    ];
    if (opts.isAdmin) {
      lines.push(
        "",
        "<b>Адміністратор</b>",
        "/reindex: перечитати теку зі статтями",
        "/stats: статистика та стан індексу",
        "Надішліть файл .txt або .md (у цьому чаті), щоб додати статтю.",
        "/remove <i>файл</i>: видалити статтю (я перепитаю)",
      );
    }
    return lines.join("\n");
  },


  sourcesHeading: (lang: Lang): string => `<b>${COMMON_TEXTS[lang].sources}</b>`,

  notFound(lang: Lang, closestTitles: string[]): string {
    const head = ANSWER_TEXTS[lang].notFound;
    if (closestTitles.length === 0) return escapeHtml(head);
    const shown = closestTitles.slice(0, 3).map((t) => shortTitle(t, LINE_TITLE_CHARS));
    return `${escapeHtml(head)}\n${ANSWER_TEXTS[lang].closest(shown.length)}\n${bullets(shown)}`;
  },

  /** `/ask` alone. In a group a mention asks too; in a private chat any message does (a mention means nothing there). */
  askHint: (lang: Lang, info: IndexInfo, botUsername: string, inGroup: boolean): string => {
    const example = escapeHtml(askExample(lang, info) ?? (lang === "en" ? "your question" : "ваше питання"));
    if (!inGroup) {
      const command = `<code>/ask ${example}</code>`;
      return lang === "en"
        ? `Write the question after the command (${command}) or just send it as a message.`
        : `Напишіть питання після команди (${command}) або просто надішліть його повідомленням.`;
    }
    const command = `<code>${groupAsk(botUsername)} ${example}</code>`;
    return lang === "en"
      ? `Write the question after the command, e.g. ${command} (or mention @${escapeHtml(botUsername)}).`
      : `Напишіть питання після команди, наприклад: ${command} (або згадайте @${escapeHtml(botUsername)}).`;
  },

  /** A mention of the bot with no question (or only a greeting) in a group. */
  mentionHint: (lang: Lang, info: IndexInfo, botUsername: string): string => {
    const question = escapeHtml(askExample(lang, info) ?? (lang === "en" ? "your question" : "ваше питання"));
    const at = escapeHtml(`@${botUsername}`);
    return lang === "en"
      ? `Write the question together with the mention, e.g. <code>${at} ${question}</code> (or <code>${groupAsk(botUsername)} ${question}</code>).`
      : `Напишіть питання разом зі згадкою, наприклад: <code>${at} ${question}</code> (або <code>${groupAsk(botUsername)} ${question}</code>).`;
  },

  /** Thanks in a private chat: not a question, so neither "not covered" nor a /stats entry. */
  youAreWelcome: (lang: Lang): string =>
    lang === "en" ? "You're welcome! Ask whenever you like." : "Будь ласка! Пишіть, якщо будуть ще питання.",

  /** A greeting in a private chat: the gist of /start. */
  greeting: (lang: Lang, info: IndexInfo): string => {
    const example = askExample(lang, info);
    if (lang === "en") {
      const eg = example ? `, e.g. <i>${escapeHtml(example)}</i>` : ".";
      return `Hello! I answer questions about the articles and cite my sources. Just write a question${eg} /help tells more.`;
    }
    const eg = example ? `, наприклад: <i>${escapeHtml(example)}</i>` : ".";
    return `Привіт! Я відповідаю на питання за статтями й наводжу джерела. Просто напишіть питання${eg} /help розповість більше.`;
  },

  unknownCommand: (lang: Lang): string =>
    lang === "en" ? "I do not know this command. /help shows what I can do." : "Не знаю такої команди. /help покаже, що я вмію.",

  /** A photo, voice message, sticker… in a private chat: only text is read as a question. */
  textOnly: (lang: Lang): string => (lang === "en" ? "Please send your question as text." : "Надішліть, будь ласка, питання текстом."),

  /** Why a question cannot be asked (too long, empty, a link alone), as HTML: sent with parse_mode HTML. */
  questionProblem: (lang: Lang, reason: QuestionProblem, forwarded = false): string => escapeHtml(questionProblemText(lang, reason, forwarded)),

  rateLimited: (lang: Lang, waitMs: number): string => {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return lang === "en"
      ? `Too many requests at once; please wait ${seconds} s and try again.`
      : `Забагато запитів поспіль; зачекайте ${seconds} с і спробуйте ще раз.`;
  },

  apology: (lang: Lang): string =>
    lang === "en" ? "Sorry, something went wrong. Please try again later." : "Вибачте, щось пішло не так. Спробуйте ще раз пізніше.",

  passageHeader: (lang: Lang, n: string, title: string, date: string | null): string =>
    `<b>${escapeHtml(n)} · ${escapeHtml(shortTitle(title, LINE_TITLE_CHARS))}</b>${date ? `, ${escapeHtml(formatDay(date, lang))}` : ""}`,

  /** Inline mode with an empty query: what to type (plain text, the button above the results). */
  inlineHint: (lang: Lang): string => (lang === "en" ? "Type a question about the articles" : "Напишіть питання про статті"),

  /**
   * The question at the top of an inline answer sent into a chat (its members never saw the
   * query), as typed: a bidi override in it would show the words after it reversed.
   */
  inlineQuestion: (question: string): string => `❓ <b>${escapeHtml(clip(withoutBidiControls(question), 200))}</b>`,

  /** Inline mode, the lookup failed (not the question): the button above the results, at most 64 characters. */
  inlineFailed: (lang: Lang): string => (lang === "en" ? "Something went wrong; please try again" : "Щось пішло не так; спробуйте ще раз"),

  /** Inline mode, the answer is not ready before Telegram stops waiting (a slow LLM): the button above the results, at most 64 characters. */
  inlineSlow: (lang: Lang): string => (lang === "en" ? "This takes too long here: ask me in our private chat" : "Тут це задовго: запитайте мене в особистому чаті"),

  /** Inline mode, nothing found: the button above the results (plain text), never a message to send. */
  inlineNotFound: (lang: Lang): string => ANSWER_TEXTS[lang].notFound,

  /**
   * The notice on a 👍/👎 tap (plain text: callback notices are not HTML). Only group questions
   * are shown for review (/stats), so a 👎 promises a look only at a `listed` one; a private one,
   * or one the state has forgotten, is only counted, so nothing more is promised. A vote not kept
   * (the answer already has the most voters kept) is thanked, and nothing is said of counting it.
   */
  voteThanks: (lang: Lang, vote: 1 | -1, outcome: VoteResult["outcome"], listed: boolean): string => {
    if (lang === "en") {
      if (outcome === "same") return "Your vote is already counted.";
      if (vote === 1) return "Thanks, glad it helped.";
      if (outcome === "not-kept") return "Thanks for your feedback.";
      return listed ? "Thanks: this question will be looked at." : "Thanks, your feedback is counted.";
    }
    if (outcome === "same") return "Ваш голос уже враховано.";
    if (vote === 1) return "Дякую, радий, що допомогло.";
    if (outcome === "not-kept") return "Дякую за відгук.";
    return listed ? "Дякую: це питання переглянуть." : "Дякую, ваш відгук враховано.";
  },

  /** A source button tapped again in a group where its passage was just posted (a toast on the button). */
  passageAlreadyShown: (lang: Lang): string => (lang === "en" ? "The passage is already above ↑" : "Уривок уже вище ↑"),

  passageGone: (lang: Lang): string =>
    lang === "en"
      ? "This passage has changed or is no longer in the articles (they were re-indexed). Ask again."
      : "Цей уривок змінився або його вже немає в статтях (їх переіндексовано). Запитайте ще раз.",

  adminOnly: (lang: Lang): string =>
    lang === "en" ? "Sorry, only the bot's administrators can do this." : "Вибачте, це можуть лише адміністратори бота.",

  /** An admin's upload captioned with a command (`name`, word characters only: sent as plain text). */
  captionNotCommand: (lang: Lang, name: string): string =>
    lang === "en"
      ? `Captions are not read as commands: send /${name} as a message of its own.`
      : `Підписи до файлів не читаються як команди: надішліть /${name} окремим повідомленням.`,

  /** A message edited into a command (`name`, word characters only: sent as plain text); see edited-command.ts. */
  editNotCommand: (lang: Lang, name: string): string =>
    lang === "en"
      ? `Edits are not read as commands: send /${name} again as a new message.`
      : `Редагування не читаються як команди: надішліть /${name} ще раз новим повідомленням.`,

  /** An admin's upload whose message was edited (its file replaced, or its caption): see admin.ts. */
  editNotUpload: (lang: Lang): string =>
    lang === "en"
      ? "Edits are not read as uploads: to add or replace an article, send the file again as a new message."
      : "Редагування не читаються як завантаження: щоб додати чи замінити статтю, надішліть файл ще раз новим повідомленням.",

  privateOnly: (lang: Lang): string =>
    lang === "en" ? "Please send this command to me in a private chat." : "Надішліть, будь ласка, цю команду мені в особистому чаті.",

  /** Its result goes to the chat that started it only: nothing is promised elsewhere. `here`: started in this chat. */
  reindexBusy: (lang: Lang, here: boolean): string => {
    if (lang === "en") {
      return here
        ? "A re-index is already running; its result will appear in its status message above."
        : "A re-index is already running (started in another chat); its result is posted there. Send /reindex again after it finishes if needed.";
    }
    return here
      ? "Переіндексація вже триває; її результат з’явиться в повідомленні про неї вище."
      : "Переіндексація вже триває (її запустили в іншому чаті); результат буде там. Якщо потрібно, надішліть /reindex ще раз, коли вона завершиться.";
  },

  /** Another instance (or `npm run ingest`) is building the shared index: nothing will be reported here. */
  reindexBusyElsewhere: (lang: Lang): string =>
    lang === "en"
      ? "Another bot instance (or an ingest) is re-indexing right now; its new index is served here too once it is ready. Try /reindex again after it finishes."
      : "Зараз індекс перебудовує інший екземпляр бота (або ingest); щойно новий індекс буде готовий, він працюватиме й тут. Спробуйте /reindex знову після завершення.",

  reindexStarted: (lang: Lang): string => (lang === "en" ? "Re-indexing…" : "Переіндексація…"),

  reindexProgress(lang: Lang, p: IngestProgress): string {
    const phase = progressPhase[lang][p.phase];
    // A step without a count of its own (writing the index is one step) shows no "0/1".
    const count = p.total > 1 ? ` ${p.done}/${p.total} ${Math.floor((100 * p.done) / p.total)}%` : "…";
    return `${lang === "en" ? "Re-indexing" : "Переіндексація"}: ${phase}${count}`;
  },

  /**
   * `reason`: the message of one of our errors, which is in English (two dozen of them, with
   * paths, names and counts filled in, also from the CLI and the child build): the Ukrainian text
   * says so rather than pass it off as its own. null: an error of anyone else's, only in the log.
   */
  reindexFailed: (lang: Lang, reason: string | null): string => {
    const shown = escapeHtml(clip(reason ?? (lang === "en" ? "an unexpected error; details are in the server log" : "неочікувана помилка; подробиці в журналі сервера"), 600));
    return lang === "en"
      ? `<b>The re-index failed</b>; the previous index keeps serving.\nReason: ${shown}`
      : `<b>Переіндексація не вдалася</b>; працює попередній індекс.\n${reason === null ? "Причина" : "Причина (англійською)"}: ${shown}`;
  },

  /**
   * `uploaded`: the files this build was started for (an admin's uploads): warnings about them
   * (a title another article has too) come first, so the upload's reply shows them.
   */
  reindexSummary(lang: Lang, s: IngestSummary, uploaded: readonly string[] = []): string {
    const en = lang === "en";
    const seconds = (s.ms / 1000).toFixed(1);
    const lines = [
      // Ukrainian writes a decimal comma ("1,2 с"), as fileSize does.
      `<b>${en ? "Re-index done" : "Переіндексацію завершено"}</b> (${en ? `${seconds} s` : `${seconds.replace(".", ",")} с`})`,
      `${en ? "Articles" : "Статей"}: ${s.articles}, ${en ? "chunks" : "фрагментів"}: ${s.chunks}`,
      `${en ? "Added" : "Додано"}: ${s.added}, ${en ? "changed" : "змінено"}: ${s.changed}, ${en ? "removed" : "видалено"}: ${s.removed}, ${en ? "unchanged" : "без змін"}: ${s.unchanged}`,
      `${en ? "Skipped" : "Пропущено"}: ${s.skipped.length}`,
    ];
    // Paths have no length limit: each is cut in its middle (its end names the file), and a line
    // that would not fit is left to "… and N more", so the summary stays one message (else it
    // could not be shown at all, and the status stayed at "Re-indexing…").
    let length = lines.join("\n").length;
    const list = <T,>(items: readonly T[], most: number, line: (item: T) => string): void => {
      let shown = 0;
      for (const item of items.slice(0, most)) {
        const text = line(item);
        if (length + text.length + 1 > SUMMARY_LIST_CHARS) break;
        lines.push(text);
        length += text.length + 1;
        shown++;
      }
      if (items.length > shown) {
        const more = en ? `… and ${items.length - shown} more` : `… і ще ${items.length - shown}`;
        lines.push(more);
        length += more.length + 1;
      }
    };
    const file = (name: string): string => escapeHtml(clipMiddle(name, SUMMARY_PATH_CHARS));
    list(s.skipped, 10, (skip) => `• ${file(skip.file)}: ${escapeHtml(skipReasonText(lang, skip))}`);
    // Indexed, but missing from /latest and date questions until fixed: only when there are any,
    // and fewer of them than of skipped files (a warning's line is longer; one message holds both).
    if (s.warnings.length > 0) {
      const heading = `${en ? "Warnings" : "Попередження"}: ${s.warnings.length}`;
      lines.push(heading);
      length += heading.length + 1;
    }
    type Warning = IngestSummary["warnings"][number];
    const about = (w: Warning): boolean => uploaded.includes(w.file) || (w.others ?? []).some((f) => uploaded.includes(f));
    // A title the upload shares is said of the upload ("• new.md: the title … is also the title of old.md").
    const ofUpload = (w: Warning): Warning => {
      const mine = w.others?.find((f) => uploaded.includes(f));
      return mine === undefined || uploaded.includes(w.file) ? w : { ...w, file: mine, others: [w.file, ...(w.others ?? []).filter((f) => f !== mine)] };
    };
    const warnings = [...s.warnings.filter(about).map(ofUpload), ...s.warnings.filter((w) => !about(w))];
    const path = (name: string): string => clipMiddle(name, SUMMARY_PATH_CHARS);
    list(warnings, 5, (warning) => `• ${file(warning.file)}: ${escapeHtml(warningText(lang, warning, path))}`);
    return lines.join("\n");
  },

  stats(lang: Lang, v: StatsView): string {
    const en = lang === "en";
    const age = v.indexAgeMs === null ? "?" : duration(v.indexAgeMs, lang);
    const lines = [
      `<b>${en ? "Index" : "Індекс"}</b>`,
      `${en ? "Articles" : "Статей"}: ${v.info.articles}, ${en ? "chunks" : "фрагментів"}: ${v.info.chunks}`,
      `${en ? "Version" : "Версія"}: <code>${escapeHtml(v.info.version)}</code>, ${en ? "built" : "зібрано"} ${escapeHtml(formatMoment(v.info.builtAt, lang))} (${age} ${en ? "ago" : "тому"})`,
      `${en ? "Embedder" : "Ембедер"}: <code>${escapeHtml(v.info.embedder)}</code>`,
      "",
      `<b>${en ? "Usage" : "Використання"}</b> (${en ? "over" : "за"} ${duration(v.uptimeMs, lang)})`,
      // `questions` counts the not-found ones too: they are a part of it, not answered besides it.
      `${en ? "Questions asked" : "Поставлено питань"}: ${v.questions}`,
      `${en ? "Not found" : "Без відповіді"}: ${v.notFound}`,
    ];
    if (v.recentNotFound.length > 0) {
      lines.push(
        en ? "Recent unanswered questions in groups (content gaps):" : "Останні питання без відповіді в групах (прогалини):",
        v.recentNotFound.map((q) => `• ${shownQuestion(q)}`).join("\n"),
      );
    }
    const f = v.feedback;
    if (f) {
      const votes = f.up + f.down;
      const rate = votes > 0 ? `${Math.round((100 * f.up) / votes)}%` : "—";
      lines.push("", `<b>${en ? "Feedback" : "Відгуки"}</b>`, `${en ? "Helpful" : "Корисні"}: ${rate} (👍 ${f.up}, 👎 ${f.down})`);
      if (f.worst.length > 0) {
        lines.push(
          en ? "Worst-rated questions in groups (private ones are only counted):" : "Найгірше оцінені питання в групах (особисті лише враховано):",
          f.worst.map((w) => `• ${shownQuestion(w.question)} (👍 ${w.up}, 👎 ${w.down})`).join("\n"),
        );
      }
    }
    return lines.join("\n");
  },

  uploadBadType: (lang: Lang): string =>
    lang === "en" ? "I only accept .txt and .md files as articles." : "Як статті я приймаю лише файли .txt і .md.",

  uploadNoName: (lang: Lang): string =>
    lang === "en"
      ? "The file has no name, only the extension (such as “.md”): rename it and send it again."
      : "Файл не має назви, лише розширення (як-от «.md»): перейменуйте його й надішліть ще раз.",

  uploadTooLarge: (lang: Lang, maxBytes: number): string =>
    lang === "en" ? `The file is too large (limit ${fileSize(maxBytes, lang)}).` : `Файл завеликий (обмеження ${fileSize(maxBytes, lang)}).`,

  /** Telegram's own limit on the files bots download (getFile: 20 MB), below a MAX_ARTICLE_BYTES set higher. */
  uploadTooLargeForTelegram: (lang: Lang): string =>
    lang === "en"
      ? "The file is too large for Telegram to pass to bots (they can download files of up to 20 MB). Split it, or put it in the articles folder on the server."
      : "Файл завеликий, щоб Telegram передав його боту (боти можуть завантажувати файли до 20 МБ). Розділіть його або покладіть у теку статей на сервері.",

  uploadNotUtf8: (lang: Lang): string =>
    lang === "en" ? "The file is not UTF-8 text; save it as UTF-8 and send it again." : "Файл не є текстом UTF-8; збережіть його в UTF-8 і надішліть ще раз.",

  uploadEmpty: (lang: Lang): string => (lang === "en" ? "The file is empty." : "Файл порожній."),

  uploadNoText: (lang: Lang): string =>
    lang === "en"
      ? "The file has a header but no article text after it."
      : "У файлі є лише заголовок (front matter), а тексту статті немає.",

  uploadDownloadFailed: (lang: Lang): string =>
    lang === "en" ? "I could not download the file from Telegram; please try again." : "Не вдалося завантажити файл із Telegram; спробуйте ще раз.",

  /** The disk refused to save an upload (seeds-write-refusal.ts): nothing was written. */
  uploadNotSaved: (lang: Lang, refusal: SeedsWriteRefusal): string => {
    const { code } = refusal; // one of a few errno names: nothing to escape
    if (lang === "en") {
      return refusal.kind === "full"
        ? `I could not save the file: the disk of the articles folder is full (${code}). Nothing changed; free some space and send the file again.`
        : `I could not save the file: the bot may not write to the articles folder (${code}). Nothing changed; let the bot's user write there (with Docker: sudo chown -R 1000 seeds) and send the file again.`;
    }
    return refusal.kind === "full"
      ? `Не вдалося зберегти файл: диск теки статей заповнений (${code}). Нічого не змінено; звільніть місце й надішліть файл ще раз.`
      : `Не вдалося зберегти файл: боту заборонено писати в теку статей (${code}). Нічого не змінено; дайте користувачу бота право запису туди (у Docker: sudo chown -R 1000 seeds) і надішліть файл ще раз.`;
  },

  uploadSaved: (lang: Lang, fileName: string, replaced: boolean): string => {
    const name = `<code>${escapeHtml(fileName)}</code>`;
    if (lang === "en") return replaced ? `Saved as ${name}, replacing the file of that name. Re-indexing…` : `Saved as ${name}. Re-indexing…`;
    return replaced ? `Збережено як ${name} (файл з такою назвою замінено). Переіндексація…` : `Збережено як ${name}. Переіндексація…`;
  },

  /** An upload that arrived during a build of this bot: the build after it indexes it (see ReindexJobs). */
  uploadQueued: (lang: Lang, fileName: string, replaced: boolean): string => {
    const name = `<code>${escapeHtml(fileName)}</code>`;
    if (lang === "en") return `Saved as ${name}${replaced ? ", replacing the file of that name" : ""}. A re-index is running; I will index it right after it.`;
    return `Збережено як ${name}${replaced ? " (файл з такою назвою замінено)" : ""}. Зараз триває переіндексація; проіндексую його одразу після неї.`;
  },

  /** The status message of the build that indexes the files uploaded or removed during the previous one. */
  reindexQueuedStarted: (lang: Lang, changes: readonly FileChange[]): string => {
    if (changes.some((c) => c.removed)) {
      return lang === "en" ? `Re-indexing after the file changes: ${changeParts(lang, changes)}…` : `Переіндексація після змін у файлах: ${changeParts(lang, changes)}…`;
    }
    const names = fileNames(lang, changes.map((c) => c.fileName));
    return lang === "en" ? `Re-indexing the newly uploaded files: ${names}…` : `Переіндексація з новими файлами: ${names}…`;
  },

  /** Another instance's build may have read the articles before the files changed: only the next one surely has the change. */
  changesSavedButBusy: (lang: Lang, changes: readonly FileChange[]): string => {
    const done = capitalized(changeParts(lang, changes));
    if (changes.some((c) => c.removed)) {
      return lang === "en"
        ? `${done}. A re-index is already running and may miss this; send /reindex after it finishes to update the index.`
        : `${done}. Переіндексація вже триває і може цього не врахувати; надішліть /reindex, коли вона завершиться, щоб оновити індекс.`;
    }
    return lang === "en"
      ? `${done}. A re-index is already running and may miss it; send /reindex after it finishes to index it.`
      : `${done}. Переіндексація вже триває і може його не врахувати; надішліть /reindex, коли вона завершиться, щоб його проіндексувати.`;
  },

  /** A file change indexed now: the build's status message (an upload's reply, a removal's edited confirmation). */
  changeStarted: (lang: Lang, change: FileChange): string => {
    if (!change.removed) return messages.uploadSaved(lang, change.fileName, change.replaced ?? false);
    const name = `<code>${escapeHtml(change.fileName)}</code>`;
    return lang === "en" ? `Removed ${name}. Re-indexing…` : `Видалено ${name}. Переіндексація…`;
  },

  /** A file change during a build of this bot: the build after it indexes it (see ReindexJobs). */
  changeQueued: (lang: Lang, change: FileChange): string => {
    if (!change.removed) return messages.uploadQueued(lang, change.fileName, change.replaced ?? false);
    const name = `<code>${escapeHtml(change.fileName)}</code>`;
    return lang === "en"
      ? `Removed ${name}. A re-index is running; I will update the index right after it.`
      : `Видалено ${name}. Зараз триває переіндексація; оновлю індекс одразу після неї.`;
  },

  /**
   * /remove without a file that can be removed by that name (`wanted`, possibly empty): how to
   * use it, and the files whose names contain `wanted` (else the most recently changed ones).
   * `listed`: the files the text names, in its order (not all of `files` fit), for its buttons.
   */
  removeHelp(lang: Lang, wanted: string, files: readonly ArticleFile[], matching: boolean): { text: string; listed: ArticleFile[] } {
    const en = lang === "en";
    const name = `<code>${escapeHtml(clip(wanted, 100))}</code>`;
    const lines = [
      ...(wanted ? [en ? `There is no article file ${name} that I can remove.` : `Немає файлу статті ${name}, який я можу видалити.`] : []),
      en
        ? "To remove an article, send <code>/remove file</code> with its file name in the articles folder (with its subfolder, e.g. <code>news/forum.md</code>). I ask before removing it."
        : "Щоб видалити статтю, надішліть <code>/remove файл</code> з назвою її файлу в теці статей (разом із підтекою, як-от <code>news/forum.md</code>). Я перепитаю перед видаленням.",
      "",
    ];
    if (files.length === 0) {
      lines.push(en ? "The articles folder has no files I can remove." : "У теці статей немає файлів, які я можу видалити.");
      return { text: lines.join("\n"), listed: [] };
    }
    lines.push(matching ? (en ? `Files with ${name} in the name:` : `Файли, у назві яких є ${name}:`) : en ? "The most recently changed article files:" : "Файли статей, змінені найпізніше:");
    let length = lines.join("\n").length;
    const listed: ArticleFile[] = [];
    for (const file of files.slice(0, REMOVE_LIST_FILES)) {
      const line = `• <code>${escapeHtml(file.fileName)}</code>${file.title ? ` — ${escapeHtml(shortTitle(file.title, REMOVE_LIST_TITLE_CHARS))}` : ""}`;
      if (length + line.length > REMOVE_LIST_CHARS) continue; // a shorter name after it may fit
      lines.push(line);
      listed.push(file);
      length += line.length + 1;
    }
    return { text: lines.join("\n"), listed };
  },

  /** The question before a removal, under [Remove] [Cancel]. */
  removeConfirm(lang: Lang, file: ArticleFile): string {
    const en = lang === "en";
    const article = file.title
      ? `<b>${escapeHtml(shortTitle(file.title, LINE_TITLE_CHARS))}</b>${file.date ? `, ${escapeHtml(formatDay(file.date, lang))}` : ""}`
      : `<i>${en ? "(not in the index)" : "(не в індексі)"}</i>`;
    const name = `<code>${escapeHtml(file.fileName)}</code>`;
    return en
      ? `Remove this article?\n${article}\nFile: ${name}\nThe file is deleted from the articles folder, and the re-index after it takes the article out of the answers.`
      : `Видалити цю статтю?\n${article}\nФайл: ${name}\nФайл буде видалено з теки статей, а переіндексація після цього прибере статтю з відповідей.`;
  },

  removeButton: (lang: Lang): string => (lang === "en" ? "Remove" : "Видалити"),

  cancelButton: (lang: Lang): string => (lang === "en" ? "Cancel" : "Скасувати"),

  removeCancelled: (lang: Lang, fileName: string): string => {
    const name = `<code>${escapeHtml(fileName)}</code>`;
    return lang === "en" ? `Cancelled: ${name} stays, nothing changed.` : `Скасовано: ${name} лишається, нічого не змінено.`;
  },

  /** A tap on a confirmation whose file is gone (removed already, or on the server): a notice on the button. */
  removeGone: (lang: Lang): string => (lang === "en" ? "That file is no longer there; nothing changed." : "Цього файлу вже немає; нічого не змінено."),
  removeChanged: (lang: Lang): string =>
    lang === "en"
      ? "That file has changed since I asked; nothing was removed. Send /remove again to see what it holds now."
      : "Файл змінився відтоді, як я питав; нічого не видалено. Надішліть /remove ще раз, щоб побачити, що в ньому тепер.",
  /** On the [Remove] button (at most 200 characters): the disk refused to delete the file. */
  removeNotDone: (lang: Lang, code: string): string =>
    lang === "en"
      ? `Not removed: the bot may not write to the articles folder (${code}). Let it write there, then tap again.`
      : `Файл не видалено: боту заборонено писати в теку статей (${code}). Дайте йому право запису й натисніть ще раз.`,
  removeLast: (lang: Lang): string =>
    lang === "en"
      ? "That is the last article: the bot needs at least one to answer from. Send the new article first, then remove this one."
      : "Це остання стаття, а боту потрібна хоч одна, щоб відповідати. Спершу надішліть нову статтю, тоді видаліть цю.",
};
