// What the service does with time in a question: which period to search, listing a period's
// articles, preferring the newest, finding the article nearest in time, and dating relative
// words ("вчора") inside quotes. Pure functions over the loaded index; the clock is the caller's.
import type { Citation } from "../answers/answer.js";
import type { Reading } from "../reader/reader.js";
import { splitSentences } from "../answers/sentences.js";
import type { Chunk } from "../chunks/chunk.js";
import { capPerArticle } from "../retrieval/cap-per-article.js";
import type { RankedPassage } from "../retrieval/passage.js";
import type { Manifest } from "../store/manifest.js";
import { words } from "../terms/tokenize.js";
import { daysBetween, isoDay } from "../time/calendar.js";
import { type DayLang, formatDay } from "../time/format-day.js";
import { hasTime, isDayPart, isTopicless, type NoSuchDay, parseTimeSpan, type TimeSpan, topicOf, withoutLeadIns, withoutPieces } from "../time/time-span.js";

export type { NoSuchDay } from "../time/time-span.js";

/** An article as the surfaces list it (for listings, "nearest in time", /latest). */
export interface DatedArticle {
  articleId: string;
  title: string;
  date: string | null;
  url: string | null;
}

/** What retrieval does with a question's time: null when the question is not about time. */
export interface TimeQuestion {
  span: TimeSpan;
  /** The period to search (inclusive ISO days), or null for "latest" without a period or for the future asked with a topic. */
  range: { from: string; to: string } | null;
  recency: boolean;
  /** Only time was asked: list the period's articles. */
  topicless: boolean;
  /** The question without its time words (and without "what happened" words). */
  rest: string;
  /** The question names a day that does not exist ("31 лютого"): the answer says so. */
  noSuchDay?: NoSuchDay;
  /** A follow-up of time alone ("А минулого тижня?"): the earlier question's topic is `rest`. */
  earlierTopic?: true;
}

/** Dated articles, newest first. */
export function datedArticles(manifest: Pick<Manifest, "articles">): DatedArticle[] {
  return manifest.articles
    .filter((a) => a.date !== null)
    .map((a) => ({ articleId: a.id, title: a.title, date: a.date, url: a.url }))
    .sort((a, b) => (b.date ?? "").localeCompare(a.date ?? "") || a.articleId.localeCompare(b.articleId));
}

// A written-out date further than this from every article's date is a fact asked about.
const FACT_DATE_DAYS = 366;

/**
 * Reads the question's time against `now`. A day that does not exist ("31 лютого") is said so
 * rather than widened to its month. A corpus without dates has no use for the rest; a date
 * written out far outside the corpus's dates ("in 1979" over news of 2026) is a fact asked
 * about, not when an article appeared, so the question is then answered as any other. A date
 * just past the articles ("8 лютого" when the newest is of 4 February) is still a period asked
 * about: the answer says it holds nothing rather than quote another day's news.
 *
 * A period wholly after today asked with a topic ("Скільки коштуватиме проїзд з 1 березня?", "Що
 * буде з метро наступного тижня?") filters nothing: no article is published then, and one published
 * earlier about what is coming is the answer. Still a question about time (the newest report on
 * the topic first: the latest plan for what is coming), without its words relative to today
 * ("завтра", "через місяць", which an earlier article says otherwise, if at all), but with a date
 * written out, which the article may hold ("Нові ціни діють з 1 березня"). Asked alone ("Що буде
 * завтра?"), the future keeps its period: nothing is dated then, said so with the nearest article.
 */
export function readTimeQuestion(question: string, now: Date, articles: readonly DatedArticle[], earlier: readonly string[] = []): TimeQuestion | null {
  const own = parseTimeSpan(question, now, { skipQuoted: true });
  // A follow-up of time alone ("А минулого тижня?", "And last week?" replying to "Що писали про
  // метро вчора?") asks the earlier question again for its own period: listing the whole period
  // dropped the topic. The earlier question's time words go (the new period replaces theirs).
  const before = own.topicless && elliptical(question, own) ? earlierTopic(earlier, now) : null;
  const span = before ? { ...parseTimeSpan(question, now, { skipQuoted: true, earlier: before.question }), rest: before.rest, topicless: false } : own;
  const carried = before ? { earlierTopic: true as const } : {};
  // Whatever the articles: no article is dated on a day that does not exist.
  if (span.noSuchDay) return { span, range: null, recency: false, topicless: false, rest: span.rest, noSuchDay: span.noSuchDay };
  if (!hasTime(span) || articles.length === 0) return null;
  const newest = articles[0]?.date?.slice(0, 10);
  const oldest = articles[articles.length - 1]?.date?.slice(0, 10);
  const range = span.from !== null && span.to !== null ? { from: span.from, to: span.to } : null;
  if (range && span.absolute && !span.topicless && newest && oldest && distance(oldest, range) > FACT_DATE_DAYS && distance(newest, range) > FACT_DATE_DAYS) return null;
  if (range && !span.topicless && range.from > isoDay(now)) {
    const left = withoutPieces(question, span.matches.filter((m) => m.relative));
    const text = before ? `${before.rest} ${left}` : left;
    return { span, range: null, recency: span.recency, topicless: false, rest: topicOf(text) || text, ...carried };
  }
  return { span, range, recency: span.recency, topicless: span.topicless, rest: topicOf(span.rest) || span.rest, ...carried };
}

// What a follow-up of time alone may hold besides its time words ("А вчора?", "And what about last
// week?", and the lead-ins "А як щодо…?", "А как насчёт…?", "How about…?": see withoutLeadIns). A
// whole question of time ("Що було вчора?", "What happened last week?") asks for the period
// itself, even as a reply to an answer: it lists the period.
const ELLIPSIS = new Set(["а", "і", "й", "та", "ну", "ще", "що", "тоді", "щодо", "и", "что", "еще", "ещё", "тогда", "and", "but", "what", "how", "about", "then", "so"]);
// A reply opening with a conjunction ties itself to the earlier question even when it asks "what
// happened" in full: "А вчора що було?", "А что было вчера?", "And what happened yesterday?" are
// "А вчора?" said at length, and so is "what will happen" ("А завтра що буде?", "А что будет
// завтра?", "And what will happen tomorrow?" are "А завтра?"). Only these words of a question's
// frame, no topic; without the conjunction ("Що було вчора?") the question stands alone.
const CONJUNCTIONS = new Set(["а", "і", "й", "та", "и", "and", "but"]);
const FRAME = new Set([
  ..."було писали написали сталося відбулося трапилося было произошло случилось happened was were written new".split(" "),
  ..."буде будуть станеться відбудеться трапиться будет будут случится произойдёт произойдет will happen".split(" "),
]);

/** Whether `question` is only its time words and the lead-ins of an elliptical follow-up. */
function elliptical(question: string, span: TimeSpan): boolean {
  // "Ну а вчора що було?": a "well" before the conjunction changes nothing.
  const framed = CONJUNCTIONS.has(words(withoutLeadIns(question))[0] ?? "");
  // "А вчора ввечері?": a part of a day narrows no period down (articles carry days), nor names a topic.
  return words(withoutLeadIns(withoutPieces(question, span.matches))).every((word) => ELLIPSIS.has(word) || isDayPart(word) || (framed && FRAME.has(word)));
}

/** The newest earlier question with a topic, and that topic without its time words; null when none has one. */
function earlierTopic(earlier: readonly string[], now: Date): { question: string; rest: string } | null {
  for (const question of [...earlier].reverse()) {
    const { rest } = parseTimeSpan(question, now, { skipQuoted: true });
    if (!isTopicless(rest)) return { question, rest };
  }
  return null;
}

/** The articles dated within the range (all dated ones without a range), newest first. */
export function articlesIn(articles: readonly DatedArticle[], range: { from: string; to: string } | null): DatedArticle[] {
  if (!range) return [...articles];
  return articles.filter((a) => {
    const d = a.date?.slice(0, 10) ?? "";
    return d >= range.from && d <= range.to;
  });
}

/** Days from an article's date to the range (0 inside it). */
function distance(date: string, range: { from: string; to: string }): number {
  const d = date.slice(0, 10);
  if (d < range.from) return daysBetween(d, range.from);
  if (d > range.to) return daysBetween(range.to, d);
  return 0;
}

/** The article nearest in time to the range (the newer one on a tie), or null. */
export function nearestInTime(articles: readonly DatedArticle[], range: { from: string; to: string }): DatedArticle | null {
  let best: DatedArticle | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const a of articles) {
    if (!a.date) continue;
    const d = distance(a.date, range);
    if (d < bestDistance || (d === bestDistance && best?.date && a.date > best.date)) {
      best = a;
      bestDistance = d;
    }
  }
  return best;
}

/** Share of the top score a passage needs to count as "on the topic" when the newest is preferred. */
const ON_TOPIC = 0.6;

/**
 * The newest first among the passages on the topic (those scoring near the top); the rest
 * keep their rank order after them. For "the latest on X".
 *
 * "Newest" is newest published by `today` (ISO day), as for /latest. A passage dated after
 * today (a year mistyped as 9999, an announcement for tomorrow) comes after those published,
 * in rank order: its date says nothing of how new it is. It is not left out, as /latest leaves
 * it: there it is one of many lines, here it may be the only article that holds the answer.
 */
export function preferNewest(passages: readonly RankedPassage[], today: string): RankedPassage[] {
  const top = passages[0]?.score ?? 0;
  if (top <= 0) return [...passages];
  const onTopic = passages.filter((p) => p.score >= top * ON_TOPIC);
  const others = passages.filter((p) => p.score < top * ON_TOPIC);
  const ahead = (p: RankedPassage) => (p.chunk.date?.slice(0, 10) ?? "") > today;
  const byDate = onTopic.filter((p) => !ahead(p)).sort((a, b) => (b.chunk.date ?? "").localeCompare(a.chunk.date ?? ""));
  return [...byDate, ...onTopic.filter(ahead), ...others];
}

/**
 * The `k` passages "the latest on X" reads, from `passages` searched deeper than k: the newest on
 * the topic first (preferNewest), at most `perArticle` of one article, then, with too few articles
 * for k, more of theirs. Taken from the k best by score, a story's newest report was read only when
 * it scored among them, and an older one was quoted as the latest.
 */
export function newestPassages(passages: readonly RankedPassage[], today: string, k: number, perArticle: number): RankedPassage[] {
  const ordered = preferNewest(passages, today);
  const picked = capPerArticle(ordered, (p) => p.chunk.articleId, perArticle).slice(0, k);
  const taken = new Set(picked);
  return [...picked, ...ordered.filter((p) => !taken.has(p)).slice(0, k - picked.length)];
}

/**
 * Scores this close (as a share of the higher one) count as a tie that the newer article wins,
 * when the newer passage holds all of the question's words the older one holds (same story).
 */
export const TIE_MARGIN = 0.3;

/**
 * Near-equal passages on one story in date order, newest first: when articles disagree (an
 * opening moved from March to May), the latest report is read first. Only adjacent near-ties
 * that cover the question as well swap, so rank order otherwise stays as retrieval gave it.
 */
export function newestOnTies(
  passages: readonly RankedPassage[],
  coverage: (p: RankedPassage) => number,
  margin: number = TIE_MARGIN,
): RankedPassage[] {
  const out = [...passages];
  for (let pass = 0; pass < out.length; pass++) {
    let swapped = false;
    for (let i = 0; i + 1 < out.length; i++) {
      const a = out[i] as RankedPassage;
      const b = out[i + 1] as RankedPassage;
      const newer = (b.chunk.date ?? "") > (a.chunk.date ?? "");
      if (newer && a.chunk.articleId !== b.chunk.articleId && b.score >= a.score * (1 - margin) && coverage(b) >= coverage(a)) {
        out[i] = b;
        out[i + 1] = a;
        swapped = true;
      }
    }
    if (!swapped) break;
  }
  return out;
}

/** A newer report's best sentence is quoted first when it scores at least this share of the best one. */
export const NEWER_REPORT_SHARE = 0.4;

/**
 * When reports of one story disagree (an opening moved from March to May), quotes the newest:
 * the story is the articles whose passages score near the top one and hold all of the question's
 * words it holds; if the best sentence comes from an older one of them, the newest article's
 * best sentence (when it scores at least 0.4 of it: the story is already told by the passages) goes first. Answerability is untouched.
 *
 * The newest is the newest published by `today` (ISO day), as for preferNewest: one dated after
 * it (a year mistyped as 9999, an announcement for tomorrow) is never lifted, its date saying
 * nothing of how new it is, and when the reader quotes it first that quote stands.
 */
export function newestReportFirst(
  reading: Reading,
  passages: readonly RankedPassage[],
  coverage: (p: RankedPassage) => number,
  today: string,
): { reading: Reading; asOf: string | null } {
  const unchanged = { reading, asOf: null };
  const top = passages[0];
  const best = reading.sentences[0];
  if (!top || !best) return unchanged;
  const published = (p: RankedPassage) => (p.chunk.date?.slice(0, 10) ?? "") <= today;
  const story = passages.filter((p) => p.chunk.date && published(p) && p.score >= top.score * (1 - TIE_MARGIN) && coverage(p) >= coverage(top));
  const newest = story.reduce<RankedPassage | null>((n, p) => ((p.chunk.date ?? "") > (n?.chunk.date ?? "") ? p : n), null);
  const bestDate = best.passage.chunk.date ?? "";
  if (!newest || (newest.chunk.date ?? "") <= bestDate || !story.some((p) => p.chunk.articleId === best.passage.chunk.articleId)) return unchanged;
  const newer = reading.sentences.find((s) => s.passage.chunk.articleId === newest.chunk.articleId);
  if (!newer || newer.score < best.score * NEWER_REPORT_SHARE) return unchanged;
  const lifted = { ...newer, score: best.score * (1 + 1e-6) };
  return { reading: { ...reading, sentences: [lifted, ...reading.sentences.filter((s) => s !== newer)] }, asOf: newest.chunk.date?.slice(0, 10) ?? null };
}

/**
 * The articles of the passages on the topic (scoring at least half the top), newest published
 * by `today` (ISO day) first, then those dated after it, as preferNewest orders passages.
 */
export function onTopicArticles(passages: readonly RankedPassage[], dated: readonly DatedArticle[], today: string): DatedArticle[] {
  const top = passages[0]?.score ?? 0;
  const ids = new Set(passages.filter((p) => p.score >= top * 0.5).map((p) => p.chunk.articleId));
  return publishedFirst(dated.filter((a) => ids.has(a.articleId)), today);
}

/**
 * Dated articles (newest first) as a listing shows them: those published by `today` (ISO day)
 * first, then those dated after it (a year mistyped as 9999, an announcement for tomorrow), whose
 * date says nothing of how new they are: at the head of "Що нового?", one would read as the newest news.
 */
export function publishedFirst(articles: readonly DatedArticle[], today: string): DatedArticle[] {
  const ahead = (a: DatedArticle) => (a.date?.slice(0, 10) ?? "") > today;
  return [...articles.filter((a) => !ahead(a)), ...articles.filter(ahead)];
}

/**
 * A listing's citations: each article's first chunk, quoting its first sentence.
 * `chunkById` reaches the index; an article without a readable first chunk is left out.
 */
export function listingCitations(articles: readonly DatedArticle[], chunkById: (id: string) => Chunk | undefined): { citations: Citation[]; passages: RankedPassage[] } {
  const citations: Citation[] = [];
  const passages: RankedPassage[] = [];
  for (const a of articles) {
    const chunk = chunkById(`${a.articleId}#0`);
    if (!chunk) continue;
    const first = splitSentences(chunk.text)[0];
    const end = first ? chunk.start + first.end : chunk.end;
    citations.push({
      n: citations.length + 1,
      articleId: chunk.articleId,
      chunkId: chunk.id,
      title: chunk.title,
      date: chunk.date,
      url: chunk.url,
      quote: chunk.text.slice(0, end - chunk.start).trim(),
      start: chunk.start,
      end,
    });
    passages.push({ chunk, score: 1 });
  }
  return { citations, passages };
}

/**
 * What a conversation keeps of a listing: its articles in the order shown, "1. Title (date)" a
 * line. A reply asks about them ("А про що перша?"); kept as no text, an LLM was told it had
 * answered NOT_FOUND.
 */
export function listedArticles(citations: readonly Citation[]): string {
  return citations.map((c) => `${c.n}. ${c.title}${c.date ? ` (${c.date.slice(0, 10)})` : ""}`).join("\n");
}

/**
 * The newest date among the cited articles, when they carry more than one date (or `always`).
 * None when that date is after `today` (ISO day): "as of 31 December 9999" names a day not yet
 * come. Nor today or the newest published cited day in its place: the quote of the article dated
 * ahead is not of either, and its citation shows the date as written.
 */
export function asOfDate(citations: readonly Citation[], always: boolean, today: string): string | null {
  const dates = [...new Set(citations.map((c) => c.date?.slice(0, 10)).filter((d): d is string => Boolean(d)))].sort();
  if (dates.length === 0 || (!always && dates.length < 2)) return null;
  const newest = dates[dates.length - 1] ?? null;
  return newest !== null && newest <= today ? newest : null;
}

const ARTICLE_OF: Record<DayLang, string> = { uk: "стаття від", ru: "статья от", en: "article of" };

/**
 * Dates relative day words inside quoted article text by the article's own date: "вчора"
 * in an article of 4 February 2026 becomes "вчора (3 лютого 2026)", "цього тижня" gets the
 * article's date. Only the answer text changes; citation quotes stay exact article text.
 */
export function dateRelativeWords(answer: string, citations: readonly Citation[], lang: DayLang): string {
  // Each quoted piece ends with its [n] markers: the first marker names its article.
  return answer.replace(/([^[\]]+?)(\[(\d+)[^\]]*\])/g, (whole, text: string, markers: string, n: string) => {
    const date = citations.find((c) => c.n === Number(n))?.date?.slice(0, 10);
    if (!date) return whole;
    const span = parseTimeSpan(text, new Date(`${date}T12:00:00Z`), { timeZone: "UTC" });
    let out = "";
    let at = 0;
    span.matches.forEach((m, i) => {
      if (!m.relative || m.from === null || m.to === null) return;
      // "вчора, 3 лютого", "yesterday, February 3": the article names the day itself, a note
      // would say it twice. Read by the parser, so in the article's language and word order,
      // whatever the question's.
      if (m.from === m.to && namesDayNext(text, m, span.matches[i + 1])) return;
      // One day is resolved ("вчора (3 лютого 2026)"); a longer span gets the article's date.
      const note = m.from === m.to ? formatDay(m.from, lang) : `${ARTICLE_OF[lang]} ${formatDay(date, lang)}`;
      out += `${text.slice(at, m.end)} (${note})`;
      at = m.end;
    });
    return `${out}${text.slice(at)}${markers}`;
  });
}

/** Whether the match right after `day` (only a comma, a dash or a bracket between) names that same day ("вчора, 3 лютого"). */
function namesDayNext(text: string, day: TimeSpan["matches"][number], next: TimeSpan["matches"][number] | undefined): boolean {
  if (!next || next.relative || next.from !== day.from || next.to !== day.to) return false;
  return /^[\s,(–—-]*$/u.test(text.slice(day.end, next.start));
}
