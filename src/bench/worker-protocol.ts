import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** What every worker phase needs to know. */
export interface WorkerInput {
  seedsDir: string;
  storeDir: string;
  questions: string[];
  /** Wall-time budget for each slow peer (the first few questions always run). */
  peerBudgetMs: number;
  /** The Postgres backend: the index in this database and schema instead of `storeDir`. */
  database?: { url: string; schema: string };
  /** The "reindex" phase: build with `--force` (reusing nothing of the serving version but cached embeddings). */
  force?: boolean;
}

export type WorkerPhase = "build" | "serve" | "ask" | "peers" | "reindex";

const WORKER = fileURLToPath(new URL("./size-worker.ts", import.meta.url));

/**
 * Runs one benchmark phase in a fresh Node process (so peak RSS and cold-start figures are
 * its own) and returns the JSON object it prints as its last stdout line.
 */
export async function runWorker<T>(phase: WorkerPhase, input: WorkerInput, nodeFlags: readonly string[] = []): Promise<T> {
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", WORKER, phase], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  child.stdin.end(JSON.stringify(input));
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (data: string) => (stdout += data));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const last = stdout.trim().split("\n").pop() ?? "";
  if (code !== 0) throw new Error(`Benchmark phase "${phase}" failed (exit code ${code}); its error is printed above.`);
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`Benchmark phase "${phase}" printed no JSON result (last line: ${last.slice(0, 200)}).`);
  }
}
