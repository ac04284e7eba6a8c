// `npm run ask -- [--seeds DIR] [--store DIR] [--k N] [--json] "question"`: answers one question
// from the articles, building or updating the index first when it is missing or stale.
import dotenv from "dotenv";
import { loadConfig } from "../config/config.js";
import { createApp } from "../app/create-app.js";
import { answerText } from "../texts/answer-texts.js";
import { QuestionError, type Answer, type IngestProgress } from "../knowledge-base/knowledge-base.js";
import { createLogger } from "../shared/logger.js";
import { UsageError } from "../shared/errors.js";
import { integerFlag, parseCliArgs, runCli } from "./args.js";

const USAGE = `Usage: npm run ask -- [--seeds DIR] [--store DIR] [--k N] [--json] "question"

  --seeds DIR   folder of .txt/.md articles (default: SEEDS_DIR, else seeds/)
  --store DIR   index folder (default: VECTORSTORE_DIR, else vectorstore/)
  --k N         passages to retrieve (default 5)
  --json        print the answer as one JSON object on the last stdout line`;

async function main(): Promise<number> {
  const { values, positionals } = parseCliArgs(
    process.argv.slice(2),
    {
      seeds: { type: "string" },
      store: { type: "string" },
      k: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const question = positionals.join(" ");
  if (!question.trim()) throw new UsageError("Missing the question.");
  const k = integerFlag("k", values.k, 5, 1, 50);

  dotenv.config({ quiet: true });
  const env = loadConfig(process.env);
  const config = { ...env, seedsDir: values.seeds ?? env.seedsDir, vectorstoreDir: values.store ?? env.vectorstoreDir };
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : "warn");

  const kb = await createApp(config, { logger, onProgress: progressNotice(config.seedsDir) });
  let answer: Answer;
  try {
    answer = await kb.ask(question, { k });
  } catch (error) {
    if (!(error instanceof QuestionError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  process.stdout.write(values.json ? `${JSON.stringify(toJson(answer))}\n` : formatAnswer(answer));
  return 0;
}

/** The `--json` contract object. */
export function toJson(a: Answer) {
  return {
    answer: answerText(a),
    mode: a.mode,
    notFound: a.notFound,
    citations: a.citations.map((c) => ({ n: c.n, articleId: c.articleId, title: c.title, date: c.date, url: c.url, quote: c.quote })),
    passages: a.passages.map((p) => ({ articleId: p.chunk.articleId, chunkId: p.chunk.id, text: p.chunk.text, score: p.score })),
    ms: a.ms,
  };
}

/** The answer for a person: the text, then numbered sources with title, date, link and quote. */
export function formatAnswer(a: Answer): string {
  const lines = [answerText(a), ""];
  if (a.citations.length > 0) {
    lines.push("Sources:");
    for (const c of a.citations) {
      const meta = [c.date, c.url].filter(Boolean).join(", ");
      lines.push(`[${c.n}] ${c.title}${meta ? ` (${meta})` : ""}`);
      lines.push(`    "${c.quote.replace(/\s+/g, " ").trim()}"`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}`;
}

// Building on a fresh clone takes a moment: say so on stderr, once per phase.
function progressNotice(seedsDir: string): (p: IngestProgress) => void {
  let last: IngestProgress["phase"] | null = null;
  return (p) => {
    if (p.phase === last) return;
    last = p.phase;
    const text = { load: `Indexing the articles in ${seedsDir}…`, embed: `Embedding ${p.total} chunks…`, write: "Writing the index…" }[p.phase];
    process.stderr.write(`${text}\n`);
  };
}

await runCli(main, USAGE);
