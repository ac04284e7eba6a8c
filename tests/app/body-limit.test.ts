import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { limitRequestBody } from "../../src/app/body-limit.js";

const LIMIT = 1024 * 1024;
let server: http.Server;
let port: number;
/** Body bytes the handler behind the limit read, like grammY's webhook adapter does. */
let bodyBytesRead = 0;

beforeEach(async () => {
  bodyBytesRead = 0;
  server = http.createServer((req, res) => {
    if (!limitRequestBody(req, res, LIMIT)) return;
    req.on("data", (chunk: Buffer) => (bodyBytesRead += chunk.length));
    req.on("error", () => {}); // the limit destroys an oversized chunked request with an error
    req.on("end", () => res.end(`read ${bodyBytesRead}`));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/**
 * Sends `head`, then body pieces (as given by `piece`) until the server closes the connection
 * or `maxBytes` were sent; returns what came back and how much was sent.
 */
async function send(head: string, piece: Buffer, maxBytes: number): Promise<{ response: string; sent: number }> {
  const socket = net.connect(port, "127.0.0.1");
  let response = "";
  let closed = false;
  const done = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  socket.on("data", (data) => (response += data.toString("latin1")));
  socket.on("error", () => {}); // EPIPE/ECONNRESET once the server hangs up: expected
  socket.once("close", () => (closed = true));
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.write(head);
  let sent = 0;
  while (!closed && sent < maxBytes) {
    sent += piece.length;
    if (!socket.write(piece)) await Promise.race([new Promise((r) => socket.once("drain", r)), done]);
  }
  if (!closed) socket.end();
  await done;
  return { response, sent };
}

describe("webhook body limit (1 MiB)", () => {
  it("answers 413 to a declared 300 MiB body at once, reading none of it, and hangs up", async () => {
    const head = `POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${300 * 1024 * 1024}\r\n\r\n`;
    const { response, sent } = await send(head, Buffer.alloc(64 * 1024, 0x20), 64 * 1024 * 1024);
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(bodyBytesRead).toBe(0);
    expect(sent).toBeLessThan(64 * 1024 * 1024); // the connection was closed long before 64 MiB
  });

  it("answers 413 to a chunked body as soon as it passes 1 MiB", async () => {
    const data = Buffer.alloc(64 * 1024, 0x20);
    const piece = Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from("\r\n")]);
    const head = "POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    const { response, sent } = await send(head, piece, 64 * 1024 * 1024);
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(bodyBytesRead).toBeLessThanOrEqual(LIMIT + data.length);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it("lets a normal update through", async () => {
    const body = JSON.stringify({ update_id: 1, pad: "x".repeat(10_000) });
    const response = await fetch(`http://127.0.0.1:${port}/telegram`, { method: "POST", body });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(`read ${Buffer.byteLength(body)}`);
  });
});
