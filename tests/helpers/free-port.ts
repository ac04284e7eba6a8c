// A port free on 127.0.0.1 now, for servers that must be told theirs up front (telegram-test-api,
// a webhook URL): a fixed port collides with another test run on the same machine (EADDRINUSE).
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
