// `npm run train -- [--eval-dir DIR] [--out FILE] [--exclude SET,…]`: fits the reader's two
// models on the dev sets and writes their weights (by default the weights file the reader reads).
// Deterministic: the same sets give the same weights.
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { loadConfig } from "../config/config.js";
import { evalSchemaName } from "../store/postgres/namespace.js";
import { readEvalQuestions, type EvalQuestion } from "../eval/eval-questions.js";
import { evalStoreDir } from "../eval/eval-store-dir.js";
import { questionTopics } from "../eval/question-topics.js";
import { evalArticleId } from "../eval/run-eval.js";
import { createApp } from "../app/create-app.js";
import type { LocalKnowledgeBase } from "../knowledge-base/open-knowledge-base.js";
import { WEIGHTS_FILE } from "../reader/reader.js";
import { crossValidate, train, type TrainingItem } from "../reader/training.js";
import { UsageError } from "../shared/errors.js";
import { count } from "../texts/plural.js";
import { parseCliArgs, printUsage, requirePath, runAsEntryPoint, type CliIo } from "./args.js";
import { createCliLogger } from "./cli-logger.js";

export const USAGE = `Usage: npm run train -- [--eval-dir DIR] [--out FILE] [--exclude SET,...] [--hold-out SET,...] [--folds N [--seed S]] [--max-false-not-found X]

  --eval-dir DIR              the development sets (default ../shared/eval)
  --out FILE                  where the weights go (default: the file the reader reads, src/reader/weights.json;
                              run compiled, dist/reader/weights.json, which npm run build replaces with src's)
  --exclude SET,...           leave sets out entirely
  --hold-out SET,...          report on these sets without fitting on them (how the reader does on data it never saw)
  --folds N                   cross-validate by topic instead of writing weights: each of N folds of topics is
                              scored by a reader fitted on the others (what to expect on topics never seen)
  --seed S                    which topics share a fold (default 0)
  --max-false-not-found X     each script's threshold keeps false not-found at most X on average over that
                              script's sets and 1.5 X on each (default 0.04; at least 0.1 for xling sets)
  -h, --help                  this text`;

/** Passages the reader sees per question (as `ask` with its default k). */
const K = 5;

interface TrainingSet {
  name: string;
  articles: string;
  /** Questions files: answerable ones, and refusals (article_id null). */
  questions: string[];
  /** Also ask each answerable question with its own article held out: a same-topic refusal. */
  holdOutGold?: boolean;
}

const SETS: TrainingSet[] = [
  { name: "en-squad2-long", articles: "en-squad2-long/articles", questions: ["en-squad2-long/questions.jsonl", "en-squad2-long/refusal-dropped.jsonl", "en-squad2-long/unanswerable.jsonl"] },
  { name: "uk-squad-long", articles: "uk-squad-long/articles", questions: ["uk-squad-long/questions.jsonl", "uk-squad-long/refusal-dropped.jsonl"] },
  { name: "en-squad2", articles: "en-squad2/articles", questions: ["en-squad2/questions.jsonl"], holdOutGold: true },
  { name: "uk-squad", articles: "uk-squad/articles", questions: ["uk-squad/questions.jsonl"], holdOutGold: true },
  { name: "xling-ru", articles: "xling-dev/articles", questions: ["xling-dev/questions-ru.jsonl"], holdOutGold: true },
];

/** The flags it accepts (its usage lists each). */
export const OPTIONS = {
  "eval-dir": { type: "string", default: "../shared/eval" },
  // The running code's own (dist/ when compiled), whatever the working directory: a fixed
  // "src/reader/weights.json" was written by `node dist/cli/train.js`, which reads dist's.
  out: { type: "string", default: WEIGHTS_FILE },
  exclude: { type: "string", default: "" },
  "hold-out": { type: "string", default: "" },
  folds: { type: "string", default: "0" },
  seed: { type: "string", default: "0" },
  "max-false-not-found": { type: "string", default: "0.04" },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** The command; `io` is the process (or a test). Returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(argv, OPTIONS);
  if (values.help) return printUsage(USAGE, io);
  const maxFnf = Number(values["max-false-not-found"]);
  if (!(maxFnf >= 0 && maxFnf < 1)) throw new UsageError("--max-false-not-found must be a number from 0 to 1.");
  const folds = Number(values.folds);
  if (!(Number.isInteger(folds) && folds >= 0 && folds <= 20 && folds !== 1)) throw new UsageError("--folds must be a whole number from 2 to 20.");
  // Cross-validation fits on no fold it scores: a set held out on top of that would be silently fitted.
  if (folds > 0 && values["hold-out"]) throw new UsageError("--hold-out does not go with --folds (every fold is already scored by a reader that never saw it); use --exclude to leave a set out.");
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError("--seed must be a whole number from 0.");
  const excluded = new Set(values.exclude.split(",").filter(Boolean));
  const unknown = [...excluded, ...values["hold-out"].split(",").filter(Boolean)].filter((name) => !SETS.some((s) => s.name === name));
  if (unknown.length) throw new UsageError(`Unknown set(s) ${unknown.join(", ")}; sets: ${SETS.map((s) => s.name).join(", ")}.`);

  await requirePath("--eval-dir", values["eval-dir"], "folder", { what: "a folder of eval sets" });
  // Checked now, not after a minute of fitting (cross-validation writes no weights).
  if (folds === 0) await requirePath("--out", dirname(values.out), "folder", { what: "a folder to write into" });

  const env = loadConfig(io.env);
  const logger = createCliLogger(io, "warn");
  const items: TrainingItem[] = [];
  const used: { name: string; files: { file: string; sha256: string; questions: number }[] }[] = [];
  const sets = SETS.filter((s) => !excluded.has(s.name));
  // Every file read first: a question's topic may come from another set (src/eval/question-topics.ts).
  const questionsOf = new Map<string, EvalQuestion[]>();
  for (const file of sets.flatMap((s) => s.questions)) questionsOf.set(file, await readEvalQuestions(join(values["eval-dir"], file)));
  const topicOf = questionTopics([...questionsOf.values()].flat());
  for (const set of sets) {
    const articles = join(values["eval-dir"], set.articles);
    // With DATABASE_URL: eval's namespace for that folder, never the bot's index.
    const kb = await createApp({ ...env, seedsDir: articles, vectorstoreDir: evalStoreDir(articles), databaseSchema: evalSchemaName(articles) }, { logger });
    const files: { file: string; sha256: string; questions: number }[] = [];
    for (const file of set.questions) {
      const path = join(values["eval-dir"], file);
      const questions = questionsOf.get(file) ?? [];
      files.push({ file, sha256: await sha256(path), questions: questions.length });
      for (const question of questions) {
        const answerable = question.articleId !== null;
        const { passages, idf, terms } = await kb.retrieveForReading(question.question, { k: K });
        items.push({ set: set.name, question, passages, idf, terms, answerable, group: file, topic: topicOf(question) });
        if (answerable && set.holdOutGold) items.push(await withoutGold(kb, set.name, question, topicOf(question)));
      }
    }
    used.push({ name: set.name, files });
    io.stderr.write(`${set.name}: ${count(items.filter((i) => i.set === set.name).length, "item")}\n`);
  }
  // Cross-language questions match fewer words by nature: their target allows more (issue 9).
  const limit = (set: string): number => (set.startsWith("xling") ? Math.max(maxFnf, 0.1) : maxFnf);
  if (folds > 0) {
    io.stdout.write(`${JSON.stringify({ folds, seed: values.seed, report: crossValidate(items, limit, folds, seed) })}\n`);
    return 0;
  }
  const heldOut = new Set(values["hold-out"].split(",").filter(Boolean));
  const { weights, report, curve } = train(items, limit, heldOut);
  for (const row of curve) io.stderr.write(`${JSON.stringify(row)}\n`);
  const out = {
    ...weights,
    trainedWith: {
      command: `npm run train${argv.length > 0 ? ` -- ${argv.join(" ")}` : ""}`,
      k: K,
      maxFalseNotFound: maxFnf,
      sets: used,
    },
    report,
  };
  await writeFile(values.out, `${JSON.stringify(out, null, 1)}\n`);
  io.stdout.write(`${JSON.stringify({ thresholds: { cyrillic: weights.cyrillic.threshold, latin: weights.latin.threshold }, report })}\n`);
  return 0;
}

/** The question asked with its gold article out of reach: what the reader sees when the detail is missing. */
async function withoutGold(
  kb: LocalKnowledgeBase,
  set: string,
  question: EvalQuestion,
  topic: string,
): Promise<TrainingItem> {
  const { passages, idf, terms } = await kb.retrieveForReading(question.question, { k: K * 4 });
  const others = passages.filter((p) => evalArticleId(p.chunk.articleId) !== question.articleId).slice(0, K);
  return { set, question: { ...question, articleId: null }, passages: others, idf, terms, answerable: false, group: "held-out article", topic };
}

async function sha256(path: string): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  return createHash("sha256").update(await readFile(path)).digest("hex").slice(0, 16);
}

await runAsEntryPoint(import.meta.url, main, USAGE);
