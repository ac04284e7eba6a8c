// Test helper: an HTTP request with its target as written, for the targets fetch refuses to send
// ("//[", "http://[") that a server must answer without ending the process.
import net from "node:net";

/** Sends `method target` to 127.0.0.1:`port` (no body) and returns the response's status line. */
export async function rawRequest(port: number, method: string, target: string): Promise<string> {
  const socket = net.connect(port, "127.0.0.1");
  let response = "";
  socket.on("data", (data) => (response += data.toString("latin1")));
  socket.on("error", () => {});
  socket.setTimeout(2_000, () => socket.destroy());
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.write(`${method} ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  await new Promise((resolve) => socket.once("close", resolve));
  return response.split("\r\n")[0] ?? "";
}
