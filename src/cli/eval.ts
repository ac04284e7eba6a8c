// `npm run eval -- --articles DIR --questions FILE.jsonl [--store DIR] [--k N] [--json]
//  [--retriever hybrid|bm25|dense] [--replies]`: retrieval and answer quality on a dev set.
import { createApp, describeConfiguredStore, STORE_FLAG_SETTING } from "../app/create-app.js";
import { loadConfig, secretsOf } from "../config/config.js";
import { readEvalQuestions } from "../eval/eval-questions.js";
import { evalStoreDir } from "../eval/eval-store-dir.js";
import { computeMetrics, type EvalMetrics } from "../eval/metrics.js";
import { evalArticleId, runEval } from "../eval/run-eval.js";
import { REPLY_WAYS, runReplies, type ReplyMetrics, type ReplyWay } from "../eval/run-replies.js";
import { listSeedFiles } from "../articles/list-article-files.js";
import type { RetrieverMode } from "../retrieval/retrieve.js";
import { UsageError } from "../shared/errors.js";
import { count } from "../texts/plural.js";
import { evalSchemaName } from "../store/postgres/namespace.js";
import { integerFlag, parseCliArgs, printUsage, requirePath, runAsEntryPoint, type CliIo } from "./args.js";
import { createCliLogger } from "./cli-logger.js";

export const USAGE = `Usage: npm run eval -- --articles DIR --questions FILE.jsonl [--store DIR] [--k N] [--json] [--retriever hybrid|bm25|dense] [--replies]

  --articles DIR        folder of article files (ids = file names without extension)
  --questions FILE      JSON lines {id, article_id, question, answers}; article_id null = not answerable;
                        repeat it to join files (e.g. a set's questions and its refusals); an optional
                        "now" (ISO) is the moment that question's "вчора" / "last week" is read against
  --store DIR           index folder (default: a cache folder under the system temp dir, per articles path);
                        with DATABASE_URL the index is in that database instead, schema eval_<folder>_<hash>
  --k N                 passages given to the answerer (default 5)
  --retriever MODE      hybrid (default), bm25 or dense: for baselines
  --replies             ask each answerable question (but its article's first) alone, as a reply to the
                        answer to its article's question before it, and as a reply to one about another
                        article; print answerContained, not found and cautioned answers for each way
  --json                print {questions, metrics} as one JSON object on the last stdout line (with
                        --replies: {questions, replies}, the questions asked as replies and each way's figures)
  -h, --help            this text`;

const MODES: readonly RetrieverMode[] = ["hybrid", "bm25", "dense"];

/** The flags it accepts (its usage lists each). */
export const OPTIONS = {
  articles: { type: "string" },
  questions: { type: "string", multiple: true },
  store: { type: "string" },
  k: { type: "string" },
  retriever: { type: "string" },
  replies: { type: "boolean", default: false },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** The command; `io` is the process (or a test). Returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(argv, OPTIONS);
  if (values.help) return printUsage(USAGE, io);
  if (!values.articles) throw new UsageError("Missing --articles DIR.");
  if (!values.questions?.length) throw new UsageError("Missing --questions FILE.jsonl.");
  await requirePath("--articles", values.articles, "folder", { what: "a folder of article files" });
  const k = integerFlag("k", values.k, 5, 1, 50);
  const mode = (values.retriever ?? "hybrid") as RetrieverMode;
  if (!MODES.includes(mode)) throw new UsageError(`--retriever must be one of ${MODES.join(", ")}, got "${mode}".`);

  const env = loadConfig(io.env);
  for (const file of values.questions) await requirePath("--questions", file, "file");
  // With DATABASE_URL, the index goes into a schema of its own per articles folder (never the bot's).
  const config = {
    ...env,
    seedsDir: values.articles,
    vectorstoreDir: values.store ?? evalStoreDir(values.articles),
    databaseSchema: env.databaseUrl ? evalSchemaName(values.articles) : env.databaseSchema,
  };
  const logger = createCliLogger(io, config.logLevel, secretsOf(io.env));
  // eval reads its articles from --articles alone (never SEEDS_DIR).
  const articles = await listSeedFiles(values.articles, { seedsSetting: "--articles" });
  const articleIds = new Set(articles.filter((f) => f.isArticle).map((f) => evalArticleId(f.id)));
  const questions = (await Promise.all(values.questions.map((file) => readEvalQuestions(file, { articleIds })))).flat();

  const kb = await createApp(config, {
    logger,
    retrieval: { mode },
    storeSetting: STORE_FLAG_SETTING,
    seedsSetting: "--articles",
    onProgress: (p) => {
      if (p.phase === "load" && p.done === 0) io.stderr.write(`Indexing ${config.seedsDir} into ${describeConfiguredStore(config)}…\n`);
    },
  });
  if (values.replies) {
    io.stderr.write(`Asking the answerable questions alone and as replies (${mode}, k=${k})…\n`);
    const { asked, metrics } = await runReplies(kb, questions, { k });
    if (values.json) io.stdout.write(`${JSON.stringify({ questions: asked, replies: metrics })}\n`);
    else io.stdout.write(formatReplies(asked, metrics));
    return 0;
  }
  io.stderr.write(`Evaluating ${count(questions.length, "question")} (${mode}, k=${k})…\n`);
  const records = await runEval(kb, questions, { k });
  const metrics = computeMetrics(records);

  if (values.json) io.stdout.write(`${JSON.stringify({ questions: questions.length, metrics })}\n`);
  else io.stdout.write(formatTable(questions.length, mode, metrics));
  return 0;
}

/** The metrics as an aligned two-column table. */
export function formatTable(questions: number, mode: string, m: EvalMetrics): string {
  const rows = Object.entries(m).map(([name, value]) => {
    const shown = value === null ? "n/a" : name.endsWith("Ms") ? `${value} ms` : value.toFixed(3);
    return `${name.padEnd(18)} ${shown}`;
  });
  return [`${count(questions, "question")}, retriever ${mode}`, `${"metric".padEnd(18)} value`, ...rows, ""].join("\n");
}

/** One row per way a question was asked. */
export function formatReplies(asked: number, metrics: Record<ReplyWay, ReplyMetrics>): string {
  const head = `${"asked".padEnd(14)} answerContained  notFound  cautioned right / wrong`;
  const rows = REPLY_WAYS.map((way) => {
    const m = metrics[way];
    return `${way.padEnd(14)} ${m.answerContained.toFixed(3).padEnd(16)} ${m.notFound.toFixed(3).padEnd(9)} ${m.cautionedRight.toFixed(3)} / ${m.cautionedWrong.toFixed(3)}`;
  });
  return [`${count(asked, "question")} asked three ways`, head, ...rows, ""].join("\n");
}

await runAsEntryPoint(import.meta.url, main, USAGE);
