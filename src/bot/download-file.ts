import { UploadError } from "../knowledge-base/knowledge-base.js";
import type { FileDownloader } from "./bot-deps.js";

/**
 * Downloads files from the Bot API file endpoint (`<apiRoot>/file/bot<token>/<path>`), refusing
 * anything over `maxBytes`. Error messages never contain the URL: it holds the bot token.
 */
export function createFileDownloader(options: { token: string; apiRoot: string; maxBytes: number; fetch?: typeof fetch }): FileDownloader {
  const doFetch = options.fetch ?? fetch;
  return async (filePath) => {
    const encoded = filePath.split("/").map(encodeURIComponent).join("/");
    let response: Response;
    try {
      response = await doFetch(`${options.apiRoot}/file/bot${options.token}/${encoded}`, { signal: AbortSignal.timeout(60_000) });
    } catch (error) {
      throw new Error(`file download failed: ${error instanceof Error ? error.name : "network error"}`);
    }
    if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
    const declared = Number(response.headers.get("content-length") ?? "0");
    const tooLarge = (size: number) => new UploadError(`The file has ${size} bytes; the limit is ${options.maxBytes}.`, "too-large");
    if (declared > options.maxBytes) throw tooLarge(declared);
    // Read piece by piece: a body without a Content-Length (or a wrong one) is stopped at the
    // limit, not taken into memory whole first (a local Bot API server serves up to 2 GB).
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > options.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(size);
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks, size);
  };
}
