// Test helper: a TCP proxy on 127.0.0.1 in front of a Postgres server, to make the database go
// silent as after a network cut or a failover (connections stay open, nothing comes back), which
// stopping the server cannot: a stopped server closes the connections and answers nothing at once.
import net from "node:net";

export interface SilenceableProxy {
  /** DATABASE_URL through the proxy. */
  url: string;
  /** "open": all passes; "silent": nothing passes either way; "deaf": statements reach the server, its answers are dropped. */
  mode: "open" | "silent" | "deaf";
  /** Connections to the proxy the client closed. */
  closedByClient: number;
  close: () => void;
}

/** A proxy, open, to the server of `serverUrl` (a postgres:// URL on 127.0.0.1). */
export async function startSilenceableProxy(serverUrl: string): Promise<SilenceableProxy> {
  const port = Number(new URL(serverUrl).port);
  const proxy: SilenceableProxy = { url: "", mode: "open", closedByClient: 0, close: () => server.close() };
  const server = net.createServer((client) => {
    const upstream = net.connect(port, "127.0.0.1");
    client.on("data", (data) => void (proxy.mode === "silent" || upstream.write(data)));
    upstream.on("data", (data) => void (proxy.mode === "open" && client.write(data)));
    client.on("close", () => proxy.closedByClient++);
    for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
      a.on("error", () => {});
      a.on("close", () => b.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `postgres://postgres@127.0.0.1:${(server.address() as net.AddressInfo).port}/postgres`;
  return proxy;
}
