// A DATABASE_URL that leads nowhere useful is said in one line naming DATABASE_URL, whatever way
// the connection fails: refused, a host that takes the connection and never answers, one that
// closes it at once, or a server that refuses it with an error (starting up, shutting down).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect, createServer, type LookupFunction, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { explainConnectionError } from "../../src/store/postgres/postgres-store.js";
import { createPgDatabase } from "../../src/store/postgres/sql-database.js";

const servers: Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
});

/** A TCP server on a free loopback port that does `onConnection` with each connection. */
async function listen(onConnection: (socket: import("node:net").Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    socket.on("error", () => {});
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

/** Postgres's ErrorResponse to the start-up message (protocol 3). */
function errorResponse(code: string, message: string): Buffer {
  const field = (type: string, value: string) => Buffer.from(`${type}${value}\0`);
  const body = Buffer.concat([field("S", "FATAL"), field("V", "FATAL"), field("C", code), field("M", message), Buffer.from([0])]);
  const head = Buffer.alloc(5);
  head.write("E");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

async function explained(port: number): Promise<string> {
  const db = createPgDatabase(`postgres://bot:s3cret@127.0.0.1:${port}/articles`, { connectionTimeoutMs: 300 });
  const error = await db.query("SELECT 1").then(() => null, (e: unknown) => e);
  await db.end().catch(() => {});
  return (explainConnectionError(error, `postgres://bot@127.0.0.1:${port}/articles`) as Error).message;
}

describe("a database that cannot be used", () => {
  it.each([
    ["never answers", () => listen(() => {})],
    ["closes the connection at once", () => listen((socket) => socket.destroy())],
    ["is starting up", () => listen((socket) => socket.once("data", () => socket.end(errorResponse("57P03", "the database system is starting up"))))],
    ["is shutting down", () => listen((socket) => socket.once("data", () => socket.end(errorResponse("57P01", "terminating connection due to administrator command"))))],
  ])("is named with DATABASE_URL when it %s", async (_, start) => {
    const port = await start();
    const message = await explained(port);
    expect(message).toMatch(new RegExp(`^Cannot use the database postgres://bot@127\\.0\\.0\\.1:${port}/articles \\(DATABASE_URL\\): .+\\. Check that Postgres runs there and the URL is right\\.$`));
    expect(message).not.toContain("s3cret");
  });

  it("says why when each of the host's addresses refused (Node's error for that has no message of its own)", async () => {
    // A closed port, on a host name with two addresses, as "localhost" has (127.0.0.1 and ::1) on many machines.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const twoAddresses = ((_host: string, _options: unknown, callback: (...args: unknown[]) => void) =>
      callback(null, [
        { address: "127.0.0.1", family: 4 },
        { address: "127.0.0.2", family: 4 },
      ])) as unknown as LookupFunction;
    const error = await new Promise<unknown>((resolve) => connect({ host: "db.test", port, lookup: twoAddresses }).once("error", resolve));
    const message = (explainConnectionError(error, `postgres://bot@db.test:${port}/articles`) as Error).message;
    expect(message).toContain(`(DATABASE_URL): connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(message).toMatch(/Check that Postgres runs there/);
  });

  it("is named with DATABASE_URL when a Unix socket's folder does not exist, or nothing listens on the socket, as a TCP host is", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pg-socket-"));
    try {
      await writeFile(join(dir, ".s.PGSQL.5432"), ""); // a file where the socket should be: nothing listens
      for (const [host, code] of [[join(dir, "nonexistent"), "ENOENT"], [dir, "ECONNREFUSED"]] as const) {
        const db = createPgDatabase(`postgres:///articles?host=${host}`, { connectionTimeoutMs: 300 });
        const error = await db.query("SELECT 1").then(() => null, (e: unknown) => e);
        await db.end().catch(() => {});
        const message = (explainConnectionError(error, `postgres:///articles?host=${host}`) as Error).message;
        expect(message).toBe(`Cannot use the database postgres:///articles?host=${host} (DATABASE_URL): connect ${code} ${host}/.s.PGSQL.5432. Check that Postgres runs there and the URL is right.`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
