// `npm run bench -- [--sizes 1000,10000,100000] [--json] [--out DIR] [--queries N] [--seed N]
//  [--eval DIR] [--peer-budget-ms N] [--cpu-prof DIR] [--backend files|postgres|pglite[,…]] [--database-url URL] [--reindex]`
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSentencePool } from "../bench/corpus.js";
import { loadBenchQuestions } from "../bench/questions.js";
import { formatTable } from "../bench/report.js";
import { type BenchDatabase, runBench } from "../bench/run-bench.js";
import { chunkArticle } from "../chunks/chunk-article.js";
import { UsageError } from "../shared/errors.js";
import { describeDatabaseUrl } from "../store/postgres/sql-database.js";
import { integerFlag, parseCliArgs, printUsage, requirePath, runAsEntryPoint, type CliIo } from "./args.js";

export const USAGE = `Usage: npm run bench -- [--sizes 1000,10000,100000] [--json] [--out DIR] [--queries N] [--seed N]
  [--eval DIR] [--peer-budget-ms N] [--cpu-prof DIR] [--backend files|postgres|pglite[,…]] [--database-url URL]
  [--reindex]

  --sizes           corpus sizes in chunks (default 1000,10000,100000)
  --json            print the report as one JSON object on the last stdout line
  --out DIR         keep the generated corpora and indexes in DIR (default: a temp folder, removed)
  --queries N       questions timed per measurement (default 200, from the eval sets)
  --seed N          corpus seed (default 42)
  --eval DIR        eval sets to take sentences and questions from (default ../shared/eval)
  --peer-budget-ms  wall-time cap per slow peer per size (default 60000; at least 5 questions run)
  --cpu-prof DIR    write a CPU profile of every worker process into DIR
  --backend LIST    files (default); postgres: each size on the files and then on Postgres
                    (DATABASE_URL or --database-url, a fresh schema per size; without either, PGlite
                    in this process); pglite: PGlite in this process. E.g. --backend pglite,postgres
                    measures the files, PGlite and a real server in one run
  --database-url    the server for --backend postgres (default: DATABASE_URL)
  --reindex         also time a re-index after one article changed (the files): updating the
                    serving HNSW graph, and rebuilding it whole; each size takes that much longer
  -h, --help        this text`;

/** The flags it accepts (its usage lists each). */
export const OPTIONS = {
  sizes: { type: "string" },
  json: { type: "boolean", default: false },
  out: { type: "string" },
  queries: { type: "string" },
  seed: { type: "string" },
  eval: { type: "string" },
  "peer-budget-ms": { type: "string" },
  "cpu-prof": { type: "string" },
  backend: { type: "string" },
  "database-url": { type: "string" },
  reindex: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** The command; `io` is the process (or a test). Returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values: args } = parseCliArgs(argv, OPTIONS);
  if (args.help) return printUsage(USAGE, io);
  const sizes = (args.sizes ?? "1000,10000,100000").split(",").map((s) => integerFlag("sizes", s.trim(), 0));
  const queries = integerFlag("queries", args.queries, 200);
  const seed = integerFlag("seed", args.seed, 42);
  const peerBudgetMs = integerFlag("peer-budget-ms", args["peer-budget-ms"], 60_000);
  const backends = new Set((args.backend ?? "files").split(",").map((b) => b.trim()));
  for (const b of backends) {
    if (b !== "files" && b !== "postgres" && b !== "pglite") throw new UsageError(`--backend must be files, postgres or pglite (or a list), got "${b}".`);
  }

  const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
  const evalDir = resolve(args.eval ?? resolve(repoRoot, "../shared/eval"));
  // Checked before PGlite starts or a corpus is written: the sentences and questions come from it.
  await requirePath("--eval", args.eval ?? evalDir, "folder", { what: "a folder of eval sets", hint: "The default is ../shared/eval next to this project." });
  const nodeFlags: string[] = [];
  if (args["cpu-prof"]) {
    const profDir = resolve(args["cpu-prof"]);
    await mkdir(profDir, { recursive: true });
    nodeFlags.push("--cpu-prof", `--cpu-prof-dir=${profDir}`);
  }
  const log = (line: string): void => void io.stderr.write(`[bench] ${line}\n`);
  // Only the bench reads DATABASE_URL here; it writes schemas bench_<size>_<time>, never the bot's.
  const serverUrl = args["database-url"]?.trim() || io.env.DATABASE_URL?.trim() || null;
  if (serverUrl !== null && !/^postgres(ql)?:\/\//.test(serverUrl)) throw new UsageError("--database-url (or DATABASE_URL) must be a postgres:// URL.");
  const wantsPglite = backends.has("pglite") || (backends.has("postgres") && !serverUrl);
  const pglite = wantsPglite ? await (await import("../bench/pglite-server.js")).startPgliteServer() : null;
  if (pglite && !backends.has("pglite")) log("postgres: no DATABASE_URL, using PGlite in this process (WebAssembly, one query at a time)");
  const databases: BenchDatabase[] = [];
  // The real server first: a PGlite run at 100k is the slowest and the likeliest to be stopped.
  if (backends.has("postgres") && serverUrl) databases.push({ kind: "server", url: serverUrl });
  if (pglite) databases.push({ kind: "pglite", url: pglite.url });
  const report = await runBench({
    databases,
    reindex: args.reindex === true,
    sizes,
    questions: await loadBenchQuestions(evalDir, queries),
    pool: await loadSentencePool(evalDir),
    seed,
    outDir: args.out ? resolve(args.out) : null,
    peerBudgetMs,
    nodeFlags,
    countChunks: (body) =>
      chunkArticle({ id: "count", title: "count", date: null, url: null, source: null, body, hash: "" }).length,
    command: benchCommand(argv),
    log,
  }).finally(() => pglite?.stop());
  io.stdout.write(args.json ? `${JSON.stringify(report)}\n` : `${formatTable(report)}\n`);
  return 0;
}

/**
 * The command line as the report shows it (in its table, its JSON, and the docs they are pasted
 * into): a --database-url keeps its user, host and database, never its password.
 */
export function benchCommand(argv: readonly string[]): string {
  const shown = argv.map((arg) => {
    const url = /^(--database-url=)?(postgres(?:ql)?:\/\/.*)$/s.exec(arg);
    return url ? `${url[1] ?? ""}${describeDatabaseUrl(url[2]!)}` : arg;
  });
  return `npm run bench -- ${shown.join(" ")}`.trim();
}

await runAsEntryPoint(import.meta.url, main, USAGE);
