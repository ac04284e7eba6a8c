import type { IncomingMessage, ServerResponse } from "node:http";

/** Telegram's updates are a few KB; 1 MiB leaves room for any real one. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/**
 * Refuses a request body larger than `maxBytes` with 413, without reading the rest: at once when
 * Content-Length says so, else (chunked) as soon as the count passes the limit. The connection is
 * then closed, so whatever the client keeps sending is never buffered. Returns false when the
 * request was refused up front (do not handle it); a later refusal destroys the request, which
 * makes the body reader that was handed it fail.
 */
export function limitRequestBody(req: IncomingMessage, res: ServerResponse, maxBytes: number = MAX_WEBHOOK_BODY_BYTES): boolean {
  // `reason` only once a reader is attached: an 'error' event nobody listens to would crash the process.
  const refuse = (reason?: Error): void => {
    if (!res.headersSent) {
      res.writeHead(413, { "content-type": "text/plain; charset=utf-8", connection: "close" });
      res.end("payload too large\n");
    }
    // Stop reading: pause the request and close the socket once the 413 is on its way.
    req.pause();
    const close = (): void => void req.destroy(reason);
    if (res.writableFinished) close();
    else res.once("finish", close);
  };
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    refuse();
    return false;
  }
  let seen = 0;
  const count = (chunk: Buffer): void => {
    seen += chunk.length;
    if (seen <= maxBytes) return;
    req.off("data", count);
    refuse(new Error(`request body over ${maxBytes} bytes`));
  };
  req.on("data", count);
  return true;
}
