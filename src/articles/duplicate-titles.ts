// Articles that share a title: indexed as they are, but answers, /latest and source buttons show
// the same title for each, so people cannot tell them apart. A warning names the files.
import { headOf } from "../bot/clip.js";
import type { ArticleWarning } from "./article.js";

/** Files a duplicate-title warning's English reason names at most (the rest are counted). */
const NAMED_FILES = 3;
/** Longest title quoted in the warning (cut between whole characters: half an emoji is no text to Telegram). */
const MAX_QUOTED = 60;

/** The title as people see it compared: its spaces collapsed, NFC (a macOS-typed "й" is the same letter). */
const titleKey = (title: string): string => title.normalize("NFC").replace(/\s+/g, " ").trim();

/**
 * One warning per title shared by more than one article: on the first of its files (by name),
 * naming the others. Nothing is refused or renamed.
 */
export function duplicateTitleWarnings(articles: readonly { id: string; title: string }[]): ArticleWarning[] {
  const byTitle = new Map<string, string[]>();
  for (const a of articles) {
    const key = titleKey(a.title);
    if (!key) continue;
    const ids = byTitle.get(key);
    if (ids) ids.push(a.id);
    else byTitle.set(key, [a.id]);
  }
  const warnings: ArticleWarning[] = [];
  for (const [title, ids] of byTitle) {
    if (ids.length < 2) continue;
    const [file, ...others] = [...ids].sort();
    const quoted = title.length > MAX_QUOTED ? `${headOf(title, MAX_QUOTED).trimEnd()}…` : title;
    warnings.push({ file: file!, reason: duplicateTitleReason(quoted, others), code: "duplicate-title", title: quoted, others });
  }
  return warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The English line (logs, `npm run ingest`, the bot's English summary). */
export function duplicateTitleReason(title: string, others: readonly string[], path: (file: string) => string = (f) => f): string {
  const named = others.slice(0, NAMED_FILES).map(path);
  const more = others.length - named.length;
  const files = more > 0 ? `${named.join(", ")} and ${more} more` : named.length > 1 ? `${named.slice(0, -1).join(", ")} and ${named.at(-1)}` : named[0];
  return `the title "${title}" is also the title of ${files}; answers, /latest and source buttons show them alike, so give each its own title`;
}

/** The Ukrainian line of the bot's summary. */
export function duplicateTitleReasonUk(title: string, others: readonly string[], path: (file: string) => string = (f) => f): string {
  const named = others.slice(0, NAMED_FILES).map(path);
  const more = others.length - named.length;
  const files = more > 0 ? `${named.join(", ")} і ще ${more}` : named.length > 1 ? `${named.slice(0, -1).join(", ")} і ${named.at(-1)}` : named[0];
  return `заголовок «${title}» має й ${files}; у відповідях, /latest і на кнопках джерел вони виглядають однаково, тож дайте кожній статті свій заголовок`;
}
