// Issue 10 item 12: crash leftovers are cleared on start, every swap is fsynced before the
// rename, and one index writer runs at a time (the second waits, or says who holds the lock).
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, open, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import { loadConfig } from "../../src/config/config.js";
import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";
import { buildIndex } from "../../src/ingest/build-index.js";
import { writeFileDurably } from "../../src/shared/durable-write.js";
import { IndexError, ReindexInProgressError } from "../../src/shared/errors.js";
import { silentLogger } from "../../src/shared/logger.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";
import { acquireWriteLock, LOCK_FILE } from "../../src/store/hnsw/write-lock.js";

const REPO = join(import.meta.dirname, "..", "..");
const FIXTURES = join(REPO, "tests", "fixtures", "articles");
let root: string;
let seeds: string;
let store: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "write-safety-"));
  seeds = join(root, "seeds");
  store = join(root, "store");
  await cp(FIXTURES, seeds, { recursive: true });
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** An embedder that records when it runs and can be held at its first call. */
function gatedEmbedder(name: string, events: string[], gate?: Promise<void>): Embedder {
  const inner = new LocalHashEmbeddings();
  return {
    id: inner.id,
    embeddings: {
      embedDocuments: async (texts: string[]) => {
        events.push(`${name} embeds`);
        if (gate) await gate;
        events.push(`${name} embedded`);
        return inner.embedDocuments(texts);
      },
      embedQuery: (text: string) => inner.embedQuery(text),
    },
  };
}
/** A LOCK as another process would have written it: this one's fields, with `changes`, and a token this process does not hold. */
async function writeLockLike(changes: Record<string, unknown>): Promise<void> {
  await mkdir(store, { recursive: true });
  const release = await acquireWriteLock(store);
  const mine = JSON.parse(await readFile(join(store, LOCK_FILE), "utf8")) as Record<string, unknown>;
  await release!();
  await writeFile(join(store, LOCK_FILE), JSON.stringify({ ...mine, token: "an-earlier-process", ...changes }));
}
/** A LOCK from another host, touched every 50 ms as its live holder does; returns the function that stops touching it. */
async function writeOtherHostLockKeptTouched(): Promise<() => void> {
  await writeLockLike({ pid: 7, host: "other-host", scope: "other-host" });
  const lock = join(store, LOCK_FILE);
  const heartbeat = setInterval(() => {
    const now = new Date();
    void utimes(lock, now, now);
  }, 50);
  return () => clearInterval(heartbeat);
}
const build = (embedder: Embedder) => buildIndex({ seedsDir: seeds, store: createHnswStore(store), embedder, maxArticleBytes: 100_000 });

describe("crash leftovers", () => {
  it("are removed when the app starts: temp files and a version folder without a manifest", async () => {
    const { version } = await build(gatedEmbedder("first", []));
    const cacheFile = (await readdir(join(store, "cache")))[0]!;
    await writeFile(join(store, "CURRENT.1a2b3c4d.tmp"), "v-half");
    await writeFile(join(store, "cache", `${cacheFile}.5e6f7a8b.tmp`), "partial vectors");
    await mkdir(join(store, "v-20000101T000000000Z-dead00"));
    await writeFile(join(store, "v-20000101T000000000Z-dead00", "hnswlib.index"), "half");

    await createApp({ ...loadConfig({}), seedsDir: seeds, vectorstoreDir: store, maxArticleBytes: 100_000 }, { logger: silentLogger });
    expect((await readdir(store)).sort()).toEqual(["CURRENT", "cache", version]); // the index itself was current: kept
    expect(await readdir(join(store, "cache"))).toEqual([cacheFile]);
  });

  it("are left alone while another writer holds the lock (they may be its files in progress)", async () => {
    await build(gatedEmbedder("first", []));
    await writeFile(join(store, "CURRENT.1a2b3c4d.tmp"), "in progress");
    const release = await acquireWriteLock(store);
    try {
      expect(await createHnswStore(store).removeLeftovers()).toEqual([]);
      expect(await readdir(store)).toContain("CURRENT.1a2b3c4d.tmp");
    } finally {
      await release!();
    }
    expect(await createHnswStore(store).removeLeftovers()).toEqual(["CURRENT.1a2b3c4d.tmp"]);
  });
});

describe("fsync before each swap", () => {
  it("syncs the new file while the target still holds the old content, then renames", async () => {
    const target = join(root, "CURRENT");
    await writeFile(target, "old\n");
    const handle = await open(target, "r");
    const proto = Object.getPrototypeOf(handle) as { sync: () => Promise<void> };
    await handle.close();
    const seenAtSync: string[] = [];
    const sync = vi.spyOn(proto, "sync").mockImplementation(async () => {
      seenAtSync.push(await readFile(target, "utf8")); // what CURRENT says at the moment of each fsync
    });
    try {
      await writeFileDurably(target, "new\n");
    } finally {
      sync.mockRestore();
    }
    expect(seenAtSync[0]).toBe("old\n"); // the temp file was synced before the rename
    expect(seenAtSync.length).toBeGreaterThanOrEqual(2); // and the folder after it
    expect(await readFile(target, "utf8")).toBe("new\n");
    expect((await readdir(root)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("syncs every file of a new version before CURRENT names it", async () => {
    const handle = await open(join(seeds, "plain.txt"), "r");
    const proto = Object.getPrototypeOf(handle) as { sync: () => Promise<void> };
    await handle.close();
    const sync = vi.spyOn(proto, "sync");
    try {
      const { version } = await build(gatedEmbedder("first", []));
      const files = (await readdir(join(store, version), { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
      // each file of the version, its folders, CURRENT's temp file and the store folder, the cache file
      expect(sync.mock.calls.length).toBeGreaterThanOrEqual(files.length + 2 + 2);
    } finally {
      sync.mockRestore();
    }
  });
});

describe("one writer at a time", () => {
  it("a second build waits for the first instead of running beside it", async () => {
    const events: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const first = build(gatedEmbedder("A", events, gate));
    await vi.waitFor(() => expect(events).toContain("A embeds"));
    const second = build(gatedEmbedder("B", events));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toEqual(["A embeds"]); // B has not started: it waits for the lock
    open();
    const [a, b] = await Promise.all([first, second]);
    expect(events).toEqual(["A embeds", "A embedded"]);
    expect(b.embedded).toBe(0); // B ran after A
    expect((await readFile(join(store, "CURRENT"), "utf8")).trim()).toBe(b.version);
    // B found A's index current (same files, same settings): nothing to write, A's version serves.
    expect(b.version).toBe(a.version);
    expect(await readdir(store)).not.toContain(LOCK_FILE);
  });

  it("takes over a lock whose process is gone", async () => {
    const child = spawn(process.execPath, ["-e", ""]);
    const deadPid = await new Promise<number>((resolve) => child.on("exit", () => resolve(child.pid!)));
    await writeLockLike({ pid: deadPid });
    const summary = await build(gatedEmbedder("A", []));
    expect(summary.articles).toBeGreaterThan(0);
  });

  it("takes over a lock with its own pid that it does not hold (a container restarted: same host name, same pid)", async () => {
    await writeLockLike({}); // this pid, this host, an earlier process's token
    const release = await acquireWriteLock(store, { timeoutMs: 1_000, pollMs: 50 });
    expect(release).not.toBeNull();
    await release!();
  });

  it("takes over a lock from a process it cannot see once its holder stops touching it", async () => {
    // Another host (`docker compose run` killed with Ctrl-C), or another pid namespace.
    const stopTouching = await writeOtherHostLockKeptTouched();
    try {
      const error = await acquireWriteLock(store, { timeoutMs: 800, pollMs: 50, staleAfterMs: 300 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IndexError); // touched: a live build elsewhere
    } finally {
      stopTouching();
    }
    const started = Date.now();
    const release = await acquireWriteLock(store, { timeoutMs: 5_000, pollMs: 50, staleAfterMs: 300 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await release!();
  });

  it("a build asked to refuse (a /reindex) is refused while a live build holds the lock, and takes over one whose process is gone", async () => {
    await mkdir(store, { recursive: true });
    const held = (await acquireWriteLock(store))!;
    // Waiting, it would build once the lock is let go (here, so that the test ends).
    const letGo = setTimeout(() => void held(), 3_000);
    const refuse = () => buildIndex({ seedsDir: seeds, store: createHnswStore(store), embedder: gatedEmbedder("A", []), maxArticleBytes: 100_000, ifLockHeld: "refuse" });
    const outcome = await refuse().then(() => "built after waiting", (error: unknown) => error);
    clearTimeout(letGo);
    await held();
    expect(outcome).toBeInstanceOf(ReindexInProgressError);
    expect((outcome as ReindexInProgressError).elsewhere).toBe(true);

    const child = spawn(process.execPath, ["-e", ""]);
    const deadPid = await new Promise<number>((resolve) => child.on("exit", () => resolve(child.pid!)));
    await writeLockLike({ pid: deadPid });
    expect((await refuse()).articles).toBeGreaterThan(0);
  });

  it("refusing, watches a lock from a process it cannot see only until it is told live (refused) or stale (taken over)", async () => {
    // A LOCK another host left: refused for good, it held every /reindex off until a restart.
    const stopTouching = await writeOtherHostLockKeptTouched();
    try {
      const error = await acquireWriteLock(store, { untilLive: true, pollMs: 50, staleAfterMs: 2_000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReindexInProgressError); // touched: a live build elsewhere
    } finally {
      stopTouching();
    }
    const release = await acquireWriteLock(store, { untilLive: true, pollMs: 50, staleAfterMs: 300 });
    expect(release).not.toBeNull();
    await release!();
  });

  it("keeps its lock touched while the event loop is blocked (a long synchronous build step)", async () => {
    await mkdir(store, { recursive: true });
    const release = await acquireWriteLock(store, { heartbeatMs: 50 });
    try {
      const before = (await stat(join(store, LOCK_FILE))).mtimeMs;
      const until = Date.now() + 1_500;
      while (Date.now() < until) {
        // blocked, as during HNSWLib's addPoint loop
      }
      expect((await stat(join(store, LOCK_FILE))).mtimeMs).toBeGreaterThan(before);
    } finally {
      await release!();
    }
  });

  it("removes its lock when the process exits holding it (a signal during the bot's first build)", async () => {
    await mkdir(store, { recursive: true });
    const code = `const { acquireWriteLock } = await import(${JSON.stringify(join(REPO, "src", "store", "hnsw", "write-lock.ts"))});
      await acquireWriteLock(${JSON.stringify(store)});
      process.stdout.write("locked");
      process.exit(0);`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { cwd: REPO });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    expect(await new Promise((resolve) => child.on("exit", resolve))).toBe(0);
    expect(out).toBe("locked");
    expect(await readdir(store)).not.toContain(LOCK_FILE);
  });

  it("says clearly who holds the lock when waiting gives up", async () => {
    await mkdir(store, { recursive: true });
    const held = await acquireWriteLock(store);
    try {
      const waits: string[] = [];
      const error = await acquireWriteLock(store, { timeoutMs: 300, pollMs: 50, onWait: (who) => waits.push(who) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IndexError);
      expect(String((error as Error).message)).toMatch(new RegExp(`Another index build is still running \\(pid ${process.pid} on .*\\).*delete .*LOCK`));
      expect(waits).toHaveLength(1);
      expect(await acquireWriteLock(store, { wait: false })).toBeNull();
    } finally {
      await held?.();
    }
  });
});
