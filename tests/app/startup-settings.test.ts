// Start-up failures caused by a setting (a folder that cannot be used, a port that is taken) name
// that setting and say what to do, instead of surfacing as "Unexpected error: ENOTDIR … mkdir".
import http from "node:http";
import type { AddressInfo } from "node:net";
import { chmod, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openConfiguredBotState } from "../../src/app/open-bot-state.js";
import { listenForWebhook } from "../../src/app/webhook-server.js";
import { loadConfig } from "../../src/config/config.js";
import { ConfigError, explainFolderError } from "../../src/shared/errors.js";
import { silentLogger } from "../../src/shared/logger.js";
import { createHnswStore } from "../../src/store/hnsw/hnsw-store.js";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "startup-settings-"));
});

describe("settings that stop the start", () => {
  it("STATE_DIR through a file: a ConfigError naming STATE_DIR", async () => {
    const file = join(root, "a-file");
    await writeFile(file, "x");
    const config = loadConfig({ STATE_DIR: join(file, "x") });
    const error = await openConfiguredBotState(config, silentLogger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      `The bot's state folder "${join(file, "x")}" cannot be created: that path, or a folder on it, is a file. Point STATE_DIR at a folder, or remove the file.`,
    );
  });

  it("a webhook PORT in use: the error names PORT and what to do", async () => {
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      await expect(listenForWebhook({ url: "https://bot.example.org/hook", port }, silentLogger)).rejects.toThrow(
        `Could not listen on PORT ${port} for the webhook (EADDRINUSE): choose a free port, or leave WEBHOOK_URL empty to use long polling.`,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it("a folder this user may not write to names its setting (EACCES, EPERM, EROFS); other errors pass through", () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open '/srv/store/LOCK'"), { code: "EACCES", path: "/srv/store/LOCK" });
    const error = explainFolderError(denied, 'The index folder "/srv/store"', "--store (or VECTORSTORE_DIR)");
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      'The index folder "/srv/store" is not writable (EACCES on /srv/store/LOCK). Point --store (or VECTORSTORE_DIR) at a folder this user may write to, or change its permissions.',
    );
    const full = Object.assign(new Error("ENOSPC"), { code: "ENOSPC" });
    expect(explainFolderError(full, "x", "Y")).toBe(full);
  });

  // root may write anywhere: the permission check only means something for another user.
  it.skipIf(process.getuid?.() === 0)("an unwritable VECTORSTORE_DIR is reported when a build takes its LOCK, named as the caller names it", async () => {
    const dir = join(root, "read-only-store");
    await mkdir(dir);
    await chmod(dir, 0o555);
    await expect(createHnswStore(dir).lockForWriting()).rejects.toThrow(/^The index folder ".*read-only-store" is not writable \(EACCES on .*LOCK\)\. Point VECTORSTORE_DIR at/);
    await expect(createHnswStore(dir, { setting: "--store (or VECTORSTORE_DIR)" }).lockForWriting()).rejects.toThrow(/\. Point --store \(or VECTORSTORE_DIR\) at/);
  });
});
