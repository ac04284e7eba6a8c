// After the model's citation numbers were checked (renumberCitations), a sentence without any
// marker left is a claim nobody can check against the articles ("Real [2]. Fake [9]." leaves
// "Fake." with nothing behind it): such sentences are not shown.
import { CITATION_MARKER } from "../texts/citation-marker.js";
import { findCitationMarkers } from "./citations.js";
import { splitSentences } from "./sentences.js";

// Markers at the very start of a sentence belong to the sentence before ("Real. [1] Next."), or,
// in a reply that puts them before its claims ("[1] A. [2] B."), to the sentence after them;
// a list number ("1. [1] A.") or the end of the text never takes them.
const LEADING_MARKERS = /^(?:\s*\[[^\]\n]{1,40}\])+/;
const LETTER = /\p{L}/u;

/** A claim of a reply with the markers that go with it (offsets in the reply). */
export interface Span {
  start: number;
  end: number;
  cited: boolean;
  /** Has words: a claim. A piece without letters ("2.", "—") is a list number or punctuation. */
  claim: boolean;
  /** Where markers taken from the next line begin ("A.\n[2]"): shown after a space, on A's line. */
  joinAt?: number;
}

/**
 * The reply's sentences, each with its markers: a marker written after a sentence's end ("A. [1]",
 * "A.[1]", "A… [1][2]", "«A.» [1]") is the sentence's before it, not the next one's (see
 * LEADING_MARKERS). The one reading of which claim cites what, for what is shown and what is quoted.
 * `titles`, the passages' titles, tell the model's own list of sources from a claim (see namesSource).
 */
export function claimSpans(text: string, titles: readonly string[] = []): Span[] {
  const spans: Span[] = [];
  const sentences = splitSentences(text);
  // The reply's style is read from its first claim: does it open with a marker?
  const firstClaim = sentences.find((s) => LETTER.test(s.text.replace(/\[[^\]]*\]/g, "")));
  const markersLead = firstClaim !== undefined && LEADING_MARKERS.test(firstClaim.text);
  for (const sentence of sentences) {
    let start = sentence.start;
    const lead = LEADING_MARKERS.exec(sentence.text)?.[0];
    const previous = spans.at(-1);
    const rest = lead ? sentence.text.slice(lead.length) : "";
    const restHasWords = LETTER.test(rest.replace(/\[[^\]]*\]/g, ""));
    const opensLine = previous !== undefined && /\n[ \t]*$/.test(text.slice(previous.end, sentence.start));
    const listsSource = lead !== undefined && opensLine && restHasWords && namesSource(rest, titles);
    // A line that opens with a marker and claims something ("[1] Гор зустрівся з Джапаровим.") owns
    // its marker after a claim cited already, or after words that end no sentence ("Ось що відомо:");
    // after an uncited sentence ("Real.\n[1] Next.") the marker may be that one's, moved to the next line.
    const claimsLine = opensLine && restHasWords && !listsSource && (previous.cited || !SENTENCE_END.test(text.slice(previous.start, previous.end).trimEnd()));
    const ownsLead = restHasWords && (markersLead || !previous?.claim || claimsLine);
    if (lead && previous && !ownsLead && listsSource) {
      // A line opening with a marker in a reply whose markers follow their claims, and naming a
      // source, is the model's own list of sources ("[2] Title of the article"), not a claim: it
      // cites nothing, and its marker goes with it rather than stay behind as a line of its own.
      // One that says something ("[1] Гор зустрівся з Джапаровим.") is a claim its marker cites.
      spans.push({ start: sentence.start, end: sentence.end, cited: false, claim: true });
      continue;
    }
    if (lead && previous && !ownsLead) {
      if (opensLine) previous.joinAt = sentence.start;
      previous.end = sentence.start + lead.length;
      previous.cited = !asks(text.slice(previous.start, sentence.start));
      start += lead.length;
    }
    const body = text.slice(start, sentence.end);
    if (!body.trim()) continue;
    const offset = body.length - body.trimStart().length;
    spans.push({
      start: start + offset,
      end: sentence.end,
      // A question is no claim, whatever marker it has: the model echoing what was asked ("[1] Хто
      // такий Гор?") says nothing a source backs. Only one ending so: a claim quoting a question
      // ("Він спитав: «Хто такий Гор?» [1]") ends in its quote.
      cited: findCitationMarkers(body).length > 0 && !asks(body),
      claim: LETTER.test(body.replace(/\[[^\]]*\]/g, "")),
    });
  }
  return spans;
}

// A sentence that asks (uk, ru, en, and the full-width mark): its last character is a question mark.
const QUESTION_END = /[?？]$/u;

/** Whether `sentence`, its markers aside, asks rather than claims (see QUESTION_END). */
function asks(sentence: string): boolean {
  return QUESTION_END.test(sentence.replace(/\[[^\]]*\]/g, "").trimEnd());
}

/**
 * Whether the words after a line's opening marker name a source rather than claim something: one
 * of the passages' `titles`, or words that end as no sentence does ("Title of the article"), as in a
 * sources line (see listsTitlesOnly).
 */
function namesSource(rest: string, titles: readonly string[]): boolean {
  const words = rest.trim();
  return isTitle(words, titles) || !SENTENCE_END.test(words);
}

/**
 * Keeps the sentences that cite a source (and list numbers before them); returns the text and how
 * many claims were dropped. `titles` as for claimSpans.
 */
export function keepCitedSentences(text: string, titles: readonly string[] = []): { text: string; dropped: number } {
  const spans = claimSpans(text, titles);

  // A letterless piece stays only when the claim after it stays (a list number with its item).
  const keep = new Array<boolean>(spans.length).fill(false);
  let nextKept = false;
  for (let i = spans.length - 1; i >= 0; i--) {
    const span = spans[i]!;
    keep[i] = span.claim ? span.cited : nextKept;
    if (span.claim) nextKept = keep[i]!;
  }

  let out = "";
  let lastEnd = -1;
  let dropped = 0;
  spans.forEach((span, i) => {
    if (!keep[i]) {
      if (span.claim) dropped++;
      return;
    }
    if (lastEnd >= 0) out += separator(text.slice(lastEnd, span.start));
    out += span.joinAt === undefined ? text.slice(span.start, span.end) : `${text.slice(span.start, span.joinAt).trimEnd()} ${text.slice(span.joinAt, span.end).trim()}`;
    lastEnd = span.end;
  });
  return { text: out.trim(), dropped };
}

/** The whitespace to put between two kept sentences, from what stood between them. */
function separator(gap: string): string {
  if (/\n[ \t]*\n/.test(gap)) return "\n\n";
  return gap.includes("\n") ? "\n" : " ";
}

// A line naming the sources of what the model wrote before it, under a label ("Sources: [1], [2]",
// "Джерело: [1]", "References: [1] Title; [2] Title"), the colon written.
const SOURCES_LINE = /^[ \t]*(?:sources?|references?|citations?|джерела|джерело|посилання|источники|источник|ссылки)[ \t]*:[ \t]*(?=\[)(.*)$/gimu;

/**
 * The reply with each line that lists its sources under a label replaced: by its markers alone
 * (which then go with the claim before, see claimSpans) when the claims since the last such line
 * cite nothing, or by nothing when they cite already. Left as it was, the line was a "claim" of
 * its own: "Гор — посол.\nДжерело: [1]" showed "Джерело: [1]" as the whole answer. A line whose
 * markers are followed by a claim ("Джерело: [1] Гор — посол США в Індії.") is no list: it stays
 * as written, a claim cited by its markers, as "Sources: officials said so [1]." does (see
 * listsTitlesOnly; `titles` are the passages' titles, as their headers showed them).
 */
export function sourcesLinesOut(text: string, titles: readonly string[] = []): string {
  let since = 0;
  return text.replace(SOURCES_LINE, (line: string, rest: string, offset: number) => {
    if (!listsTitlesOnly(rest, titles)) return line;
    const citedBefore = findCitationMarkers(text.slice(since, offset)).length > 0;
    since = offset + line.length;
    return citedBefore ? "" : (rest.match(CITATION_MARKER) ?? []).join("");
  });
}

// A sentence's end: a full stop, "!", "?" or "…" (closing quotes or brackets after it).
// The trailing runs below are trimmed by patterns that start only where a run starts (the
// lookbehind): tried at every place of a long run, each scanned to its end, quadratic in the
// model's writing ("a ; ; ; … b" took seconds at 32 KB).
const SENTENCE_END = /[.!?…]["'»”)\]]*$/u;

/**
 * Whether what follows each marker of a sources line names a source, not a claim: nothing
 * ("[1], [2]"), one of the passages' titles (with the date the header gave it, or cut with "…"),
 * or words that end as no sentence does: "Источник: [2] Title", a translated title. A list's
 * items end in ";" or "," and its last item takes the list's full stop ("References: [1] A; [2] B."),
 * which ends no sentence of its own. "Джерело: [1] Гор — посол США в Індії." is a claim.
 */
function listsTitlesOnly(rest: string, titles: readonly string[]): boolean {
  const items = rest
    .split(CITATION_MARKER)
    .filter((_, i) => i % 2 === 0)
    .slice(1)
    .map((item) => item.trim())
    .filter((item) => /[\p{L}\p{N}]/u.test(item));
  const listStyle = items.slice(0, -1).some((item) => /[;,]$/.test(item));
  return items.every((item, i) => {
    if (isTitle(item, titles)) return true;
    const closesList = listStyle && i === items.length - 1 && /[^.]\.$/.test(item);
    return closesList || !SENTENCE_END.test(item.replace(/(?<![\s;,])[\s;,]+$/, ""));
  });
}

/** `item` names one of `titles`: the same letters and digits, maybe with a date after, or its start cut with "…". */
function isTitle(item: string, titles: readonly string[]): boolean {
  const bare = item
    .replace(/(?<![\s;,.])[\s;,.]+$/, "")
    .replace(/(?<!\s)\s*\([^()]*\)$/, "")
    .replace(/(?<![\s,–—-])[\s,–—-]*\d{4}-\d{2}-\d{2}$/, "");
  const cut = /(?:…|\.\.\.)$/.test(bare);
  const key = comparable(bare);
  if (!key) return false;
  return titles.some((title) => {
    const whole = comparable(title);
    return whole === key || (cut && whole.startsWith(key));
  });
}

/** The letters and digits of `text`, lower-cased: titles compared whatever the quotes and punctuation around them. */
function comparable(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, "").toLowerCase();
}
