// A stale index that cannot be rebuilt still serves (item 4), and the bot's re-index runs in a
// child process that builds the same index as in-process (item 3).
import { ChildProcess } from "node:child_process";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApp, createConfiguredEmbedder, createConfiguredStore } from "../../src/app/create-app.js";
import { createAnswerer } from "../../src/app/create-answerer.js";
import { reindexInChild, stopReindexChildren } from "../../src/app/reindex-in-child.js";
import { openKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { AppError, IndexError, InputError, ReindexInProgressError } from "../../src/shared/errors.js";
import { silentLogger, type Logger } from "../../src/shared/logger.js";
import { acquireWriteLock } from "../../src/store/hnsw/write-lock.js";
import { useTempSeeds } from "../helpers/temp-seeds.js";

const temp = useTempSeeds();

beforeAll(async () => {
  await createApp(temp.config, { logger: silentLogger }); // a good index on disk
});

function recordingLogger(lines: { level: string; obj: unknown; msg: string }[]): Logger {
  const log = (level: string) => (obj: unknown, msg?: string) => void lines.push({ level, obj, msg: msg ?? String(obj) });
  return { ...silentLogger, warn: log("warn"), info: log("info"), error: log("error"), child: () => recordingLogger(lines) } as unknown as Logger;
}

describe("re-index faults", () => {
  it("starts on the last good index when the stale one cannot be rebuilt (disk full), and /reindex reports why", async () => {
    await writeFile(join(temp.config.seedsDir, "new.txt"), "Нова стаття про виставку квітів у Києві відкрилася в суботу.");
    const real = createConfiguredStore(temp.config, silentLogger);
    const full = { ...real, serving: () => real.serving(), load: real.load.bind(real), embeddingCache: real.embeddingCache.bind(real), write: async () => {
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    } };
    const lines: { level: string; obj: unknown; msg: string }[] = [];
    const logger = recordingLogger(lines);
    const kb = await openKnowledgeBase({
      seedsDir: temp.config.seedsDir,
      maxArticleBytes: temp.config.maxArticleBytes,
      store: full,
      embedder: await createConfiguredEmbedder(temp.config),
      answerer: await createAnswerer(temp.config, logger),
      logger,
    });
    expect(kb.info().articles).toBe(3); // the old index, without new.txt
    expect((await kb.ask("Хто такий Серджіо Гор?")).notFound).toBe(false);
    const warning = lines.find((l) => l.level === "warn" && /could not be rebuilt/.test(l.msg));
    expect(JSON.stringify(warning?.obj)).toContain("ENOSPC");
    await expect(kb.reindex()).rejects.toThrow(/ENOSPC/);
    await rm(join(temp.config.seedsDir, "new.txt"));
  });

  it("without any good index the build error still stops the start", async () => {
    const real = createConfiguredStore({ ...temp.config, vectorstoreDir: join(temp.root, "empty-store") }, silentLogger);
    await expect(
      openKnowledgeBase({
        seedsDir: temp.config.seedsDir,
        maxArticleBytes: temp.config.maxArticleBytes,
        store: { ...real, serving: () => real.serving(), load: real.load.bind(real), embeddingCache: real.embeddingCache.bind(real), write: async () => { throw new Error("EROFS: read-only file system"); } },
        embedder: await createConfiguredEmbedder(temp.config),
        answerer: await createAnswerer(temp.config, silentLogger),
        logger: silentLogger,
      }),
    ).rejects.toThrow(/EROFS/);
  });

  it("the child-process re-index builds the new version, reports progress, and its errors reach the caller", async () => {
    await writeFile(join(temp.config.seedsDir, "flowers.txt"), "Виставка квітів у Києві відкрилася в суботу і триватиме тиждень.");
    const phases = new Set<string>();
    const summary = await reindexInChild(temp.config)((p) => phases.add(p.phase));
    expect(summary.articles).toBe(4);
    expect(summary.added).toBe(1);
    expect([...phases]).toEqual(expect.arrayContaining(["load", "write"]));
    const reopened = await createApp(temp.config, { logger: silentLogger });
    expect(reopened.info().version).toBe(summary.version);

    // An error of ours is still one across the process boundary: the bot shows its message.
    const ours = await reindexInChild({ ...temp.config, seedsDir: join(temp.root, "no-such-folder") })().catch((error: unknown) => error);
    expect(ours).toBeInstanceOf(AppError);
    expect((ours as Error).message).toMatch(/no-such-folder.*point SEEDS_DIR at one/);
    expect((ours as Error).message).not.toContain("--seeds"); // the bot has no such flag
  }, 60_000);

  it("a child-process re-index asked to refuse while another build holds the store's LOCK fails as ReindexInProgressError instead of waiting", async () => {
    await writeFile(join(temp.config.seedsDir, "library.txt"), "Нову бібліотеку відкрили у Львові в понеділок."); // work to do
    const release = (await acquireWriteLock(temp.config.vectorstoreDir, { wait: false }))!;
    // The child sees this process's LOCK live once its heartbeat (every 5 s) moves it. Waiting, it
    // would build once the lock is let go (here, so that the test ends).
    const letGo = setTimeout(() => void release(), 20_000);
    const outcome = await reindexInChild(temp.config)(undefined, { ifLockHeld: "refuse" }).then(() => "built after waiting", (error: unknown) => error);
    clearTimeout(letGo);
    await release();
    await rm(join(temp.config.seedsDir, "library.txt"));
    expect(outcome).toBeInstanceOf(ReindexInProgressError);
    expect((outcome as ReindexInProgressError).elsewhere).toBe(true);
  }, 60_000);

  it("a bad setting met by the child-process build (VECTORSTORE_DIR through a file) stays one, so the bot exits 2 as `npm run ingest` does", async () => {
    const file = join(temp.root, "a-file");
    await writeFile(file, "not a folder");
    const error = await reindexInChild({ ...temp.config, vectorstoreDir: join(file, "vectorstore") })().catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/cannot be created: that path, or a folder on it, is a file\. Point VECTORSTORE_DIR at a folder/);
    expect((error as Error).message).not.toContain("--store"); // the bot has no such flag
    expect(error).toBeInstanceOf(InputError); // exit 2 (README, "Exit codes"), not 1 as for a failed run
  }, 60_000);

  it("any other error of the child-process re-index reaches the caller as no AppError, with the child's stack", async () => {
    // CURRENT a folder: the build runs, then switching CURRENT to it fails with a raw EISDIR.
    const broken = join(temp.root, "store-current-is-a-folder");
    await cp(temp.config.vectorstoreDir, broken, { recursive: true });
    await rm(join(broken, "CURRENT"));
    await mkdir(join(broken, "CURRENT", "x"), { recursive: true });
    const error = await reindexInChild({ ...temp.config, vectorstoreDir: broken })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(AppError);
    expect((error as Error).message).toContain(broken);
    expect((error as Error).stack).toMatch(/durable-write/);
  }, 60_000);
  it("a child-process re-index that hangs is killed after its time limit and fails with a message for the admin; the old index keeps serving", async () => {
    const before = (await createApp(temp.config, { logger: silentLogger })).info().version;
    // A worker that never answers and shrugs off SIGTERM.
    const worker = join(temp.root, "hung-worker.mjs");
    await writeFile(worker, `process.on("SIGTERM", () => {});\nprocess.on("message", () => {});\nsetInterval(() => {}, 1000);\n`);
    // The child's pid from the kill itself: on a loaded machine the limit may pass before the
    // worker has run a line (Node and tsx starting), so the worker cannot be asked for it.
    const kills: { pid: number | undefined; signal: unknown }[] = [];
    const kill = ChildProcess.prototype.kill;
    ChildProcess.prototype.kill = function (this: ChildProcess, signal) {
      kills.push({ pid: this.pid, signal });
      return kill.call(this, signal);
    };
    let error: unknown;
    try {
      // Without the limit this never ends: the test's timeout fails it.
      error = await reindexInChild(temp.config, { worker, timeoutMs: 1_000 })().catch((e: unknown) => e);
    } finally {
      ChildProcess.prototype.kill = kill;
    }
    const pid = kills[0]?.pid;
    try {
      expect(error).toBeInstanceOf(IndexError);
      expect((error as Error).message).toMatch(/made no progress for 1 s and was stopped/);
      expect(kills).toEqual([{ pid: expect.any(Number), signal: "SIGKILL" }]);
      // Killed: it fails without waiting for the child's 'exit', which a child that cannot be
      // killed may never send; the SIGKILL takes a moment.
      await vi.waitFor(() => expect(() => process.kill(pid!, 0)).toThrow(/ESRCH/), { timeout: 10_000 });
    } finally {
      try {
        if (pid) process.kill(pid, "SIGKILL"); // when the test failed: no stray worker
      } catch {}
    }
    expect((await createApp(temp.config, { logger: silentLogger })).info().version).toBe(before);
  }, 30_000);

  it("a stopping bot ends its child-process build and waits for it, killing one that does not exit on its own; the build fails saying why", async () => {
    // A worker stuck in a long synchronous step: it never sees the channel close.
    const worker = join(temp.root, "deaf-worker.mjs");
    const pidFile = join(temp.root, "deaf-worker.pid");
    await writeFile(worker, `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nprocess.on("message", () => {});\nsetInterval(() => {}, 1000);\n`);
    const build = reindexInChild(temp.config, { worker })().catch((e: unknown) => e);
    const pid = await vi.waitFor(async () => Number(await readFile(pidFile, "utf8")), { timeout: 10_000 });
    try {
      await stopReindexChildren(500);
      await vi.waitFor(() => expect(() => process.kill(pid, 0)).toThrow(/ESRCH/), { timeout: 5_000 });
      const error = await build;
      expect(error).toBeInstanceOf(IndexError);
      expect((error as Error).message).toMatch(/stopped because the bot is stopping/);
    } finally {
      try {
        process.kill(pid, "SIGKILL");
      } catch {}
    }
  }, 30_000);

  it("a child-process re-index whose process cannot be started fails at once with a message for the admin, not never", async () => {
    // A real spawn failure: fork runs process.execPath, here a file that does not exist. Node then
    // emits 'error' (ENOENT, and EPIPE for the config it could not send) and no 'exit'.
    const run = reindexInChild(temp.config, { timeoutMs: 60_000 });
    const node = process.execPath;
    process.execPath = join(temp.root, "no-such-node");
    let pending: Promise<unknown>;
    try {
      pending = run();
    } finally {
      process.execPath = node;
    }
    const outcome = await Promise.race([pending.catch((e: unknown) => e), new Promise((resolve) => setTimeout(() => resolve("still pending after 5 s"), 5_000))]);
    expect(outcome).toBeInstanceOf(IndexError);
    expect((outcome as Error).message).toMatch(/could not start/);
    expect((outcome as Error).message).toMatch(/ENOENT/);
  }, 30_000);
});
