// The time limit of a build in a child process tells a stuck build from a long one: it counts from
// the child's last progress, not from its start. A first build at start-up with a remote embedder
// can take longer than the limit (100,000 chunks against a rate limit), and killed midway it lost
// its embeddings (the cache is saved when the embedding ends) and failed the start again at each
// restart. A child that reports nothing is still killed (tests/app/reindex-faults.test.ts).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reindexInChild } from "../../src/app/reindex-in-child.js";
import { SUMMARY } from "../helpers/index-fixtures.js";
import { useTempSeeds } from "../helpers/temp-seeds.js";

const temp = useTempSeeds();

describe("the time limit of a child-process build", () => {
  it("does not stop a build that runs past it while reporting progress", async () => {
    // Progress every 100 ms for 7 s, well past the 5 s limit, then the summary. The limit is wide
    // for what it must allow (a gap of 100 ms, and the child's start-up under tsx, which took over
    // 1.5 s on a loaded machine) and still short of the whole build: a limit counted from the
    // start kills it at 5 s.
    const worker = join(temp.root, "slow-worker.mjs");
    await writeFile(
      worker,
      `process.once("message", () => {
  let done = 0;
  const tick = setInterval(() => {
    done++;
    process.send({ type: "progress", progress: { phase: "embed", done, total: 70 } });
    if (done < 70) return;
    clearInterval(tick);
    process.send({ type: "summary", summary: ${JSON.stringify(SUMMARY)} }, () => process.disconnect());
  }, 100);
});\n`,
    );
    const progress: number[] = [];
    const summary = await reindexInChild(temp.config, { worker, timeoutMs: 5_000 })((p) => progress.push(p.done));
    expect(summary).toEqual(SUMMARY);
    expect(progress.at(-1)).toBe(70);
  }, 30_000);
});
