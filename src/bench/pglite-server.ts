// For `npm run bench -- --backend postgres` without DATABASE_URL: Postgres with pgvector in this
// process (PGlite, a dev dependency), served on a free loopback port for the worker processes.
// One query at a time for all clients, in WebAssembly: it measures correctness and relative
// costs, not what a real server does.
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** Starts the server; resolves to its DATABASE_URL and a stop function. */
export async function startPgliteServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const db = await PGlite.create({ extensions: { vector } });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 16 });
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
