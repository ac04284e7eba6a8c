// Why a seed file was not indexed, or what is wrong in one indexed all the same, in the reader's
// language (the bot's re-index summary). The loader's `reason` is the English text (logs and
// `npm run ingest` print it as it is); other languages say it from the file's `code`.
import { type ArticleWarning, MAX_URL, type SkipCode, type SkippedFile, type WarningCode } from "../articles/article.js";
import type { Lang } from "./lang.js";
import { fileSize } from "./file-size.js";
import { duplicateTitleReason, duplicateTitleReasonUk } from "../articles/duplicate-titles.js";
import { oddDateReasonUk } from "../articles/odd-dates.js";


const UK_SKIP_TEXTS: Record<SkipCode, (skip: SkippedFile) => string> = {
  outside: () => "символьне посилання за межі теки статей (не прочитано)",
  hidden: () => "символьне посилання на прихований файл чи теку в теці статей (не прочитано)",
  "dangling-link": () => "символьне посилання в нікуди: його цілі не існує",
  "link-loop": () => "петля символьних посилань: вони ведуть одне до одного, а не до файлу",
  "not-regular": () => "не звичайний файл (канал, сокет чи пристрій; не прочитано)",
  "not-article": () => "не файл .txt чи .md",
  "too-large": ({ size, limit }) =>
    size !== undefined && limit !== undefined ? `завеликий: ${fileSize(size, "uk")}, обмеження — ${fileSize(limit, "uk")} (MAX_ARTICLE_BYTES)` : "завеликий (MAX_ARTICLE_BYTES)",
  unreadable: ({ error }) => `не вдалося прочитати${error ? `: ${error}` : ""}`,
  empty: () => "порожній файл",
  binary: () => "двійковий файл (містить байти NUL)",
  "not-utf8": () => "не текст UTF-8; збережіть його в UTF-8",
  "no-text": () => "немає тексту (файл порожній або лише із заголовком)",
};

/** Why `skip` was not indexed, in `lang`; the English reason when the index recorded no code (built before codes). */
export function skipReasonText(lang: Lang, skip: SkippedFile): string {
  if (lang === "en" || skip.code === undefined) return skip.reason;
  return UK_SKIP_TEXTS[skip.code](skip);
}

const UK_WARNING_TEXTS: Record<WarningCode, (warning: ArticleWarning) => string> = {
  "bad-date": ({ date }) =>
    `${date ? `дата «${date}» — не справжня дата РРРР-ММ-ДД` : "дата порожня (напишіть її як РРРР-ММ-ДД)"}; статтю проіндексовано без дати, тож її немає в /latest і у відповідях про дати`,
  "bad-url": ({ url }) => `посилання «${url ?? ""}» — не адреса http:// чи https:// до ${MAX_URL} символів; статтю проіндексовано без посилання`,
  "unread-header": ({ line }) =>
    `${line === undefined ? "заголовок не прочитано: немає закривального рядка «---»" : `заголовок між рядками «---» не прочитано: його рядок «${line}» — не «ключ: значення»`}; статтю проіндексовано як звичайний текст, без дати й посилання`,
  "duplicate-title": ({ title, others }) => duplicateTitleReasonUk(title ?? "", others ?? []),
  "odd-date": ({ date }) => oddDateReasonUk(date ?? ""),
};

/**
 * What is wrong in an indexed file, in `lang`; the English reason when the code is unknown.
 * `path`: how a file name the text quotes is shown (the bot cuts long ones in their middle).
 */
export function warningText(lang: Lang, warning: ArticleWarning, path?: (file: string) => string): string {
  if (warning.code === "duplicate-title" && warning.others) {
    return (lang === "en" ? duplicateTitleReason : duplicateTitleReasonUk)(warning.title ?? "", warning.others, path);
  }
  if (lang === "en" || warning.code === undefined) return warning.reason;
  return UK_WARNING_TEXTS[warning.code](warning);
}
