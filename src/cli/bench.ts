// `npm run bench -- [--sizes 1000,10000,100000] [--json] [--out DIR] [--queries N] [--seed N]
//  [--eval DIR] [--peer-budget-ms N] [--cpu-prof DIR]`
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadSentencePool } from "../bench/corpus.js";
import { loadBenchQuestions } from "../bench/questions.js";
import { formatTable } from "../bench/report.js";
import { runBench } from "../bench/run-bench.js";
import { chunkArticle } from "../chunks/chunk-article.js";

const USAGE = `Usage: npm run bench -- [--sizes 1000,10000,100000] [--json] [--out DIR] [--queries N] [--seed N]
  [--eval DIR] [--peer-budget-ms N] [--cpu-prof DIR]

  --sizes           corpus sizes in chunks (default 1000,10000,100000)
  --json            print the report as one JSON object on the last stdout line
  --out DIR         keep the generated corpora and indexes in DIR (default: a temp folder, removed)
  --queries N       questions timed per measurement (default 200, from the eval sets)
  --seed N          corpus seed (default 42)
  --eval DIR        eval sets to take sentences and questions from (default ../shared/eval)
  --peer-budget-ms  wall-time cap per slow peer per size (default 60000; at least 5 questions run)
  --cpu-prof DIR    write a CPU profile of every worker process into DIR`;

class UsageError extends Error {}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number, got "${value}".`);
  return n;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        sizes: { type: "string" },
        json: { type: "boolean", default: false },
        out: { type: "string" },
        queries: { type: "string" },
        seed: { type: "string" },
        eval: { type: "string" },
        "peer-budget-ms": { type: "string" },
        "cpu-prof": { type: "string" },
        help: { type: "boolean", default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let sizes: number[];
  let queries: number;
  let seed: number;
  let peerBudgetMs: number;
  try {
    sizes = (args.sizes ?? "1000,10000,100000").split(",").map((s) => positiveInt("sizes", s.trim(), 0));
    queries = positiveInt("queries", args.queries, 200);
    seed = positiveInt("seed", args.seed, 42);
    peerBudgetMs = positiveInt("peer-budget-ms", args["peer-budget-ms"], 60_000);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }

  const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
  const evalDir = resolve(args.eval ?? resolve(repoRoot, "../shared/eval"));
  const nodeFlags: string[] = [];
  if (args["cpu-prof"]) {
    const profDir = resolve(args["cpu-prof"]);
    await mkdir(profDir, { recursive: true });
    nodeFlags.push("--cpu-prof", `--cpu-prof-dir=${profDir}`);
  }
  const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
  const report = await runBench({
    sizes,
    questions: await loadBenchQuestions(evalDir, queries),
    pool: await loadSentencePool(evalDir),
    seed,
    outDir: args.out ? resolve(args.out) : null,
    peerBudgetMs,
    nodeFlags,
    countChunks: (body) =>
      chunkArticle({ id: "count", title: "count", date: null, url: null, source: null, body, hash: "" }).length,
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    log,
  });
  process.stdout.write(args.json ? `${JSON.stringify(report)}\n` : `${formatTable(report)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
