import { afterEach, describe, expect, it } from "vitest";
import { type HealthServer, startHealthServer } from "../../src/app/health-server.js";
import { rawRequest } from "../helpers/raw-request.js";

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const get = async (path: string, method = "GET"): Promise<{ status: number; body: string }> => {
  const response = await fetch(`http://127.0.0.1:${server?.port}${path}`, { method });
  return { status: response.status, body: await response.text() };
};

describe("health server (HEALTH_PORT)", () => {
  it("answers 503 while starting, 200 when ready, 503 again while stopping", async () => {
    server = await startHealthServer(0, "127.0.0.1");
    expect(await get("/healthz")).toEqual({ status: 503, body: "starting\n" });
    server.setStatus("ready");
    expect(await get("/healthz")).toEqual({ status: 200, body: "ready\n" });
    expect((await get("/healthz", "HEAD")).status).toBe(200);
    server.setStatus("stopping");
    expect((await get("/healthz")).status).toBe(503);
  });

  it("serves nothing else", async () => {
    server = await startHealthServer(0, "127.0.0.1");
    server.setStatus("ready");
    expect((await get("/")).status).toBe(404);
    expect((await get("/healthz", "POST")).status).toBe(404);
  });

  it("fails start-up clearly when the port is taken", async () => {
    server = await startHealthServer(0, "127.0.0.1");
    await expect(startHealthServer(server.port, "127.0.0.1")).rejects.toThrow(/HEALTH_PORT \d+ \(EADDRINUSE\)/);
  });
});

describe("health server on a request target that is no URL", () => {
  it("answers 400 and keeps serving (one such request used to end the bot's process)", async () => {
    server = await startHealthServer(0, "127.0.0.1");
    server.setStatus("ready");
    for (const target of ["//[", "//x:99999/healthz", "http://["]) {
      expect(await rawRequest(server.port, "GET", target)).toBe("HTTP/1.1 400 Bad Request");
    }
    expect(await get("/healthz")).toEqual({ status: 200, body: "ready\n" });
  });
});
