import http from "node:http";
import type { AddressInfo } from "node:net";
import { AppError } from "../shared/errors.js";
import { requestPath } from "./request-path.js";

/** What `GET /healthz` reports: 503 while the index loads and while stopping, 200 in between. */
export type HealthStatus = "starting" | "ready" | "stopping";

export interface HealthServer {
  /** The port it listens on (useful when 0 was asked for). */
  readonly port: number;
  setStatus(status: HealthStatus): void;
  close(): Promise<void>;
}

/**
 * Answers `GET|HEAD /healthz` with the status (503 unless ready; the body is the status word) and
 * returns true; any other request is left to the caller. Shared with the webhook server on PORT,
 * so a probe gets the same answers on either port.
 */
export function answerHealthCheck(req: http.IncomingMessage, res: http.ServerResponse, path: string, status: HealthStatus): boolean {
  if ((req.method !== "GET" && req.method !== "HEAD") || path !== "/healthz") return false;
  res.writeHead(status === "ready" ? 200 : 503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : `${status}\n`);
  return true;
}

/**
 * A tiny HTTP listener for container and service health checks (HEALTH_PORT), so long polling,
 * which otherwise opens no port, can be probed too. It answers only `GET|HEAD /healthz`, reads no
 * request body, and tells nothing beyond the status word.
 */
export async function startHealthServer(port: number, host?: string): Promise<HealthServer> {
  let status: HealthStatus = "starting";
  const server = http.createServer((req, res) => {
    const path = requestPath(req.url);
    if (path === null) {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8", connection: "close" }).end("bad request\n");
    } else if (!answerHealthCheck(req, res, path, status)) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
    }
    // A probe never sends a body worth reading; do not keep the socket for one.
    req.resume();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(new AppError(`Could not listen on HEALTH_PORT ${port} (${error.code ?? error.message}): choose a free port, or leave HEALTH_PORT empty.`)),
    );
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    setStatus: (next) => {
      status = next;
    },
    close: () =>
      // Node >= 19 also closes idle keep-alive probe connections here, so this does not wait for them.
      new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
