// A database host that takes the connection and then says nothing (a network cut, a failover
// behind a proxy): a statement fails once the connection timeout passes, instead of waiting for ever.
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase } from "../../src/store/postgres/sql-database.js";

let server: Server;
const sockets: Socket[] = [];
beforeAll(async () => {
  // Accepts connections and never answers the startup message.
  server = createServer((socket) => {
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe("a database host that never answers", () => {
  it("fails the statement after the connection timeout", async () => {
    const { port } = server.address() as AddressInfo;
    const db = createPgDatabase(`postgres://bot@127.0.0.1:${port}/news`, { connectionTimeoutMs: 200 });
    let timer: NodeJS.Timeout | undefined;
    const stillWaiting = new Promise<string>((resolve) => {
      // Far above the 200 ms asked for (a loaded machine's timers run late), below the 10 s default.
      timer = setTimeout(() => resolve("still waiting after 5 s"), 5_000);
    });
    const outcome = await Promise.race([db.query("SELECT 1").then(() => "answered", (error: Error) => error.message), stillWaiting]);
    clearTimeout(timer);
    expect(outcome).toMatch(/timeout/i);
    await db.end();
  });
});
