import { describe, expect, it } from "vitest";
import { UploadError } from "../../src/knowledge-base/knowledge-base.js";
import { createFileDownloader } from "../../src/bot/download-file.js";

/** A 32 MiB body in 64 KiB chunks, sent without a Content-Length (chunked), as a misbehaving server could. */
function undeclaredBody(): { response: Response; pulled: () => number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (++pulled > 512) return controller.close();
      controller.enqueue(new Uint8Array(64 * 1024));
    },
  });
  return { response: new Response(stream, { status: 200 }), pulled: () => pulled };
}

describe("createFileDownloader", () => {
  it("stops reading a file past the limit even when the server declares no size", async () => {
    const body = undeclaredBody();
    const download = createFileDownloader({ token: "123:TEST", apiRoot: "http://127.0.0.1:1", maxBytes: 1024 * 1024, fetch: async () => body.response });
    const failure = await download("documents/file_1.txt").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UploadError);
    expect((failure as UploadError).problem).toBe("too-large");
    // 1 MiB is 16 chunks: the rest of the 32 MiB is never taken into memory.
    expect(body.pulled()).toBeLessThan(24);
  });

  it("returns a file within the limit, without a declared size too", async () => {
    const download = createFileDownloader({ token: "123:TEST", apiRoot: "http://127.0.0.1:1", maxBytes: 10, fetch: async () => new Response(new TextEncoder().encode("hello")) });
    expect(new TextDecoder().decode(await download("documents/file_1.txt"))).toBe("hello");
  });
});
