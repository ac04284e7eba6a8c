// `npm run ask -- [--seeds DIR] [--store DIR] [--k N] [--now ISO] [--json] "question"`: answers one question
// from the articles, building or updating the index first when it is missing or stale. With
// DATABASE_URL it only reads the version the database serves: a build from this checkout's folder
// would replace every instance's index (and drop articles added elsewhere).
import { loadConfig, secretsOf } from "../config/config.js";
import { createApp, SEEDS_FLAG_SETTING, STORE_FLAG_SETTING } from "../app/create-app.js";
import { citationsByArticle } from "../texts/citation-groups.js";
import { stripCitationMarkers } from "../texts/citation-marker.js";
import { answerText } from "../texts/answer-texts.js";
import { COMMON_TEXTS } from "../texts/common-texts.js";
import { questionLang } from "../texts/lang.js";
import { count } from "../texts/plural.js";
import { inQuotes } from "../texts/quotes.js";
import { formatDay } from "../time/format-day.js";
import { parseIsoMoment } from "../time/calendar.js";
import type { Answer, IngestProgress } from "../knowledge-base/knowledge-base.js";
import { UsageError } from "../shared/errors.js";
import { integerFlag, parseCliArgs, printUsage, runAsEntryPoint, type CliIo } from "./args.js";
import { createCliLogger } from "./cli-logger.js";
import { createLiveAnswer } from "./live-answer.js";
import { terminalJson, terminalText } from "./terminal-text.js";

export const USAGE = `Usage: npm run ask -- [--seeds DIR] [--store DIR] [--k N] [--now ISO] [--json] "question"

  --seeds DIR   folder of .txt/.md articles (default: SEEDS_DIR, else seeds/; unused with DATABASE_URL)
  --store DIR   index folder (default: VECTORSTORE_DIR, else vectorstore/; unused with DATABASE_URL)
  --k N         passages to retrieve (default 5)
  --now ISO     the moment "yesterday" or "last week" is read against (default: now),
                e.g. 2026-02-04 or 2026-02-04T10:00:00Z
  --json        print the answer as one JSON object on the last stdout line
  -h, --help    this text`;

/** The flags it accepts (its usage lists each). */
export const OPTIONS = {
  seeds: { type: "string" },
  store: { type: "string" },
  k: { type: "string" },
  now: { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** The command; `io` is the process (or a test). Returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(argv, OPTIONS, true);
  if (values.help) return printUsage(USAGE, io);
  const question = positionals.join(" ");
  if (!question.trim()) throw new UsageError("Missing the question.");
  const k = integerFlag("k", values.k, 5, 1, 50);
  const now = values.now === undefined ? undefined : parseNow(values.now);

  const env = loadConfig(io.env);
  const config = { ...env, seedsDir: values.seeds ?? env.seedsDir, vectorstoreDir: values.store ?? env.vectorstoreDir };
  // A person at a terminal sees an LLM answer as it is written (see live-answer.ts); pipes, scripts,
  // --json and a "dumb" terminal (it cannot move the cursor back) get the output in one piece, as
  // before. Extractive answers come whole either way.
  const live = !values.json && io.stdout.isTTY && io.env.TERM !== "dumb" ? createLiveAnswer(io.stdout) : null;
  // A warning written under a half-written answer (the model failed: the fallback follows) would
  // make its rows uncountable: the answer is erased first, the warning takes its place.
  const stderr: CliIo["stderr"] = live
    ? {
        write(text) {
          live.clear();
          return io.stderr.write(text);
        },
      }
    : io.stderr;
  const logger = createCliLogger({ ...io, stderr }, config.logLevel, secretsOf(io.env));

  let built = false;
  const notice = progressNotice(config.seedsDir, io);
  const kb = await createApp(config, {
    logger,
    storeSetting: STORE_FLAG_SETTING,
    seedsSetting: SEEDS_FLAG_SETTING,
    readOnly: config.databaseUrl !== null,
    onProgress: (p) => {
      built = true;
      notice(p);
    },
  });
  // An editor who dropped in a file the build could not read learns it here, not only from `ingest`.
  const { skipped } = kb.info();
  if (built && skipped > 0) io.stderr.write(`${count(skipped, "file")} of ${config.seedsDir} left out of the index; \`npm run ingest\` says which and why.\n`);
  let answer: Answer;
  try {
    answer = await kb.ask(question, { k, ...(now ? { now } : {}), ...(live ? { onDraft: live.show } : {}) }); // a QuestionError exits 2 with its message
  } catch (error) {
    live?.clear(); // the error is reported on stderr, not under a half-written answer
    throw error;
  }
  // Article text (and an LLM quoting it) may hold terminal controls: printed inert (terminal-text.ts).
  const output = values.json ? `${terminalJson(toJson(answer))}\n` : terminalText(formatAnswer(answer));
  if (live) live.finish(output);
  else io.stdout.write(output);
  return 0;
}

/** `--now`: an ISO date or date-time. */
export function parseNow(value: string): Date {
  const now = parseIsoMoment(value);
  if (!now) throw new UsageError(`--now must be an ISO date or time such as 2026-02-04 or 2026-02-04T10:00:00Z, got "${value}".`);
  return now;
}

/**
 * The `--json` contract object (plus `reason` for a "not found", `dateRange` when the question
 * named a period, `unsure` for an answer that may not answer it). `reason` lets a script tell
 * "not in the articles" from a search partly down, a day that does not exist or an empty period.
 */
export function toJson(a: Answer) {
  return {
    answer: answerText(a),
    mode: a.mode,
    notFound: a.notFound,
    ...(a.notFound && a.reason ? { reason: a.reason } : {}),
    citations: a.citations.map((c) => ({ n: c.n, articleId: c.articleId, title: c.title, date: c.date, url: c.url, quote: c.quote })),
    passages: a.passages.map((p) => ({ articleId: p.chunk.articleId, chunkId: p.chunk.id, text: p.chunk.text, score: p.score })),
    ms: a.ms,
    ...(a.dateRange ? { dateRange: { from: a.dateRange.from, to: a.dateRange.to } } : {}),
    ...(a.unsure ? { unsure: true } : {}),
  };
}

/**
 * The answer for a person: the text, then numbered sources (title, date, link), one per article,
 * labelled in the question's language. A source's quote is printed only when it adds something:
 * an answer that already says the cited sentence is not printed twice.
 */
export function formatAnswer(a: Answer): string {
  const text = answerText(a);
  const lang = questionLang(a.question);
  const lines = [text, ""];
  // A listing's text already names each article and its date: only the links are left to show.
  if (a.kind === "listing") {
    for (const c of a.citations) if (c.url) lines.push(`[${c.n}] ${c.url}`);
    return `${lines.join("\n").trimEnd()}\n`;
  }
  if (a.citations.length > 0) {
    lines.push(`${COMMON_TEXTS[lang].sources}:`);
    // What the answer says, also as quoted before "вчора" got its date ("вчора (3 лютого 2026)"):
    // with the date the quote would never match and be printed again under the answer.
    const said = [text, a.remembered ?? ""].map((t) => squash(stripCitationMarkers(t)));
    // An article cited by several passages is one source, "[1, 3] title", each quote under its number.
    for (const group of citationsByArticle(a.citations)) {
      const c = group[0]!;
      const meta = [c.date ? formatDay(c.date, lang) : null, c.url].filter(Boolean).join(", ");
      lines.push(`[${group.map((g) => g.n).join(", ")}] ${c.title}${meta ? ` (${meta})` : ""}`);
      for (const cited of group) {
        const quote = cited.quote.replace(/\s+/g, " ").trim();
        if (quote && !said.some((s) => s.includes(squash(quote)))) lines.push(`    ${group.length > 1 ? `[${cited.n}] ` : ""}${inQuotes(quote, "«", "»")}`);
      }
    }
    lines.push("");
  }
  return `${lines.join("\n")}`;
}

/** Letters and digits only, lower-cased: compares an answer with a quote whatever the spacing and punctuation. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

// Building on a fresh clone takes a moment: say so on stderr, once per phase.
function progressNotice(seedsDir: string, io: CliIo): (p: IngestProgress) => void {
  let last: IngestProgress["phase"] | null = null;
  return (p) => {
    if (p.phase === last) return;
    last = p.phase;
    const text = { load: `Indexing the articles in ${seedsDir}…`, embed: `Embedding ${count(p.total, "chunk")}…`, write: "Writing the index…" }[p.phase];
    io.stderr.write(`${text}\n`);
  };
}

await runAsEntryPoint(import.meta.url, main, USAGE);
